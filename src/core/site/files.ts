// The files of a site, as the generator sees them: static dirs (and themes'), assets, content
// (page bundles), and the site's own shortcode templates with the parameters they read. Resolves an
// image path or a `ref`/`relref` target to a file the way Hugo (or Jekyll) would.
import * as path from 'pathe';
import type { FileHost } from '../host';
import { configValue } from './configValue';
import { isInside, isMarkdownFile, type SiteInfo } from './site';
import { closestMatch, levenshtein, NAME_MATCH } from '../text/similarity';
import { SKIPPED_DIRS, walkFiles } from './walk';

export interface SiteShortcode {
  name: string;
  /** Named parameters read with `.Get "name"`. */
  params: string[];
  /** Number of positional parameters read (`.Get 0`, `.Get 1` → 2). */
  positional: number;
  /** Absolute path of the template. */
  file?: string;
  /** Reads `.Inner`: must be closed (or self-closed); false: takes no inner content; undefined: cannot tell. */
  paired?: boolean;
}

export interface SiteIndex {
  site: SiteInfo;
  /** Absolute static roots, the site's first, then the themes'. Jekyll and plain Markdown: the site root. */
  staticDirs: string[];
  /** Absolute content roots. */
  contentDirs: string[];
  /** Absolute `assets/` roots (site, then themes). */
  assetDirs: string[];
  /** Files under a static root, relative to it, '/'-separated. */
  staticFiles: Set<string>;
  /** Files under a content root (Markdown and bundle resources), relative to it, '/'-separated. */
  contentFiles: string[];
  /** Files under an assets root, relative to it. */
  assetFiles: Set<string>;
  /** The site's shortcodes (site templates win over themes'). */
  shortcodes: Map<string, SiteShortcode>;
  /** Path prefix of `baseURL` (`/blog/` for `https://x.org/blog/`), '' when none. */
  basePath: string;
  /** The walk stopped at the file cap: absence of a file proves nothing. */
  truncated: boolean;
  /** Lookups, kept current by `updateSiteIndex`. */
  lookup: SiteLookup;
}

interface RootedFile { root: string; rel: string }

interface SiteLookup {
  /** rel → absolute root, per kind. */
  staticRoot: Map<string, string>;
  assetRoot: Map<string, string>;
  contentRoot: Map<string, string>;
  contentSet: Set<string>;
  /** Lower-cased content keys (`posts/a`, `posts/a.md`, bundle dir) → content file. */
  contentKeys: Map<string, RootedFile>;
  /** Lower-cased base name without extension → content files. */
  contentByBase: Map<string, RootedFile[]>;
  /** URL space (static + content resources + assets): dir ('' for root) → child name → is directory. */
  urlTree: Map<string, Map<string, boolean>>;
  /** Content space, for relative (page bundle) paths. */
  contentTree: Map<string, Map<string, boolean>>;
  /** Lower-cased base name → rel paths in the URL space. */
  urlByBase: Map<string, string[]>;
}

export const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.svg', '.bmp', '.ico', '.tif', '.tiff', '.heic', '.jxl']);
export const MAX_INDEXED_FILES = 50_000;
const STATIC_SKIPPED = new Set([...SKIPPED_DIRS, 'vendor', '.jekyll-cache', '.sass-cache', 'node_modules', '.bundle']);

