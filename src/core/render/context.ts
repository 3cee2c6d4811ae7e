// What the renderer's markdown-it rules need to know about the post being rendered: its path, the
// site model and how a local file becomes a URL the page can load. Travels in markdown-it's `env`
// (so one cached markdown-it instance serves every post), plus helpers shared by the rules: escaping,
// URL safety and image resolution (local, https, blocked http, missing).
import * as l10n from '@vscode/l10n';
import * as path from 'pathe';
import { fileUrl } from './fileUrl';
import { cleanRef, resolveImage, type SiteIndex } from '../site/files';

export interface RenderWarning {
  /** 0-based line in the whole document. */
  line: number;
  message: string;
}

export interface RenderContext {
  /** Absolute path of the post: relative images, page bundles and `relref` resolve from here. */
  filePath?: string;
  /** The site model: static dirs, bundles, content files. Without it only relative paths resolve. */
  index?: SiteIndex;
  /** Turns a local file into a URL the page can load (webview URI, relative path, file: URL). Default: a file: URL. */
  resolveResource?: (absoluteFile: string) => string;
  /** How a link to another content file (`relref`) is written; default: `resolveResource`. */
  resolveLink?: (absoluteFile: string) => string;
  /** Load `http:` images (default false: a placeholder with a note). */
  allowHttpImages?: boolean;
  /** The published site (`recap render --base-url`): site-absolute images that no local site resolves load from there. */
  siteBaseUrl?: string;
  /** A standalone page keeps an image no site resolves as an `<img>` as written (class `recap-image-unresolved`), not a placeholder. */
  keepUnresolvedImages?: boolean;
  /** The post's front matter (for `{{< param >}}`). */
  frontMatter?: Record<string, unknown>;
  /** Render shortcodes as their source text (VS Code's preview of a Markdown file that is not a post). */
  literalShortcodes?: boolean;
  /** VS Code's built-in preview: when the header card stands in for the front matter (`recap.builtinPreview.frontMatter`). */
  builtinHeader?: 'auto' | 'show' | 'hide';
  /** The editor's language: dates follow it when neither the post nor the site names one. */
  uiLanguage?: string;
  /** Collected as the rules run; `renderPost` returns them. */
  warnings?: RenderWarning[];
  /**
   * Resolutions memoised for one render (a post shows the same picture or links the same post more
   * than once). The shortcode plugin clears them when a parse starts: the site may change between renders.
   */
  resolved?: { images: Map<string, string | undefined>; refs: Map<string, { file?: string; external?: boolean }> };
}

/** The file the site serves for an image reference of the post, if any (memoised for the render). */
export function siteImageFile(ctx: RenderContext, ref: string): string | undefined {
  if (!ctx.index || !ctx.filePath || !ref) return undefined;
  const cache = resolvedOf(ctx).images;
  if (!cache.has(ref)) cache.set(ref, resolveImage(ctx.index, ctx.filePath, ref).file);
  return cache.get(ref);
}

/** The render's memo of image and ref resolutions (created on first use). */
export function resolvedOf(ctx: RenderContext): NonNullable<RenderContext['resolved']> {
  return ctx.resolved ??= { images: new Map(), refs: new Map() };
}

/** The key under which the context travels in markdown-it's `env`. */
export const ENV_KEY = 'recap';

/** Plugin options shared by the markdown-it plugins. */
export interface PluginOptions {
  /** Context for an env that has none under `env.recap` (VS Code's built-in preview passes its own env). */
  context?: (env: unknown) => RenderContext | undefined;
}

export function contextOf(env: unknown, options?: PluginOptions): RenderContext {
  const fromEnv = env && typeof env === 'object' ? (env as Record<string, unknown>)[ENV_KEY] : undefined;
  if (fromEnv && typeof fromEnv === 'object') return fromEnv as RenderContext;
  const supplied = options?.context?.(env);
  if (supplied && env && typeof env === 'object') (env as Record<string, unknown>)[ENV_KEY] = supplied;
  return supplied ?? {};
}

