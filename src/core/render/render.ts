// The post as the blog will show it: markdown-it with the shortcode plugin, a header card from the
// front matter, images resolved through the site model, sanitised raw HTML, FOSDEM links marked,
// `<!--more-->` shown, and `data-line` on every block for scroll sync. No `vscode` import: the
// preview panel, VS Code's built-in preview (through the plugins) and `recap render` share it.
import * as l10n from '@vscode/l10n';
import MarkdownItFactory from 'markdown-it';
import type { MarkdownIt, MarkdownItOptions, StateCore, Token } from 'markdown-it';
import * as path from 'pathe';
import { parseFrontMatter, type ParsedFrontMatter } from '../frontmatter/parse';
import { configValue } from '../site/configValue';
import { isExternalRef, type SiteIndex } from '../site/files';
import type { SiteInfo } from '../site/site';
import { contextOf, ENV_KEY, escapeHtml, imagePlaceholder, imageSource, siteImageFile, type PluginOptions, type RenderContext, type RenderWarning } from './context';
import { emojiPlugin } from './emoji';
import { checkedLength, isTooLarge, MAX_POST_BYTES, formatMegabytes, utf8Length } from '../lint/postSize';
import { postLocale } from '../text/locale';
import { builtinFrontMatterPlugin } from './builtinFrontMatter';
import { renderHeader } from './header';
import { closeOpenTags, sanitizeHtml, type SanitizeOptions, type SanitizeState } from './sanitize';
import { shortcodePlugin } from './shortcodePlugin';
import { scheduleLinkKind, type ScheduleUrl } from '../schedule/links';

export type { RenderContext, RenderWarning } from './context';

export interface RenderOptions {
  /** Bytes of the post rendered at most (MAX_POST_BYTES by default); the rest is left out, and the page says so. */
  maxBytes?: number;
  /** Absolute path of the post (relative images, page bundles, relref). */
  filePath?: string;
  index?: SiteIndex;
  /** Turns a local file into a URL the page can load: webview URI in VS Code, relative or file: URL in the CLI. Default: file: URL. */
  resolveResource?: (absoluteFile: string) => string;
  /** BCP 47 locale for the date and author list, chosen by the caller (`recap render --locale`): wins over the post's and the site's language. */
  locale?: string;
  /** The editor's or the terminal's language: the date's when neither the post nor the site names one. */
  uiLanguage?: string;
  /** Render `:joy:`-style short names (Hugo's `enableEmoji`). */
  emoji?: boolean;
  /** Load `http:` images (default false: a placeholder with a note). */
  allowHttpImages?: boolean;
  /** The published site's URL: site-absolute images that no local site resolves load from there (`recap render --base-url`). */
  siteBaseUrl?: string;
  /** Keep an image no site resolves as an `<img>` as written, marked, instead of a placeholder (standalone pages). */
  keepUnresolvedImages?: boolean;
  /** The post's parsed front matter, when the caller has it already (not parsed twice). */
  frontMatter?: ParsedFrontMatter;
}

export interface RenderResult {
  /** Header card + content, wrapped: `<article class="recap-post"><div id="recap-header">…</div><div id="recap-content">…</div></article>`. */
  html: string;
  /** The header card (`<header class="recap-header">`), '' when the post has no front matter. */
  headerHtml: string;
  /** The rendered Markdown body (what goes in `#recap-content`). */
  bodyHtml: string;
  /** Front-matter title, else the first heading, else the file name. */
  title: string;
  warnings: RenderWarning[];
  /** Lines in the whole document (front matter included). */
  lineCount: number;
  /** The local files this render resolved links to (relref targets): the only files a click in the page may open. */
  linkedFiles: string[];
}

const HTML_STATE_KEY = '__recapHtmlState';
const SANITIZE_KEY = '__recapSanitize';
/** Warnings returned at most (a huge generated post must not flood the panel). */
const MAX_WARNINGS = 200;
const MORE = /^\s*<!--\s*more\s*-->\s*$/i;
const RESERVED_IDS = new Set(['recap-header', 'recap-content', 'recap-post', 'recap-root']);

