// `recap render POST.md [-o OUT.html]`: the post as a standalone HTML page, with the preview's
// renderer and styles, images resolved through the site (relative to the output file), or through the
// published site (`--base-url`), else kept as written; no script, and a CSP that allows none.
import * as l10n from '@vscode/l10n';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { relativeUrl } from '../core/render/context';
import { standalonePage } from '../core/render/page';
import { renderPost, siteEnablesEmoji } from '../core/render/render';
import { findSite } from '../core/site/site';
import { buildSiteIndex } from '../core/site/files';
import { UsageError } from './usage';
import { nodeFileHost } from '../node/fileHost';
import { terminalLanguage } from './language';

/** Its line in `recap --help`, then its options. */
export function renderUsage(): string {
  return l10n.t(`  render POST.md            Write the post as a standalone HTML page (to stdout without -o).
      -o, --output FILE     Write the page to FILE; images are linked relative to it.
      --locale LOCALE       Language of the messages, and the format of dates and name lists, e.g. en-GB, fr
                            (default for dates: the post's language, else the site's, else the terminal's).
      --emoji / --no-emoji  Render :short_names: (default: the site's enableEmoji).
      --css FILE            Add a style sheet (the site's own CSS); repeatable.
      --base-url URL        The published site, e.g. https://blog.example.org: site-absolute images
                            (/images/a.png) that no local site resolves load from there. Without it and
                            without a site, they stay <img> tags as written, marked "not resolved".`);
}

/** The --base-url value as a URL: http or https, else a usage error. */
function siteBaseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(l10n.t('--base-url: "{value}" is not a URL (e.g. https://blog.example.org)', { value }));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(l10n.t('--base-url: "{value}" is not an http(s) URL', { value }));
  if (url.search || url.hash) throw new UsageError(l10n.t('--base-url: "{value}" has a query or fragment; give the site\'s root', { value }));
  return url;
}

/** media/preview.css, found from the bundle (dist/cli.js) or the sources (src/cli/render.ts). */
export function previewCssPath(): string | undefined {
  const candidates = [path.join(__dirname, '..', 'media', 'preview.css'), path.join(__dirname, '..', '..', 'media', 'preview.css')];
  return candidates.find(candidate => existsSync(candidate));
}

export async function runRender(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, strict: true,
    options: {
      output: { type: 'string', short: 'o' }, locale: { type: 'string' }, emoji: { type: 'boolean' }, 'no-emoji': { type: 'boolean' },
      css: { type: 'string', multiple: true }, 'base-url': { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) throw new UsageError('help');
  if (positionals.length !== 1) throw new UsageError(positionals.length ? l10n.t('render takes one post') : l10n.t('render needs a post: recap render POST.md'));
  if (values.locale !== undefined) {
    try {
      new Intl.DateTimeFormat(values.locale);
    } catch {
      throw new UsageError(l10n.t('--locale: "{value}" is not a locale', { value: values.locale }));
    }
  }
  const baseUrl = values['base-url'] === undefined ? undefined : siteBaseUrl(values['base-url']);
  const file = path.resolve(positionals[0]);
  const text = await nodeFileHost.readFile(file);
  if (text === undefined) {
    process.stderr.write(`recap render: ${l10n.t('cannot read {file}', { file: positionals[0] })}\n`);
    return 1;
  }
  const extraCss: string[] = [];
  for (const cssFile of values.css ?? []) {
    const css = await nodeFileHost.readFile(path.resolve(cssFile));
    if (css === undefined) {
      process.stderr.write(`recap render: ${l10n.t('cannot read --css {file}', { file: cssFile })}\n`);
      return 1;
    }
    extraCss.push(css);
  }
  const site = await findSite(nodeFileHost, file);
  const index = site ? await buildSiteIndex(nodeFileHost, site) : undefined;
  const output = values.output ? path.resolve(values.output) : undefined;
  const emoji = values['no-emoji'] ? false : values.emoji ?? siteEnablesEmoji(site);
  const result = renderPost(text, {
    filePath: file,
    index,
    resolveResource: output ? resource => relativeUrl(path.dirname(output), resource) : resource => pathToFileURL(resource).href,
    locale: values.locale,
    uiLanguage: terminalLanguage(),
    emoji,
    siteBaseUrl: baseUrl?.href,
    keepUnresolvedImages: true,
  });
  const cssPath = previewCssPath();
  const css = cssPath ? await fs.readFile(cssPath, 'utf8') : '';
  if (!cssPath) process.stderr.write(`recap render: ${l10n.t('media/preview.css not found; the page has no styles.')}\n`);
  const page = standalonePage(result, {
    css: [css, ...extraCss], title: result.title, lang: values.locale,
    sha256Base64: text => createHash('sha256').update(text, 'utf8').digest('base64'),
    // Images are relative to the output file, or file: URLs on stdout; an http: site needs its origin named.
    resourceSources: [...(output ? [] : ['file:']), ...(baseUrl?.protocol === 'http:' ? [baseUrl.origin] : [])],
  });
  const shown = path.relative(process.cwd(), file) || file;
  for (const warning of result.warnings) process.stderr.write(`${shown}:${warning.line + 1}: ${l10n.t('warning {message}', { message: warning.message })}\n`);
  if (output) {
    try {
      await fs.mkdir(path.dirname(output), { recursive: true });
      await fs.writeFile(output, page, 'utf8');
    } catch (error) {
      process.stderr.write(`recap render: ${l10n.t('cannot write {file}: {error}', { file: values.output ?? '', error: error instanceof Error ? error.message : String(error) })}\n`);
      return 1;
    }
  } else {
    process.stdout.write(page);
  }
  return 0;
}
