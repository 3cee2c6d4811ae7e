// Finds the site a file belongs to (Hugo, Jekyll, or a plain Markdown folder with `.recap.json`) and
// decides which files are posts: recap checks apply to posts only, never to a code repository's README.
import * as path from 'pathe';
import picomatch from 'picomatch';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { CONFIG_FILE_NAME, parseConfigFile, type ConfigProblem, type RecapConfigFile } from './configFile';
import type { ParsedFrontMatter } from '../frontmatter/parse';
import type { FileHost } from '../host';
import { configValue } from './configValue';
import type { PresetName } from '../frontmatter/schema';

export type Generator = 'hugo' | 'jekyll' | 'markdown';

export interface SiteInfo {
  root: string;
  generator: Generator;
  /** The file that told us (hugo.toml, _config.yml, .recap.json …). */
  marker: string;
  /** Hugo: content directories (absolute). Jekyll: `_posts` and `_drafts`. */
  contentDirs: string[];
  /** Hugo: static directories (absolute), `static/` by default. */
  staticDirs: string[];
  config?: RecapConfigFile;
  configProblems: ConfigProblem[];
  /** Absolute path of `.recap.json` when there is one. */
  configPath?: string;
  /** The generator's own config (`hugo.toml`, Jekyll's `_config.yml` …), parsed once here for everything that reads it; {} when none or broken. */
  generatorConfig: Record<string, unknown>;
}

const HUGO_MARKERS = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config/_default/hugo.toml', 'config/_default/hugo.yaml', 'config/_default/config.toml'];
const LEGACY_HUGO_MARKERS = ['config.toml', 'config.yaml', 'config.yml', 'config.json'];
const JEKYLL_MARKERS = ['_config.yml', '_config.yaml', '_config.toml'];
export const MARKDOWN_EXTENSIONS = ['.md', '.markdown', '.mdown', '.mkd'];

/** Walks up from `filePath` to the nearest site root; undefined when the file is in no site. */
export async function findSite(host: FileHost, filePath: string, stopAt?: string): Promise<SiteInfo | undefined> {
  let dir = path.dirname(path.resolve(filePath));
  const limit = stopAt ? path.resolve(stopAt) : undefined;
  for (;;) {
    const site = await siteAt(host, dir);
    if (site) return site;
    const parent = path.dirname(dir);
    if (parent === dir || (limit && dir === limit)) return undefined;
    dir = parent;
  }
}

/** The site whose root is exactly `dir`, if any. */
export async function siteAt(host: FileHost, dir: string): Promise<SiteInfo | undefined> {
  const configPath = path.join(dir, CONFIG_FILE_NAME);
  const configText = await host.readFile(configPath);
  const parsedConfig = configText !== undefined ? parseConfigFile(configText) : undefined;
  const make = async (generator: Generator, marker: string, markerText?: string): Promise<SiteInfo> => {
    const generatorConfig = markerText !== undefined ? parseGeneratorConfig(marker, markerText) : {};
    const dirs = generator === 'hugo' ? hugoDirs(generatorConfig) : { content: generator === 'jekyll' ? ['_posts', '_drafts'] : [], static: [] };
    return {
      generatorConfig,
      root: dir, generator, marker,
      contentDirs: dirs.content.map(d => path.resolve(dir, d)),
      staticDirs: dirs.static.map(d => path.resolve(dir, d)),
      config: parsedConfig?.config, configProblems: parsedConfig?.problems ?? [],
      configPath: configText !== undefined ? configPath : undefined,
    };
  };
  for (const marker of HUGO_MARKERS) {
    const text = await host.readFile(path.join(dir, marker));
    if (text !== undefined) return make('hugo', marker, text);
  }
  for (const marker of JEKYLL_MARKERS) {
    // Read, not only seen: the site's `lang` is the language of its dates.
    const text = await host.readFile(path.join(dir, marker));
    if (text !== undefined) return make('jekyll', marker, text);
  }
  for (const marker of LEGACY_HUGO_MARKERS) {
    const text = await host.readFile(path.join(dir, marker));
    // A bare config.json/yaml is common in code repositories: only a Hugo site if it has content/ or archetypes/.
    if (text !== undefined && (marker === 'config.toml' || await host.exists(path.join(dir, 'content')) || await host.exists(path.join(dir, 'archetypes')))) {
      return make('hugo', marker, text);
    }
  }
  if (parsedConfig) {
    const preset = parsedConfig.config.preset;
    return make(preset === 'hugo' || preset === 'jekyll' ? preset : 'markdown', CONFIG_FILE_NAME);
  }
  return undefined;
}

/** A Hugo or Jekyll config file's settings; a broken config is the generator's error to report, so it reads as its defaults. */
export function parseGeneratorConfig(marker: string, text: string): Record<string, unknown> {
  let config: unknown = {};
  try {
    if (marker.endsWith('.toml')) config = parseToml(text);
    else if (marker.endsWith('.json')) config = JSON.parse(text);
    else config = parseYaml(text) ?? {};
  } catch {
    config = {};
  }
  return typeof config === 'object' && config !== null && !Array.isArray(config) ? config as Record<string, unknown> : {};
}

function hugoDirs(config: Record<string, unknown>): { content: string[]; static: string[] } {
  const pick = (key: string, fallback: string[]): string[] => {
    const value = configValue(config, key);
    if (typeof value === 'string') return [value];
    if (Array.isArray(value) && value.every(v => typeof v === 'string')) return value as string[];
    return fallback;
  };
  return { content: pick('contentDir', ['content']), static: pick('staticDir', ['static']) };
}

/**
 * The schema preset for a post: the site's `.recap.json`, else its generator. A file in no site
 * (checked by name from the CLI) is guessed from its front matter: Jekyll posts name a `layout`,
 * anything else is taken as Hugo, the most common recap blog.
 */
export function presetFor(site: SiteInfo | undefined, frontMatter?: ParsedFrontMatter): PresetName {
  if (site) return site.config?.preset ?? site.generator;
  if (frontMatter?.block?.format === 'yaml' && frontMatter.fields.some(field => field.key === 'layout') && !frontMatter.fields.some(field => field.key === 'draft')) return 'jekyll';
  return 'hugo';
}

export function isMarkdownFile(filePath: string): boolean {
  return MARKDOWN_EXTENSIONS.includes(path.extname(filePath).toLowerCase());
}

/**
 * Is this file a post? Hugo: a Markdown file under a content dir (not a section's `_index.md`).
 * Jekyll: under `_posts/` or `_drafts/`. Any site: a match of the `posts` globs (`.recap.json` or settings).
 */
export function isPost(site: SiteInfo | undefined, filePath: string, extraGlobs: string[] = []): boolean {
  if (!isMarkdownFile(filePath)) return false;
  const absolute = path.resolve(filePath);
  const globs = [...(site?.config?.posts ?? []), ...extraGlobs];
  if (globs.length > 0) {
    const relative = site ? path.relative(site.root, absolute) : absolute;
    if (picomatch(globs, { dot: true, basename: false })(relative)) return true;
  }
  if (!site) return false;
  if (path.basename(absolute).toLowerCase() === '_index.md') return false;
  return site.contentDirs.some(dir => isInside(dir, absolute));
}

export function isInside(dir: string, filePath: string): boolean {
  const relative = path.relative(dir, filePath);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