function htmlState(env: unknown): SanitizeState {
  const record = env as Record<string, unknown>;
  let state = record[HTML_STATE_KEY] as SanitizeState | undefined;
  if (!state) record[HTML_STATE_KEY] = state = { open: [] };
  return state;
}

function lineOf(token: Token): number | undefined {
  return (token.meta as { line?: number } | null)?.line ?? token.map?.[0];
}

const LINK_CLASSES: Record<ScheduleUrl['kind'], string> = { event: 'recap-talk-link', speaker: 'recap-speaker-link', track: 'recap-track-link' };

/** `recap-talk-link`, `recap-speaker-link` or `recap-track-link` for fosdem.org / archive.fosdem.org schedule links. */
export function fosdemLinkClass(href: string): string | undefined {
  const kind = scheduleLinkKind(href);
  return kind && LINK_CLASSES[kind];
}

function fosdemLink(href: string): { className: string } | undefined {
  const className = fosdemLinkClass(href);
  return className ? { className } : undefined;
}

/** Hugo's heading ids (GitHub style): lower case, punctuation dropped, spaces to `-`. */
export function headingId(text: string): string {
  const lower = text.trim().toLowerCase();
  // Most headings are plain ASCII words: the Unicode-aware pass is only needed for the others.
  const kept = /^[a-z0-9 _-]*$/.test(lower) ? lower : lower.replace(/[^\p{L}\p{N}\s_-]/gu, '');
  return kept.replace(/\s/g, '-');
}

/**
 * The source line a block carries for scroll sync: every opening or self-contained block but list
 * containers (their first item has the same line) and hidden paragraphs (tight lists).
 */
function blockLine(token: Token): number | undefined {
  if (!token.block || !token.map || token.nesting === -1 || token.hidden) return undefined;
  return token.type === 'bullet_list_open' || token.type === 'ordered_list_open' ? undefined : token.map[0];
}

const INLINE_LINE_TYPES = new Set(['image', 'html_inline', 'link_open', 'recap_shortcode_inline', 'recap_shortcode_inline_open']);

/**
 * One pass over the tokens after parsing: FOSDEM link classes and the lines of inline images and
 * shortcodes (for warnings); with `withLines`, source lines, heading ids and table alignment classes
 * (no `style=`). Done at parse time so rendering the same tokens twice changes nothing.
 */
function postProcess(withLines: boolean) {
  return (state: StateCore): void => {
    if (state.inlineMode) return;
    const ids = new Map<string, number>();
    const env = state.env as Record<string, unknown>;
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token.type === 'inline') {
        if (!token.children) continue;
        let line = token.map ? token.map[0] : 0;
        for (const child of token.children) {
          const type = child.type;
          if (type === 'softbreak' || type === 'hardbreak') {
            line++;
          } else if (INLINE_LINE_TYPES.has(type)) {
            if (child.meta) (child.meta as Record<string, unknown>).line ??= line;
            else child.meta = { line };
            if (type === 'link_open') {
              const href = child.attrs?.[0]?.[0] === 'href' ? String(child.attrs[0][1]) : String(child.attrGet('href') ?? '');
              const cls = fosdemLinkClass(href);
              if (cls) child.attrJoin('class', cls);
            }
          }
        }
        continue;
      }
      if (!withLines) continue;
      // Tokens the default renderer prints get their source line from `renderAttrs` (no attribute
      // arrays to build for thousands of blocks); the shortcode blocks, rendered by our own rules, carry it.
      if (token.map && token.nesting !== -1 && token.type.startsWith('recap_shortcode')) {
        token.attrSet('data-line', String(token.map[0]));
        token.attrJoin('class', 'code-line');
      }
      if (token.type === 'heading_open') {
        const inline = tokens[i + 1];
        const text = inline?.children ? inline.children.filter(c => c.type === 'text' || c.type === 'code_inline').map(c => c.content).join('') : inline?.content ?? '';
        if (token.tag === 'h1' && env.__recapFirstHeading === undefined) env.__recapFirstHeading = text;
        let id = headingId(text);
        if (id) {
          const seen = ids.get(id);
          ids.set(id, (seen ?? -1) + 1);
          if (seen !== undefined || RESERVED_IDS.has(id)) id = `${id}-${(seen ?? 0) + 1}`;
          if (!token.attrGet('id')) token.attrSet('id', id);
        }
      } else if (token.type === 'th_open' || token.type === 'td_open') {
        const style = token.attrGet('style');
        if (style) {
          const align = /text-align:\s*(left|right|center)/.exec(String(style));
          token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
          if (align) token.attrJoin('class', `recap-align-${align[1]}`);
        }
      }
    }
  };
}