export function isImagePath(file: string): boolean {
  return IMAGE_EXTENSIONS.has(path.extname(file.split(/[?#]/)[0]).toLowerCase());
}

function emptyLookup(): SiteLookup {
  return { staticRoot: new Map(), assetRoot: new Map(), contentRoot: new Map(), contentSet: new Set(), contentKeys: new Map(), contentByBase: new Map(), urlTree: new Map(), contentTree: new Map(), urlByBase: new Map() };
}

interface HugoSettings {
  staticDirs: string[];
  contentDirs: string[];
  assetDirs: string[];
  themes: string[];
  themesDir: string;
  basePath: string;
}

/** The folders and base path a Hugo site's config sets (the config itself was parsed once, with the site). */
function hugoSettings(site: SiteInfo): HugoSettings {
  const get = (key: string): unknown => configValue(site.generatorConfig ?? {}, key);
  const strings = (value: unknown): string[] | undefined => typeof value === 'string' ? [value] : Array.isArray(value) && value.every(v => typeof v === 'string') ? value as string[] : undefined;
  const staticDirs = strings(get('staticDir')) ?? ['static'];
  for (let n = 0; n <= 10; n++) staticDirs.push(...(strings(get(`staticDir${n}`)) ?? []));
  const contentDirs = strings(get('contentDir')) ?? ['content'];
  const assetDirs = strings(get('assetDir')) ?? ['assets'];
  const themes = strings(get('theme')) ?? [];
  const themesDir = (strings(get('themesDir')) ?? ['themes'])[0];
  // Hugo modules: mounts of the project itself.
  const module = get('module');
  if (module && typeof module === 'object' && Array.isArray((module as Record<string, unknown>).mounts)) {
    for (const mount of (module as { mounts: unknown[] }).mounts) {
      if (!mount || typeof mount !== 'object') continue;
      const { source, target } = mount as { source?: unknown; target?: unknown };
      if (typeof source !== 'string' || typeof target !== 'string') continue;
      if (target === 'static') staticDirs.push(source);
      else if (target === 'content') contentDirs.push(source);
      else if (target === 'assets') assetDirs.push(source);
    }
  }
  let basePath = '';
  const baseURL = get('baseURL');
  if (typeof baseURL === 'string') {
    const match = /^[a-z]+:\/\/[^/]+(\/.*)$/i.exec(baseURL.trim());
    if (match && match[1] !== '/') basePath = match[1].endsWith('/') ? match[1] : `${match[1]}/`;
  }
  return { staticDirs, contentDirs, assetDirs, themes, themesDir, basePath };
}

/** Walks the site's static, assets and content folders and reads its shortcode templates. */
export async function buildSiteIndex(host: FileHost, site: SiteInfo, maxFiles = MAX_INDEXED_FILES): Promise<SiteIndex> {
  const index: SiteIndex = {
    site, staticDirs: [], contentDirs: [], assetDirs: [], staticFiles: new Set(), contentFiles: [], assetFiles: new Set(),
    shortcodes: new Map(), basePath: '', truncated: false, lookup: emptyLookup(),
  };
  const budget = { left: maxFiles };
  const unique = (dirs: string[]) => [...new Set(dirs.map(d => path.resolve(site.root, d)))];
  if (site.generator === 'hugo') {
    const settings = hugoSettings(site);
    const themeRoots = settings.themes.map(theme => path.resolve(site.root, settings.themesDir, theme));
    index.staticDirs = unique([...settings.staticDirs, ...site.staticDirs.map(d => path.relative(site.root, d)), ...themeRoots.map(t => path.join(t, 'static'))]);
    index.contentDirs = unique([...settings.contentDirs, ...site.contentDirs.map(d => path.relative(site.root, d))]);
    index.assetDirs = unique([...settings.assetDirs, ...themeRoots.map(t => path.join(t, 'assets'))]);
    index.basePath = settings.basePath;
    for (const dir of index.contentDirs) for (const rel of await walkFiles(host, dir, { budget, enter: name => name !== '.git' && name !== 'node_modules', optionalRoot: true })) addContent(index, dir, rel);
    for (const dir of index.staticDirs) for (const rel of await walkFiles(host, dir, { budget, enter: name => !SKIPPED_DIRS.has(name), optionalRoot: true })) addStatic(index, dir, rel);
    for (const dir of index.assetDirs) for (const rel of await walkFiles(host, dir, { budget, enter: name => !SKIPPED_DIRS.has(name), optionalRoot: true })) addAsset(index, dir, rel);
    // Site templates first: they win over the themes'.
    const layoutRoots = [path.join(site.root, 'layouts'), ...themeRoots.map(t => path.join(t, 'layouts'))];
    for (const layouts of layoutRoots) {
      for (const folder of ['shortcodes', '_shortcodes']) {
        const dir = path.join(layouts, folder);
        for (const rel of await walkFiles(host, dir, { budget: { left: 2000 }, enter: () => true, optionalRoot: true })) {
          const file = path.join(dir, rel);
          const name = shortcodeNameOf(rel);
          if (!name || index.shortcodes.has(name)) continue;
          const text = await host.readFile(file);
          if (text !== undefined) index.shortcodes.set(name, { ...readShortcodeTemplate(text), name, file });
        }
      }
    }
  } else {
    // Jekyll copies the site root (less `_` folders) to the output; a plain Markdown site serves its folder.
    index.staticDirs = [site.root];
    index.contentDirs = unique(site.contentDirs.map(d => path.relative(site.root, d)));
    for (const dir of index.contentDirs) for (const rel of await walkFiles(host, dir, { budget, enter: name => name !== '.git', optionalRoot: true })) addContent(index, dir, rel);
    const enterStatic = (name: string) => !STATIC_SKIPPED.has(name) && !name.startsWith('.') && (site.generator !== 'jekyll' || !name.startsWith('_'));
    for (const rel of await walkFiles(host, site.root, { budget, enter: enterStatic, optionalRoot: true })) addStatic(index, site.root, rel);
  }
  index.truncated = budget.left <= 0;
  return index;
}

/** `image.html` → `image`, `foo/bar.en.html` → `foo/bar`; undefined for non-templates. */
export function shortcodeNameOf(rel: string): string | undefined {
  const parts = rel.split('/');
  const base = parts.pop() as string;
  if (base.startsWith('.')) return undefined;
  const name = base.split('.')[0];
  if (!name || !/\.(html|htm|md|markdown|xml|json|txt|ics|rss)$/i.test(base)) return undefined;
  return [...parts, name].join('/');
}

/** The parameters a shortcode template reads: `.Get "alt"`, `.Get 0`, `.Inner`. */
export function readShortcodeTemplate(text: string): Omit<SiteShortcode, 'name' | 'file'> {
  const params = new Set<string>();
  let positional = 0;
  for (const match of text.matchAll(/\.Get\s+(?:"([^"\n]+)"|`([^`\n]+)`|(\d+))/g)) {
    if (match[3] !== undefined) positional = Math.max(positional, Number(match[3]) + 1);
    else params.add(match[1] ?? match[2]);
  }
  // `index .Params "name"` / `.Params.name`
  for (const match of text.matchAll(/index\s+\.Params\s+(?:"([^"\n]+)"|(\d+))/g)) {
    if (match[2] !== undefined) positional = Math.max(positional, Number(match[2]) + 1);
    else params.add(match[1]);
  }
  for (const match of text.matchAll(/\.Params\.([A-Za-z_][A-Za-z0-9_]*)/g)) params.add(match[1]);
  // No `.Inner`: a closing tag is an error in Hugo — unless a partial or template might read it.
  const paired = /\.Inner(Deindent)?\b/.test(text) ? true : /\{\{-?\s*(partial|partialCached|template)\b/.test(text) ? undefined : false;
  return { params: [...params], positional, paired };
}

// ---------- adding and removing files ----------

function addTree(tree: Map<string, Map<string, boolean>>, rel: string): void {
  const parts = rel.split('/');
  let dir = '';
  for (let i = 0; i < parts.length; i++) {
    let children = tree.get(dir);
    if (!children) tree.set(dir, children = new Map());
    const isDir = i < parts.length - 1;
    if (!children.get(parts[i])) children.set(parts[i], isDir);
    dir = dir ? `${dir}/${parts[i]}` : parts[i];
  }
}

function removeTree(tree: Map<string, Map<string, boolean>>, rel: string): void {
  const slash = rel.lastIndexOf('/');
  tree.get(slash === -1 ? '' : rel.slice(0, slash))?.delete(rel.slice(slash + 1));
}

function pushMulti<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function addUrl(index: SiteIndex, rel: string): void {
  addTree(index.lookup.urlTree, rel);
  pushMulti(index.lookup.urlByBase, path.basename(rel).toLowerCase(), rel);
}

function addStatic(index: SiteIndex, root: string, rel: string): void {
  if (index.lookup.staticRoot.has(rel)) return;
  index.staticFiles.add(rel);
  index.lookup.staticRoot.set(rel, root);
  addUrl(index, rel);
}

function addAsset(index: SiteIndex, root: string, rel: string): void {
  if (index.lookup.assetRoot.has(rel)) return;
  index.assetFiles.add(rel);
  index.lookup.assetRoot.set(rel, root);
  addUrl(index, rel);
}

function contentKeysOf(rel: string): string[] {
  const lower = rel.toLowerCase();
  const keys = [lower];
  const ext = path.extname(lower);
  const noExt = lower.slice(0, lower.length - ext.length);
  keys.push(noExt);
  const lang = /^(.*)\.[a-z]{2}(?:-[a-z]{2})?$/.exec(noExt);
  if (lang) keys.push(lang[1]);
  for (const key of [...keys]) {
    const match = /^(?:(.*)\/)?_?index$/.exec(key);
    if (match) keys.push(match[1] ?? '');
  }
  return keys;
}

/** A content file's name as Hugo matches it: the base name without extension, a bundle's folder name. */
function contentBaseOf(rel: string): string {
  const lower = rel.toLowerCase();
  const bundle = /(?:^|\/)([^/]+)\/_?index\.[^./]+$/.exec(lower);
  return bundle ? bundle[1] : path.basename(lower).replace(/\.[^.]*$/, '');
}

function addContent(index: SiteIndex, root: string, rel: string): void {
  const { lookup } = index;
  if (lookup.contentSet.has(rel)) return;
  index.contentFiles.push(rel);
  lookup.contentSet.add(rel);
  lookup.contentRoot.set(rel, root);
  addTree(lookup.contentTree, rel);
  if (isMarkdownFile(rel) || /\.(html|htm|adoc|asciidoc|org|pandoc|rst)$/i.test(rel)) {
    const file = { root, rel };
    for (const key of contentKeysOf(rel)) if (!lookup.contentKeys.has(key)) lookup.contentKeys.set(key, file);
    pushMulti(lookup.contentByBase, contentBaseOf(rel), file);
  } else if (index.site.generator === 'hugo') {
    addUrl(index, rel); // a bundle resource is published beside its page
  }
}

/** Keeps an index current when a file is created or deleted (the editor's file watcher). */
export function updateSiteIndex(index: SiteIndex, file: string, change: 'created' | 'deleted', templateText?: string): void {
  const absolute = path.resolve(file);
  const shortcode = shortcodeFileName(index, absolute);
  if (shortcode) {
    if (change === 'deleted') {
      if (index.shortcodes.get(shortcode)?.file === absolute) index.shortcodes.delete(shortcode);
    } else if (templateText !== undefined) {
      const existing = index.shortcodes.get(shortcode);
      if (!existing || existing.file === absolute || !existing.file) index.shortcodes.set(shortcode, { ...readShortcodeTemplate(templateText), name: shortcode, file: absolute });
    }
    return;
  }
  const { lookup } = index;
  for (const root of index.contentDirs) {
    if (!isInside(root, absolute)) continue;
    const rel = path.relative(root, absolute);
    if (change === 'created') addContent(index, root, rel);
    else if (lookup.contentRoot.get(rel) === root) {
      lookup.contentSet.delete(rel);
      lookup.contentRoot.delete(rel);
      const at = index.contentFiles.indexOf(rel);
      if (at !== -1) index.contentFiles.splice(at, 1);
      removeTree(lookup.contentTree, rel);
      for (const key of contentKeysOf(rel)) if (lookup.contentKeys.get(key)?.rel === rel) lookup.contentKeys.delete(key);
      const base = contentBaseOf(rel);
      lookup.contentByBase.set(base, (lookup.contentByBase.get(base) ?? []).filter(f => f.rel !== rel));
      removeUrl(index, rel);
    }
    return;
  }
  for (const [dirs, add, roots, set] of [[index.staticDirs, addStatic, lookup.staticRoot, index.staticFiles], [index.assetDirs, addAsset, lookup.assetRoot, index.assetFiles]] as const) {
    for (const root of dirs) {
      if (!isInside(root, absolute)) continue;
      const rel = path.relative(root, absolute);
      if (rel.split('/').some(part => STATIC_SKIPPED.has(part) || (index.site.generator === 'jekyll' && part.startsWith('_')))) return;
      if (change === 'created') add(index, root, rel);
      else if (roots.get(rel) === root) {
        roots.delete(rel);
        set.delete(rel);
        removeUrl(index, rel);
      }
      return;
    }
  }
}

/** Reads the template when `file` is a shortcode template, then updates the index. */
export async function updateSiteIndexFromHost(host: FileHost, index: SiteIndex, file: string, change: 'created' | 'changed' | 'deleted'): Promise<void> {
  const absolute = path.resolve(file);
  if (shortcodeFileName(index, absolute)) {
    updateSiteIndex(index, absolute, change === 'deleted' ? 'deleted' : 'created', change === 'deleted' ? undefined : await host.readFile(absolute));
  } else if (change !== 'changed') {
    updateSiteIndex(index, absolute, change);
  }
}

function removeUrl(index: SiteIndex, rel: string): void {
  const { lookup } = index;
  if (lookup.staticRoot.has(rel) || lookup.assetRoot.has(rel) || (lookup.contentSet.has(rel) && !isMarkdownFile(rel))) return;
  removeTree(lookup.urlTree, rel);
  const base = path.basename(rel).toLowerCase();
  lookup.urlByBase.set(base, (lookup.urlByBase.get(base) ?? []).filter(r => r !== rel));
}

/** The shortcode name when `file` is a template under a `layouts/(_)shortcodes/` folder of the site or a theme. */
function shortcodeFileName(index: SiteIndex, file: string): string | undefined {
  const match = /[\\/]layouts[\\/]_?shortcodes[\\/](.+)$/.exec(file);
  if (!match || !isInside(index.site.root, file)) return undefined;
  return shortcodeNameOf(match[1].split(/[\\/]/).join('/'));
}

// ---------- resolving ----------

export interface Resolution {
  /** The file it resolves to (absolute). */
  file?: string;
  /** Absolute paths that were tried. */
  candidates: string[];
  /** Not a local path (http(s), data:, protocol-relative, a Hugo template): nothing to check. */
  external?: boolean;
}

/** Is this reference outside what the site can check: a URL, data URI, template, mail address…? */
export function isExternalRef(ref: string): boolean {
  const trimmed = ref.trim();
  return trimmed === '' || /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//') || trimmed.includes('{{') || trimmed.startsWith('#') || trimmed.includes('$');
}

/** Strips `?query` and `#fragment` and URL-decodes. */
export function cleanRef(ref: string): string {
  let clean = ref.trim().replace(/^<|>$/g, '');
  const cut = clean.search(/[?#]/);
  if (cut !== -1) clean = clean.slice(0, cut);
  try {
    clean = decodeURIComponent(clean);
  } catch {
    // A stray `%`: keep the text as written.
  }
  return clean;
}

/** The folder relative references of a post resolve against: the bundle's for `index.md`/`_index.md`, else the post's. */
function postDir(postPath: string): string {
  return path.dirname(path.resolve(postPath));
}

/** Where is `rel` (URL space, no leading slash) in the index? */
function findUrl(index: SiteIndex, rel: string): string | undefined {
  const { lookup } = index;
  const staticRoot = lookup.staticRoot.get(rel);
  if (staticRoot) return path.join(staticRoot, rel);
  if (index.site.generator === 'hugo') {
    const contentRoot = lookup.contentRoot.get(rel);
    if (contentRoot) return path.join(contentRoot, rel);
    const assetRoot = lookup.assetRoot.get(rel);
    if (assetRoot) return path.join(assetRoot, rel);
  }
  return undefined;
}

/** Is the absolute `file` an indexed file? */
function findAbsolute(index: SiteIndex, file: string): boolean {
  const { lookup } = index;
  for (const root of index.contentDirs) if (isInside(root, file) && lookup.contentRoot.get(path.relative(root, file)) === root) return true;
  for (const root of index.staticDirs) if (isInside(root, file) && lookup.staticRoot.get(path.relative(root, file)) === root) return true;
  for (const root of index.assetDirs) if (isInside(root, file) && lookup.assetRoot.get(path.relative(root, file)) === root) return true;
  return false;
}

/**
 * Resolves an image reference of the post at `postPath`. Absolute (`/blog/x.webp`): the static
 * dirs, then (Hugo) bundle resources published at that URL and `assets/`. Relative: the page bundle
 * (the post's folder), then `assets/`.
 */
export function resolveImage(index: SiteIndex, postPath: string, ref: string): Resolution {
  if (isExternalRef(ref)) return { candidates: [], external: true };
  const clean = cleanRef(ref);
  if (!clean) return { candidates: [], external: true };
  const candidates: string[] = [];
  if (clean.startsWith('/')) {
    const rels = [clean.slice(1)];
    if (index.basePath && clean.startsWith(index.basePath)) rels.push(clean.slice(index.basePath.length));
    for (const rel of rels) {
      const normalized = path.normalize(rel).replace(/^(\.\.\/)+/, '');
      const found = findUrl(index, normalized);
      candidates.push(...index.staticDirs.map(dir => path.join(dir, normalized)));
      if (found) return { file: found, candidates };
    }
    return { candidates };
  }
  const local = path.resolve(postDir(postPath), clean);
  candidates.push(local);
  if (findAbsolute(index, local)) return { file: local, candidates };
  if (index.site.generator === 'hugo') {
    const rel = path.normalize(clean).replace(/^(\.\.\/)+/, '').replace(/^\.\//, '');
    for (const root of index.assetDirs) {
      candidates.push(path.join(root, rel));
      if (index.lookup.assetRoot.get(rel) === root) return { file: path.join(root, rel), candidates };
    }
  }
  return { candidates };
}

/**
 * Resolves a `ref`/`relref` target like Hugo: `#anchor` stripped, with or without the extension,
 * a leaf bundle by its folder (`index.md`), a section by its `_index.md`; a path without a leading
 * slash is tried relative to the current page, then to the content root, then as a unique file name.
 * Hugo's lookups are case-insensitive.
 */
export function resolveContentRef(index: SiteIndex, postPath: string, ref: string): Resolution {
  const clean = cleanRef(ref.trim());
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref.trim()) || ref.includes('{{')) return { candidates: [], external: true };
  if (!clean) return { file: path.resolve(postPath), candidates: [] }; // `#anchor` on the same page
  const { lookup } = index;
  const candidates: string[] = [];
  const tryKey = (key: string): string | undefined => {
    const normalized = path.normalize(key.toLowerCase()).replace(/^\/+|\/+$/g, '').replace(/^\.$/, '');
    if (normalized.startsWith('..')) return undefined;
    const hit = lookup.contentKeys.get(normalized);
    for (const root of index.contentDirs.slice(0, 1)) candidates.push(path.join(root, normalized));
    return hit ? path.join(hit.root, hit.rel) : undefined;
  };
  if (clean.startsWith('/')) {
    const found = tryKey(clean);
    return found ? { file: found, candidates } : { candidates };
  }
  const absolutePost = path.resolve(postPath);
  const root = index.contentDirs.find(dir => isInside(dir, absolutePost));
  if (root) {
    const base = path.basename(absolutePost).toLowerCase();
    // A bundle's index.md lives in the page's own folder; relative refs resolve from its parent section.
    const dirs = [path.relative(root, path.dirname(absolutePost))];
    if (base === 'index.md' || base === '_index.md') dirs.push(path.dirname(dirs[0]));
    for (const dir of dirs) {
      const found = tryKey(dir && dir !== '.' ? `${dir}/${clean}` : clean);
      if (found) return { file: found, candidates };
    }
  }
  const found = tryKey(clean);
  if (found) return { file: found, candidates };
  if (!clean.includes('/')) {
    const same = lookup.contentByBase.get(clean.replace(/\.[^.]*$/, '').toLowerCase()) ?? [];
    if (same.length === 1) return { file: path.join(same[0].root, same[0].rel), candidates };
  }
  return { candidates };
}

/**
 * A replacement for an image reference that resolves to nothing. First the same file name elsewhere in the site
 * (`effort-reconfort.png` written as if beside the post, but kept in `static/images/`): `/images/effort-reconfort.png`.
 * Then a near name in the folder the path points to, in the same style (absolute or relative). Then a near image
 * name anywhere in the site. Names are compared without their folders, so `preview.webp` never suggests an
 * unrelated `jose-intro.webp` just because their folders make the paths long and alike.
 */
export function nearestImage(index: SiteIndex, postPath: string, ref: string): string | undefined {
  if (isExternalRef(ref)) return undefined;
  const clean = cleanRef(ref);
  const name = path.basename(clean);
  if (!name) return undefined;
  const { lookup } = index;
  const absolute = clean.startsWith('/');
  const wanted = absolute ? clean.slice(1) : clean;
  const elsewhere = bestUrlOf(index, lookup.urlByBase.get(name.toLowerCase()) ?? [], name, wanted);
  if (elsewhere) return `/${elsewhere}`;
  const prefix = clean.includes('/') ? clean.slice(0, clean.lastIndexOf('/') + 1) : '';
  if (absolute) {
    const dir = path.dirname(wanted);
    const names = [...lookup.urlTree.get(dir === '.' ? '' : dir) ?? []].filter(([, isDir]) => !isDir).map(([file]) => file);
    const found = onlyNearest(names, name);
    if (found) return prefix + found;
  } else {
    const dir = path.resolve(postDir(postPath), path.dirname(clean));
    const root = index.contentDirs.find(d => isInside(d, dir) || d === dir);
    if (root) {
      const names = [...lookup.contentTree.get(path.relative(root, dir)) ?? []].filter(([file, isDir]) => !isDir && !isMarkdownFile(file)).map(([file]) => file);
      const found = onlyNearest(names, name);
      if (found) return prefix + found;
    }
  }
  if (!isImagePath(name)) return undefined;
  const nearName = onlyNearest([...lookup.urlByBase.keys()].filter(base => isImagePath(base) && lookup.urlByBase.get(base)?.length), name.toLowerCase());
  const near = nearName && bestUrlOf(index, lookup.urlByBase.get(nearName) ?? [], name, wanted);
  return near ? `/${near}` : undefined;
}

/** The nearest candidate when no other is as near: `cover.webp` among `cover-1.webp` … `cover-6.webp` is a guess, not a fix. */
function onlyNearest(candidates: string[], target: string): string | undefined {
  const found = closestMatch(target, candidates, NAME_MATCH);
  if (!found) return undefined;
  const distance = levenshtein(found.toLowerCase(), target.toLowerCase());
  const tied = candidates.some(other => other !== found && other !== target && levenshtein(other.toLowerCase(), target.toLowerCase(), distance) <= distance);
  return tied ? undefined : found;
}

/**
 * Of the URL-space files that share a name, the one to suggest: the name in the same case, a static file (served
 * as it is) before a bundle resource or an asset, then the path closest to what was written.
 */
function bestUrlOf(index: SiteIndex, rels: string[], name: string, wanted: string): string | undefined {
  let best: { rel: string; rank: number[] } | undefined;
  for (const rel of rels) {
    const rank = [
      path.basename(rel) === name ? 0 : 1,
      index.lookup.staticRoot.has(rel) ? 0 : index.lookup.contentSet.has(rel) ? 1 : 2,
      levenshtein(rel.toLowerCase(), wanted.toLowerCase(), 64),
      rel.length,
    ];
    if (!best || compareRanks(rank, best.rank) < 0) best = { rel, rank };
  }
  return best?.rel;
}

/** Lexicographic order of two rank tuples of the same length. */
function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** A replacement for a `ref`/`relref` target that resolves to nothing: the closest content path, extension-less. */
export function nearestContentRef(index: SiteIndex, ref: string): string | undefined {
  const clean = cleanRef(ref).replace(/^\/+/, '');
  const hasExt = /\.[a-z]+$/i.test(clean);
  const target = clean.toLowerCase();
  const pool: string[] = [];
  const base = path.basename(target).replace(/\.[^.]*$/, '');
  for (const file of index.lookup.contentByBase.get(base) ?? []) pool.push(file.rel);
  for (const rel of index.contentFiles) if (isMarkdownFile(rel)) pool.push(rel);
  const shapes = pool.map(rel => hasExt ? rel : rel.replace(/\/_?index\.[^./]+$/, '').replace(/\.[^./]+$/, ''));
  const found = closestMatch(target, shapes, NAME_MATCH) ?? closestMatch(path.basename(target), shapes.map(s => path.basename(s)), NAME_MATCH);
  if (!found) return undefined;
  const full = shapes.find(s => s === found) ?? shapes.find(s => path.basename(s) === found);
  return full && (ref.trim().startsWith('/') ? `/${full}` : full);
}

/** Children of a folder in the URL space (`''` = site root) or the content space; name → is directory. */
export function listDir(index: SiteIndex, space: 'url' | 'content', dir: string): Map<string, boolean> {
  return (space === 'url' ? index.lookup.urlTree : index.lookup.contentTree).get(dir.replace(/^\/+|\/+$/g, '')) ?? new Map();
}

/** Absolute path of a file in the URL space (static, bundle resource, assets). */
export function urlFile(index: SiteIndex, rel: string): string | undefined {
  return findUrl(index, rel.replace(/^\/+/, ''));
}

/** The content folder (relative, '/'-separated) a post's relative paths resolve in, and its content root. */
export function contentDirOf(index: SiteIndex, postPath: string): { root: string; dir: string } | undefined {
  const absolute = path.resolve(postPath);
  const root = index.contentDirs.find(d => isInside(d, absolute));
  if (!root) return undefined;
  const dir = path.relative(root, path.dirname(absolute));
  return { root, dir: dir === '.' ? '' : dir };
}