export function warn(ctx: RenderContext, line: number | undefined, message: string): void {
  ctx.warnings?.push({ line: Math.max(0, line ?? 0), message });
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return /[&<>"']/.test(text) ? text.replace(/[&<>"']/g, c => HTML_ESCAPES[c]) : text;
}

/** ` name="value"` pairs, escaped; undefined and false values are left out, true gives a bare attribute. */
export function attrs(values: Record<string, string | number | boolean | undefined>): string {
  let out = '';
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === false) continue;
    out += value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`;
  }
  return out;
}

/** Class names a post may add (`class="…"` on a figure): letters, digits, `-`, `_`. */
export function safeClasses(value: string | undefined): string[] {
  if (!value) return [];
  return value.split(/\s+/).filter(c => /^[A-Za-z_][A-Za-z0-9_-]*$/.test(c) && !/^(recap-|code-line$)/.test(c));
}

const CONTROL_AND_SPACE = /[\u0000-\u0020\u007f-\u009f]/g;
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel', 'ftp', 'ftps', 'irc', 'ircs', 'xmpp', 'sms']);
const SAFE_DATA_IMAGE = /^data:image\/(png|gif|jpe?g|webp|avif|bmp|x-icon|svg\+xml)[;,]/i;

/**
 * The URL if it is safe to put in an `href` (kind `link`) or `src` (kind `image`): no `javascript:`,
 * `vbscript:`, `data:` (except raster and SVG images as `src`), whatever their case, entities or
 * embedded control characters. Relative URLs and `#fragments` are safe.
 */
export function safeUrl(url: string, kind: 'link' | 'image'): string | undefined {
  // Browsers drop tabs and line breaks anywhere in a URL and control characters and spaces at its ends.
  const probe = url.replace(CONTROL_AND_SPACE, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(probe);
  if (!scheme) {
    // `java&#x0A;script:` and friends are decoded by the caller; a colon before any `/`, `?` or `#` is a scheme.
    return /^[^/?#]*:/.test(probe) ? undefined : url.trim();
  }
  const name = scheme[1].toLowerCase();
  if (name === 'data') return kind === 'image' && SAFE_DATA_IMAGE.test(probe) ? url.trim() : undefined;
  return SAFE_SCHEMES.has(name) ? url.trim() : undefined;
}

export type ImageSource =
  | { ok: true; url: string; file?: string }
  | { ok: false; reason: 'http' | 'missing' | 'unsafe' | 'unresolved'; ref: string; message: string; keep?: boolean };

/** A URL for `file` relative to the folder of the page (forward slashes, each segment encoded). */
export function relativeUrl(fromDir: string, file: string): string {
  const rel = path.relative(fromDir, file);
  if (path.isAbsolute(rel) || /^[a-zA-Z]:/.test(rel)) return fileUrl(file); // another drive
  return rel.split('/').map(encodeURIComponent).join('/');
}

function defaultResource(file: string): string {
  return fileUrl(file);
}

/** Resolves an image reference of the post: site static dirs and page bundles, https, blocked http. Warns on problems. */
export function imageSource(ctx: RenderContext, ref: string, line?: number): ImageSource {
  const trimmed = ref.trim();
  if (!trimmed) {
    warn(ctx, line, l10n.t('An image without a source.'));
    return { ok: false, reason: 'missing', ref, message: l10n.t('image without a source') };
  }
  if (/^https:/i.test(trimmed) || trimmed.startsWith('//')) {
    const url = trimmed.startsWith('//') ? `https:${trimmed}` : trimmed;
    return safeUrl(url, 'image') ? { ok: true, url } : { ok: false, reason: 'unsafe', ref, message: l10n.t('unsafe image URL') };
  }
  if (/^http:/i.test(trimmed)) {
    if (ctx.allowHttpImages) return { ok: true, url: trimmed };
    warn(ctx, line, l10n.t('http image not shown (use https): {ref}', { ref: trimmed }));
    return { ok: false, reason: 'http', ref: trimmed, message: l10n.t('http image not shown: {ref}', { ref: trimmed }) };
  }
  if (/^data:/i.test(trimmed)) {
    return safeUrl(trimmed, 'image') ? { ok: true, url: trimmed } : { ok: false, reason: 'unsafe', ref: trimmed.slice(0, 40), message: l10n.t('unsafe data: URL') };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) {
    if (/^(file|vscode-webview-resource|vscode-resource):/i.test(trimmed)) return { ok: true, url: trimmed };
    return { ok: false, reason: 'unsafe', ref: trimmed, message: l10n.t('unsupported image URL: {ref}', { ref: trimmed }) };
  }
  if (trimmed.includes('{{')) return { ok: false, reason: 'unresolved', ref: trimmed, message: l10n.t('template in image path: {ref}', { ref: trimmed }) };
  const resource = ctx.resolveResource ?? defaultResource;
  if (ctx.index && ctx.filePath) {
    const found = { file: siteImageFile(ctx, trimmed) };
    if (found.file) return { ok: true, url: resource(found.file) + fragmentOf(trimmed), file: found.file };
    warn(ctx, line, ctx.index.truncated ? l10n.t('Image not found: {ref} (the site is too large to index completely)', { ref: trimmed }) : l10n.t('Image not found: {ref}', { ref: trimmed }));
    return { ok: false, reason: 'missing', ref: trimmed, message: l10n.t('image not found: {ref}', { ref: trimmed }) };
  }
  const clean = cleanRef(trimmed);
  if (ctx.filePath && !clean.startsWith('/')) {
    const file = path.resolve(path.dirname(ctx.filePath), clean);
    return { ok: true, url: resource(file) + fragmentOf(trimmed), file };
  }
  if (clean.startsWith('/') && ctx.siteBaseUrl) {
    const url = onSite(ctx.siteBaseUrl, trimmed);
    if (url) return { ok: true, url };
  }
  warn(ctx, line, l10n.t('Image not resolved (no site found): {ref}', { ref: trimmed }));
  return { ok: false, reason: 'unresolved', ref: trimmed, message: l10n.t('image not resolved (no site): {ref}', { ref: trimmed }), keep: ctx.keepUnresolvedImages };
}

/** A site-absolute path on the published site: `/images/a.png` on `https://x.org/blog` is `https://x.org/blog/images/a.png`. */
export function onSite(baseUrl: string, sitePath: string): string | undefined {
  try {
    return new URL(sitePath.replace(/^\/+/, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).href;
  } catch {
    return undefined;
  }
}

function fragmentOf(ref: string): string {
  const hash = ref.indexOf('#');
  return hash === -1 ? '' : ref.slice(hash);
}

/** An inline placeholder for an image that is not shown. */
export function imagePlaceholder(source: Extract<ImageSource, { ok: false }>, alt?: string): string {
  if (source.keep) return `<img${attrs({ src: source.ref, alt: alt ?? '', class: 'recap-image-unresolved', title: source.message, loading: 'lazy' })}>`;
  const label = source.reason === 'http' ? l10n.t('http image not shown') : source.reason === 'missing' ? l10n.t('image not found') : source.reason === 'unsafe' ? l10n.t('image blocked') : l10n.t('image not resolved');
  const link = source.reason === 'http' ? `<a class="recap-image-ref" href="${escapeHtml(source.ref)}">${escapeHtml(source.ref)}</a>` : `<code class="recap-image-ref">${escapeHtml(source.ref)}</code>`;
  return `<span class="recap-image-placeholder recap-image-${source.reason}" role="img"${attrs({ 'aria-label': `${label}: ${source.ref}`, title: source.message })}>`
    + `<span class="recap-image-placeholder-label">${escapeHtml(label)}:</span> ${link}${alt ? ` <span class="recap-image-alt">${escapeHtml(alt)}</span>` : ''}</span>`;
}

/** `<img …>` for a resolved source, else the placeholder. */
export function imageHtml(ctx: RenderContext, ref: string, line: number | undefined, extra: { alt?: string; title?: string; className?: string; width?: string; height?: string; loading?: string } = {}): string {
  const source = imageSource(ctx, ref, line);
  if (!source.ok) return imagePlaceholder(source, extra.alt);
  const dimension = (value?: string) => value && /^\d{1,5}(%|px)?$/.test(value.trim()) ? value.trim().replace(/px$/, '') : undefined;
  return `<img${attrs({ src: source.url, alt: extra.alt ?? '', title: extra.title || undefined, class: extra.className, width: dimension(extra.width), height: dimension(extra.height), loading: extra.loading === 'eager' ? 'eager' : 'lazy' })}>`;
}