export interface RecapPluginOptions extends PluginOptions {
  emoji?: boolean;
  /** Add `data-line`/`code-line` source attributes (default true). */
  sourceLines?: boolean;
  /**
   * Plugged into VS Code's built-in Markdown preview: shortcodes render (or stay text in files that
   * are not posts), images the site resolves load from it; code blocks (highlighting), raw HTML, source
   * lines and every other image are left to VS Code, so the plugin never makes that preview worse.
   */
  builtinPreview?: boolean;
}

/**
 * Everything but the header card: shortcodes, images through the site, sanitised raw HTML, FOSDEM
 * link classes, `<!--more-->`, emoji, and (optionally) source lines.
 */
export function recapPlugin(md: MarkdownIt, options: RecapPluginOptions = {}): void {
  md.use(shortcodePlugin, options);
  if (options.emoji) md.use(emojiPlugin);
  const builtin = options.builtinPreview === true;
  const withLines = options.sourceLines !== false && !builtin;
  md.core.ruler.push('recap_post_process', postProcess(withLines));
  if (builtin) md.use(builtinFrontMatterPlugin, options);
  const rules = md.renderer.rules;
  if (withLines) {
    const renderAttrs = md.renderer.renderAttrs.bind(md.renderer);
    md.renderer.renderAttrs = attributed => {
      const token = attributed as Token;
      const line = blockLine(token);
      if (line === undefined) return renderAttrs(token);
      if (!token.attrs) return ` data-line="${line}" class="code-line"`;
      let classes = 'code-line';
      let rest = '';
      for (const [name, value] of token.attrs) {
        if (name === 'class') classes = `${escapeHtml(String(value))} code-line`;
        else rest += ` ${escapeHtml(name)}="${escapeHtml(String(value))}"`;
      }
      return ` data-line="${line}" class="${classes}"${rest}`;
    };
  }

  const defaultImage = rules.image;
  rules.image = (tokens, idx, _opts, env, self) => {
    const token = tokens[idx];
    const ctx = contextOf(env, options);
    if (builtin) {
      // VS Code has already made `src` a webview URI (the author's path is in `data-src`), resolving
      // `/x.webp` against the workspace root: a file the site's static folders hold is the better answer.
      const ref = String(token.attrGet('data-src') ?? token.attrGet('src') ?? '');
      const file = isExternalRef(ref) ? undefined : siteImageFile(ctx, ref);
      if (file && ctx.resolveResource) token.attrSet('src', ctx.resolveResource(file));
      return defaultImage ? defaultImage(tokens, idx, _opts, env, self) : self.renderToken(tokens, idx, _opts);
    }
    const alt = self.renderInlineAsText(token.children ?? [], _opts, env ?? {});
    const source = imageSource(ctx, String(token.attrGet('src') ?? ''), lineOf(token));
    if (!source.ok) return imagePlaceholder(source, alt);
    const title = token.attrGet('title');
    return `<img src="${escapeHtml(source.url)}" alt="${escapeHtml(alt)}"${title ? ` title="${escapeHtml(String(title))}"` : ''} loading="lazy">`;
  };

  // One options object per render (a post with hundreds of raw tags must not build closures for each);
  // the line of the token being sanitised is updated before each call.
  const sanitizeOptions = (env: unknown, line: number | undefined): SanitizeOptions => {
    const record = env as Record<string, unknown>;
    let html = record[SANITIZE_KEY] as { options: SanitizeOptions; line: number | undefined } | undefined;
    if (!html) {
      const ctx = contextOf(env, options);
      const created: { options: SanitizeOptions; line: number | undefined } = { line, options: { state: htmlState(env), link: fosdemLink } };
      created.options.image = (src, alt) => {
        const source = imageSource(ctx, src, created.line);
        if (source.ok) return { url: source.url };
        // Kept as written (a standalone page): the author's own width, height and class stay.
        return source.keep ? { url: source.ref, className: 'recap-image-unresolved', title: source.message } : { replacement: imagePlaceholder(source, alt) };
      };
      record[SANITIZE_KEY] = html = created;
    }
    html.line = line;
    return html.options;
  };
  // VS Code's preview has its own policy for raw HTML: there only `<!--more-->` is ours.
  const defaultHtmlBlock = rules.html_block;
  const defaultHtmlInline = rules.html_inline;
  rules.html_block = (tokens, idx, opts, env, self) => {
    const token = tokens[idx];
    if (MORE.test(token.content)) return `<hr class="recap-more${withLines ? ` code-line" data-line="${token.map?.[0] ?? 0}` : ''}" data-label="${escapeHtml(l10n.t('summary ends here'))}">\n`;
    if (builtin) return defaultHtmlBlock ? defaultHtmlBlock(tokens, idx, opts, env, self) : token.content;
    return sanitizeHtml(token.content, sanitizeOptions(env, lineOf(token)));
  };
  rules.html_inline = (tokens, idx, opts, env, self) => {
    const token = tokens[idx];
    if (MORE.test(token.content)) return `<span class="recap-more recap-more-inline" data-label="${escapeHtml(l10n.t('summary ends here'))}"></span>`;
    if (builtin) return defaultHtmlInline ? defaultHtmlInline(tokens, idx, opts, env, self) : token.content;
    return sanitizeHtml(token.content, sanitizeOptions(env, lineOf(token)));
  };
  // VS Code highlights code through the `highlight` option, which the default rules call.
  if (builtin) return;

  // Code: `data-line` on the <pre>, not the <code> (where markdown-it puts the token's attributes).
  const code = (token: Token, lang: string) => {
    const dataLine = withLines ? blockLine(token) : undefined;
    const classes = `${lang ? `language-${escapeHtml(lang)}` : ''}`;
    return `<pre${dataLine !== undefined ? ` class="code-line" data-line="${dataLine}"` : ''}><code${classes ? ` class="${classes}"` : ''}>${escapeHtml(token.content)}</code></pre>\n`;
  };
  rules.fence = (tokens, idx) => {
    const token = tokens[idx];
    const lang = token.info ? md.utils.unescapeAll(token.info).trim().split(/\s+/g)[0] : '';
    return code(token, lang);
  };
  rules.code_block = (tokens, idx) => code(tokens[idx], '');
}

const BASE_OPTIONS: MarkdownItOptions = { html: true, linkify: true, typographer: true };

/** Plain markdown-it with the renderer's base options (the benchmark's yardstick). */
export function createPlainRenderer(): MarkdownIt {
  return new MarkdownItFactory(BASE_OPTIONS);
}

const renderers = new Map<string, MarkdownIt>();

/**
 * A configured markdown-it, cached per option set: per-post data (path, site, resource mapping)
 * travels in `env` (`{ recap: RenderContext }`), so one instance serves every keystroke.
 */
export function createRenderer(options: { emoji?: boolean } = {}): MarkdownIt {
  const key = options.emoji ? 'emoji' : 'plain';
  let md = renderers.get(key);
  if (!md) {
    md = new MarkdownItFactory(BASE_OPTIONS);
    md.use(recapPlugin, { emoji: !!options.emoji });
    renderers.set(key, md);
  }
  return md;
}

function countLines(text: string, end = text.length): number {
  let lines = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) lines++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) lines++;
  }
  return lines;
}

/** Wraps header and body the way the preview page and `standalonePage` expect. */
export function wrapPost(headerHtml: string, bodyHtml: string): string {
  return `<article class="recap-post"><div id="recap-header">${headerHtml}</div><div id="recap-content">${bodyHtml}</div></article>`;
}

/** Renders a whole post (front matter + Markdown). Never throws: on an internal error the text is shown escaped, with a warning. */
export function renderPost(text: string, options: RenderOptions = {}): RenderResult {
  const source = typeof text === 'string' ? text : '';
  const warnings: RenderWarning[] = [];
  const lineCount = countLines(source) + 1;
  const fallbackTitle = options.filePath ? path.basename(options.filePath) : l10n.t('Untitled');
  try {
    let frontMatter = options.frontMatter ?? parseFrontMatter(source);
    // A post that starts with a shortcode (`{{< figure … >}}`) has no JSON front matter.
    if (frontMatter.block?.format === 'json' && source.startsWith('{{', frontMatter.block.start)) {
      frontMatter = { ...frontMatter, block: undefined, data: {}, fields: [], problems: [], bodyStart: frontMatter.block.start };
    }
    const ctx: RenderContext = {
      filePath: options.filePath, index: options.index, resolveResource: options.resolveResource,
      allowHttpImages: options.allowHttpImages, siteBaseUrl: options.siteBaseUrl, keepUnresolvedImages: options.keepUnresolvedImages,
      frontMatter: frontMatter.data, warnings,
    };
    const locale = options.locale ?? postLocale({ frontMatter: frontMatter.data, filePath: options.filePath, site: options.index?.site, uiLanguage: options.uiLanguage });
    const header = renderHeader(source, frontMatter, ctx, locale);
    // A post past the size limit (a generated or broken file) is shown up to it, and says so, instead
    // of taking seconds and hundreds of megabytes on every keystroke.
    const maxBytes = options.maxBytes ?? MAX_POST_BYTES;
    const tooLarge = isTooLarge(source, maxBytes);
    const end = tooLarge ? Math.max(frontMatter.bodyStart, checkedLength(source, maxBytes)) : source.length;
    // Blank lines in place of the front matter: markdown-it's line numbers are then the document's.
    const body = '\n'.repeat(countLines(source, frontMatter.bodyStart)) + source.slice(frontMatter.bodyStart, end);
    const env: Record<string, unknown> = { [ENV_KEY]: ctx };
    const md = createRenderer({ emoji: options.emoji });
    let bodyHtml = md.render(body, env) + closeOpenTags(htmlState(env));
    if (tooLarge) {
      const cutLine = countLines(source, end);
      const notice = l10n.t('The rest of this post is not shown: it is too large ({size}; the limit is {limit}).', { size: formatMegabytes(utf8Length(source)), limit: formatMegabytes(maxBytes) });
      warnings.push({ line: cutLine, message: notice });
      bodyHtml += `<div class="recap-render-error recap-too-large code-line" data-line="${cutLine}"><p>${escapeHtml(notice)}</p></div>`;
    }
    const heading = typeof env.__recapFirstHeading === 'string' ? env.__recapFirstHeading : undefined;
    warnings.sort((a, b) => a.line - b.line);
    if (warnings.length > MAX_WARNINGS) {
      const more = warnings.length - MAX_WARNINGS;
      warnings.length = MAX_WARNINGS;
      warnings.push({ line: warnings[MAX_WARNINGS - 1].line, message: l10n.t('… and {count} more warnings.', { count: more }) });
    }
    const linkedFiles = [...new Set([...(ctx.resolved?.refs.values() ?? [])].flatMap(found => found.file ? [found.file] : []))];
    return { html: wrapPost(header.html, bodyHtml), headerHtml: header.html, bodyHtml, title: header.title ?? heading ?? fallbackTitle, warnings, lineCount, linkedFiles };
  } catch (error) {
    const message = l10n.t('The preview could not render this post: {error}', { error: error instanceof Error ? error.message : String(error) });
    const bodyHtml = `<div class="recap-render-error code-line" data-line="0"><p>${escapeHtml(message)}</p><pre>${escapeHtml(isTooLarge(source) ? source.slice(0, checkedLength(source)) : source)}</pre></div>`;
    return { html: wrapPost('', bodyHtml), headerHtml: '', bodyHtml, title: fallbackTitle, warnings: [{ line: 0, message }], lineCount, linkedFiles: [] };
  }
}

/** Does the site's Hugo config turn on `enableEmoji`? */
export function siteEnablesEmoji(site: Pick<SiteInfo, 'generatorConfig'> | undefined): boolean {
  return configValue(site?.generatorConfig ?? {}, 'enableEmoji') === true;
}
