// A markdown-it plugin for Hugo shortcodes, usable alone (VS Code's built-in preview through
// `extendMarkdownIt`) or inside `renderPost`. It reuses the project's shortcode scanner: the whole
// source is scanned once per parse, block rules look tags up by offset.
//
// - `image` (the site's `{{<image href=… alt=…>}}`) and `figure` → `<figure>` with `<img>` and caption;
// - `ref`/`relref` → a link to the target post (also as a Markdown link destination: `[x]({{< relref "p" >}})`);
// - `youtube`/`vimeo` → a linked thumbnail (no iframe); `x`/`tweet`/`instagram`/`gist` → a linked card;
// - `highlight` → a code block; `details` → `<details>`; `comment` → a collapsed, marked block;
// - `param` → the front-matter value; `{{</* … */>}}` → the literal tag, as Hugo prints it;
// - anything else → a visible labelled block (or inline span) with its name and arguments, its inner
//   content rendered inside; never dropped.
// Shortcodes inside code spans and fences stay literal (those rules run first).
import * as l10n from '@vscode/l10n';
import type { MarkdownIt, MarkdownItOptions, Renderer, StateBlock, StateCore, StateInline, Token } from 'markdown-it';
import * as path from 'pathe';
import { BUILTIN_BY_NAME, getArg, getPositional, pairShortcodes, scanShortcodes, type ShortcodeToken } from '../markdown/shortcodes';
import { resolveContentRef } from '../site/files';
import { attrs, contextOf, escapeHtml, imageHtml, resolvedOf, safeClasses, safeUrl, warn, type PluginOptions, type RenderContext } from './context';


interface ScanResult {
  src: string;
  byStart: Map<number, ShortcodeToken>;
  /** Opening tag start → its closing tag. */
  pairs: Map<number, ShortcodeToken>;
}

const SCAN_KEY = '__recapShortcodeScan';

function isPairedFor(ctx: RenderContext): (name: string) => boolean | undefined {
  return name => BUILTIN_BY_NAME.get(name)?.paired ?? ctx.index?.shortcodes.get(name)?.paired;
}

function scanDocument(src: string, ctx: RenderContext): ScanResult {
  const tokens = src.includes('{{') ? scanShortcodes(src) : [];
  const byStart = new Map<number, ShortcodeToken>();
  for (const token of tokens) byStart.set(token.start, token);
  const pairs = new Map<number, ShortcodeToken>();
  if (tokens.length) for (const pair of pairShortcodes(tokens, isPairedFor(ctx)).pairs) pairs.set(pair.open.start, pair.close);
  return { src, byStart, pairs };
}

/** One tag at `pos`, scanning no further than the next `{{` (a tag never contains one). */
export function scanOne(src: string, pos: number, max: number): ShortcodeToken | undefined {
  const next = src.indexOf('{{', pos + 3);
  const limit = next === -1 || next > max ? max : next;
  const token = scanShortcodes(src, pos, limit)[0];
  return token && token.start === pos ? token : undefined;
}

function isShortcodeStart(src: string, pos: number): boolean {
  if (src.charCodeAt(pos) !== 0x7b || src.charCodeAt(pos + 1) !== 0x7b) return false;
  const d = src.charCodeAt(pos + 2);
  return d === 0x3c /* < */ || d === 0x25 /* % */;
}

// Hugo prints the comment form `{{</* x */>}}` as `{{< x >}}`.
export function literalOfComment(raw: string): string {
  return raw.replace(/^\{\{([<%])(\s*)\/\*/, '{{$1$2').replace(/\*\/(\s*)([>%])\}\}$/, '$1$2}}');
}

function argText(token: ShortcodeToken): string {
  return token.args.map(arg => {
    const value = arg.quote === '`' ? `\`${arg.value}\`` : arg.quote === '' && !/[\s"]/.test(arg.value) ? arg.value : JSON.stringify(arg.value);
    return arg.name !== undefined ? `${arg.name}=${value}` : value;
  }).join(' ');
}

function value(token: ShortcodeToken, name: string, position?: number): string | undefined {
  return getArg(token, name)?.value ?? (position !== undefined ? getPositional(token, position)?.value : undefined);
}

// ---------- rendering ----------

/** `class` and `data-line` the source-map rule put on a block token, merged with the renderer's classes. */
function openAttrs(token: Token | undefined, classes: string[], extra: Record<string, string | number | boolean | undefined> = {}): string {
  const all = [...classes];
  let dataLine: string | undefined;
  for (const [name, val] of token?.attrs ?? []) {
    if (name === 'class') all.push(...String(val).split(/\s+/).filter(Boolean));
    else if (name === 'data-line') dataLine = String(val);
  }
  return attrs({ class: all.join(' ') || undefined, 'data-line': dataLine, ...extra });
}

function lineOf(token: Token): number | undefined {
  return (token.meta as { line?: number } | null)?.line ?? token.map?.[0];
}

function label(tag: ShortcodeToken, note?: string): string {
  const args = argText(tag);
  const open = tag.delimiter === '%' ? '{{%' : '{{<';
  const close = tag.delimiter === '%' ? '%}}' : '>}}';
  return `<span class="recap-shortcode-label"${note ? attrs({ title: note }) : ''}><span class="recap-shortcode-delim">${escapeHtml(open)}</span> `
    + `<span class="recap-shortcode-name">${escapeHtml(tag.kind === 'close' ? `/${tag.name}` : tag.name || '?')}</span>`
    + (args ? ` <span class="recap-shortcode-args">${escapeHtml(args)}</span>` : '')
    + ` <span class="recap-shortcode-delim">${escapeHtml(close)}</span></span>`;
}

function unknownNote(tag: ShortcodeToken, ctx: RenderContext): string {
  const site = ctx.index?.shortcodes.get(tag.name);
  if (site?.file) return l10n.t("The site's shortcode {name} ({file}): not rendered by the preview.", { name: tag.name, file: path.basename(site.file) });
  if (BUILTIN_BY_NAME.has(tag.name)) return l10n.t("Hugo's {name} shortcode: not rendered by the preview.", { name: tag.name });
  return l10n.t('Unknown shortcode {name}: not rendered by the preview.', { name: tag.name });
}

function unknownClasses(tag: ShortcodeToken, ctx: RenderContext): string[] {
  return ['recap-shortcode', 'recap-shortcode-unknown', ...(ctx.index?.shortcodes.has(tag.name) ? ['recap-shortcode-site'] : [])];
}

function renderMarkdownInline(md: MarkdownIt, text: string, env: unknown): string {
  return md.renderInline(text, env as Record<string, unknown>);
}

interface RefTarget { href: string; file?: string; resolved: boolean }

function resolveRef(ctx: RenderContext, ref: string, line: number | undefined, name: string): RefTarget {
  const hash = ref.indexOf('#');
  const fragment = hash === -1 ? '' : ref.slice(hash);
  if (ctx.index && ctx.filePath) {
    const refs = resolvedOf(ctx).refs;
    let found = refs.get(ref);
    if (!found) refs.set(ref, found = resolveContentRef(ctx.index, ctx.filePath, ref));
    const link = ctx.resolveLink ?? ctx.resolveResource;
    if (found.file) return { href: link ? link(found.file) + fragment : ref, file: found.file, resolved: true };
    if (!found.external) warn(ctx, line, l10n.t('{shortcode} target not found: {ref}', { shortcode: name, ref }));
  }
  return { href: safeUrl(ref, 'link') ?? '#', resolved: false };
}

function refLinkAttrs(ctx: RenderContext, ref: string, line: number | undefined, name: string): Record<string, string | undefined> {
  const target = resolveRef(ctx, ref, line, name);
  return { href: target.href, class: target.resolved ? 'recap-ref' : 'recap-ref recap-ref-unresolved', 'data-source-file': target.file, title: target.resolved ? undefined : l10n.t('{shortcode} "{ref}" not resolved', { shortcode: name, ref }) };
}

function videoHtml(tag: ShortcodeToken): string | undefined {
  const id = value(tag, 'id', 0)?.trim();
  if (!id || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return undefined;
  const title = value(tag, 'title');
  if (tag.name === 'youtube') {
    return `<a class="recap-video recap-video-youtube"${attrs({ href: `https://www.youtube.com/watch?v=${id}`, title: title ?? l10n.t('YouTube video {id}', { id }) })}>`
      + `<img class="recap-video-thumb"${attrs({ src: `https://i.ytimg.com/vi/${id}/hqdefault.jpg`, alt: title ?? l10n.t('YouTube video {id}', { id }), loading: 'lazy' })}>`
      + `<span class="recap-video-play" aria-hidden="true">▶</span><span class="recap-video-caption">${escapeHtml(title ?? `YouTube · ${id}`)}</span></a>`;
  }
  // Vimeo thumbnails need its API: a linked card without a picture.
  return `<a class="recap-video recap-video-vimeo"${attrs({ href: `https://vimeo.com/${id}`, title: title ?? l10n.t('Vimeo video {id}', { id }) })}>`
    + `<span class="recap-video-thumb recap-video-thumb-empty"></span><span class="recap-video-play" aria-hidden="true">▶</span>`
    + `<span class="recap-video-caption">${escapeHtml(title ?? `Vimeo · ${id}`)}</span></a>`;
}

function embedUrl(tag: ShortcodeToken): string | undefined {
  const clean = (s: string | undefined) => s && /^[A-Za-z0-9_.-]{1,128}$/.test(s) ? s : undefined;
  switch (tag.name) {
    case 'x': case 'tweet': case 'twitter': {
      const user = clean(value(tag, 'user')); const id = clean(value(tag, 'id'));
      return user && id ? `https://x.com/${user}/status/${id}` : undefined;
    }
    case 'instagram': {
      const id = clean(value(tag, 'id', 0));
      return id ? `https://www.instagram.com/p/${id}/` : undefined;
    }
    case 'gist': {
      const user = clean(value(tag, 'user', 0)); const id = clean(value(tag, 'id', 1));
      return user && id ? `https://gist.github.com/${user}/${id}` : undefined;
    }
  }
  return undefined;
}

function paramValue(ctx: RenderContext, name: string | undefined): string | undefined {
  if (!name || !ctx.frontMatter) return undefined;
  let current: unknown = ctx.frontMatter;
  for (const part of name.split('.')) {
    if (!current || typeof current !== 'object') return undefined;
    const entry = Object.entries(current as Record<string, unknown>).find(([k]) => k.toLowerCase() === part.toLowerCase());
    current = entry?.[1];
  }
  if (current === undefined || current === null) return undefined;
  return Array.isArray(current) ? current.join(', ') : typeof current === 'object' ? JSON.stringify(current) : String(current);
}

/** A figure for `image`/`figure`; `block` false gives spans (the shortcode sits inside a paragraph). */
function figureHtml(md: MarkdownIt, env: unknown, ctx: RenderContext, tag: ShortcodeToken, line: number | undefined, token: Token | undefined, block: boolean): string {
  const src = value(tag, 'src') ?? value(tag, 'href') ?? getPositional(tag, 0)?.value ?? '';
  const alt = value(tag, 'alt');
  const title = value(tag, 'title');
  const caption = value(tag, 'caption');
  const attr = value(tag, 'attr');
  const attrlink = value(tag, 'attrlink');
  const link = tag.name === 'figure' ? value(tag, 'link') : undefined;
  let img = imageHtml(ctx, src, line, { alt: alt ?? (caption ? stripMarkdown(caption) : undefined), title: tag.name === 'image' ? title : undefined, width: value(tag, 'width'), height: value(tag, 'height'), loading: value(tag, 'loading') });
  const safeLink = link ? safeUrl(link, 'link') : undefined;
  if (safeLink) img = `<a${attrs({ href: safeLink, class: 'recap-figure-link' })}>${img}</a>`;
  let figcaption = '';
  const titleHtml = tag.name === 'figure' && title ? (block ? `<h4>${escapeHtml(title)}</h4>` : `<strong>${escapeHtml(title)}</strong> `) : '';
  let captionHtml = caption ? renderMarkdownInline(md, caption, env) : '';
  if (attr) {
    const attrHtml = renderMarkdownInline(md, attr, env);
    const safeAttrLink = attrlink ? safeUrl(attrlink, 'link') : undefined;
    captionHtml += `${captionHtml ? ' ' : ''}${safeAttrLink ? `<a${attrs({ href: safeAttrLink })}>${attrHtml}</a>` : attrHtml}`;
  }
  if (titleHtml || captionHtml) {
    figcaption = block ? `<figcaption>${titleHtml}${captionHtml ? `<p>${captionHtml}</p>` : ''}</figcaption>` : `<span class="recap-figcaption">${titleHtml}${captionHtml}</span>`;
  }
  const classes = ['recap-figure', `recap-figure-${tag.name}`, ...(tag.name === 'image' ? ['image'] : []), ...safeClasses(value(tag, 'class'))];
  if (!block) return `<span${attrs({ class: [...classes, 'recap-figure-inline'].join(' '), 'data-shortcode': tag.name })}>${img}${figcaption}</span>`;
  return `<figure${openAttrs(token, classes, { 'data-shortcode': tag.name })}>${img}${figcaption}</figure>\n`;
}

function stripMarkdown(text: string): string {
  return text.replace(/[*_`]/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
}

/** HTML for a self-contained shortcode (not a paired container). */
export function renderShortcode(md: MarkdownIt, env: unknown, ctx: RenderContext, tag: ShortcodeToken, line: number | undefined, token: Token | undefined, block: boolean, raw?: string): string {
  const wrap = (classes: string[], inner: string, extra: Record<string, string | undefined> = {}) => block
    ? `<div${openAttrs(token, classes, { 'data-shortcode': tag.name || undefined, ...extra })}>${inner}</div>\n`
    : `<span${attrs({ class: classes.join(' '), 'data-shortcode': tag.name || undefined, ...extra })}>${inner}</span>`;
  if (tag.unterminated || (tag.problem && !tag.name)) {
    warn(ctx, line, tag.problem ?? l10n.t('Broken shortcode.'));
    return wrap(['recap-shortcode', 'recap-shortcode-error'], `<span class="recap-shortcode-label">${escapeHtml(raw ?? rawOf(env, tag))}</span>`, { title: tag.problem });
  }
  if (tag.kind === 'close') {
    return wrap(['recap-shortcode', 'recap-shortcode-close', 'recap-shortcode-stray'], label(tag, l10n.t('A closing tag with no opening tag in this block.')));
  }
  switch (tag.name) {
    case 'image':
    case 'figure':
      return figureHtml(md, env, ctx, tag, line, token, block);
    case 'ref':
    case 'relref': {
      const ref = value(tag, 'path', 0) ?? '';
      const link = `<a${attrs(refLinkAttrs(ctx, ref, line, tag.name))}>${escapeHtml(ref)}</a>`;
      return block ? `<p${openAttrs(token, [])}>${link}</p>\n` : link;
    }
    case 'youtube':
    case 'vimeo': {
      const video = videoHtml(tag);
      if (video) return wrap(['recap-shortcode-video'], video);
      break;
    }
    case 'x': case 'tweet': case 'twitter': case 'instagram': case 'gist': {
      const url = embedUrl(tag);
      if (url) return wrap(['recap-shortcode', 'recap-shortcode-embed'], `${label(tag)} <a${attrs({ href: url, class: 'recap-embed-link' })}>${escapeHtml(url.replace(/^https:\/\/(www\.)?/, ''))}</a>`);
      break;
    }
    case 'param': {
      const name = value(tag, 'name', 0);
      const found = paramValue(ctx, name);
      if (found !== undefined) return `<span${attrs({ class: 'recap-shortcode-param', title: `{{< param "${name}" >}}` })}>${escapeHtml(found)}</span>`;
      break;
    }
  }
  return wrap(unknownClasses(tag, ctx), label(tag, unknownNote(tag, ctx)), { title: unknownNote(tag, ctx) });
}

function rawOf(env: unknown, tag: ShortcodeToken): string {
  const scan = (env as Record<string, ScanResult | undefined> | undefined)?.[SCAN_KEY];
  const text = scan?.src.slice(tag.start, tag.end);
  return text ?? `{{${tag.delimiter} ${tag.name} …`;
}

// ---------- the plugin ----------

function scanOf(env: unknown): ScanResult | undefined {
  return (env as Record<string, ScanResult | undefined> | undefined)?.[SCAN_KEY];
}

function blockRule(options: PluginOptions) {
  return function recapShortcodeBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
    if (state.sCount[startLine] - state.blkIndent >= 4) return false;
    const src = state.src;
    const pos = state.bMarks[startLine] + state.tShift[startLine];
    if (!isShortcodeStart(src, pos)) return false;
    const scan = scanOf(state.env);
    let tag = scan && scan.src === src ? scan.byStart.get(pos) : undefined;
    if (!tag) {
      let limit = state.eMarks[startLine];
      for (let line = startLine + 1; line < endLine && !state.isEmpty(line); line++) limit = state.eMarks[line];
      tag = scanOne(src, pos, limit);
    }
    if (!tag) return false;
    let last = startLine;
    while (last < endLine - 1 && state.eMarks[last] < tag.end) last++;
    if (state.eMarks[last] < tag.end) return false;
    if (src.slice(tag.end, state.eMarks[last]).trim() !== '') return false; // text follows: an inline shortcode
    if (silent) return true;
    const ctx = contextOf(state.env, options);

    if (tag.comment) {
      const token = state.push('recap_shortcode_literal', 'p', 0);
      token.block = true;
      token.map = [startLine, last + 1];
      token.content = literalOfComment(src.slice(tag.start, tag.end));
      state.line = last + 1;
      return true;
    }

    const close = tag.kind === 'open' && scan ? scan.pairs.get(tag.start) : undefined;
    if (close) {
      let closeLine = -1;
      for (let line = last + 1; line < endLine; line++) {
        const start = state.bMarks[line] + state.tShift[line];
        if (start === close.start) { closeLine = line; break; }
        if (start > close.start) break;
      }
      let closeLast = closeLine;
      if (closeLine !== -1) while (closeLast < endLine - 1 && state.eMarks[closeLast] < close.end) closeLast++;
      if (closeLine !== -1 && state.sCount[closeLine] - state.blkIndent < 4 && state.eMarks[closeLast] >= close.end && src.slice(close.end, state.eMarks[closeLast]).trim() === '') {
        if (tag.name === 'highlight') {
          const fence = state.push('fence', 'code', 0);
          fence.info = getPositional(tag, 0)?.value ?? '';
          fence.content = state.getLines(last + 1, closeLine, state.sCount[startLine], true);
          fence.markup = '```';
          fence.map = [startLine, closeLast + 1];
          state.line = closeLast + 1;
          return true;
        }
        const oldParent = state.parentType;
        const oldMax = state.lineMax;
        state.parentType = 'recap_shortcode' as typeof state.parentType;
        state.lineMax = closeLine;
        const open = state.push('recap_shortcode_open', 'div', 1);
        open.block = true;
        open.map = [startLine, closeLast + 1];
        open.meta = { tag, raw: src.slice(tag.start, tag.end) };
        open.info = tag.name;
        state.md.block.tokenize(state, last + 1, closeLine);
        const end = state.push('recap_shortcode_close', 'div', -1);
        end.block = true;
        end.meta = { tag, raw: src.slice(close.start, close.end) };
        state.parentType = oldParent;
        state.lineMax = oldMax;
        state.line = closeLast + 1;
        void ctx;
        return true;
      }
    }
    const token = state.push('recap_shortcode', 'div', 0);
    token.block = true;
    token.map = [startLine, last + 1];
    // Kept in the token: VS Code's preview renders cached tokens with another env than it parsed with.
    token.meta = { tag, raw: src.slice(tag.start, tag.end), paired: tag.kind === 'open' && isPairedFor(ctx)(tag.name) === true, closed: !!scan?.pairs.has(tag.start) };
    token.info = tag.name;
    state.line = last + 1;
    return true;
  };
}

interface InlinePairs { opens: Set<number>; closes: Set<number> }
const inlinePairsCache = new WeakMap<StateInline, InlinePairs>();

function inlinePairs(state: StateInline, ctx: RenderContext): InlinePairs {
  let found = inlinePairsCache.get(state);
  if (!found) {
    found = { opens: new Set(), closes: new Set() };
    for (const pair of pairShortcodes(scanShortcodes(state.src), isPairedFor(ctx)).pairs) {
      found.opens.add(pair.open.start);
      found.closes.add(pair.close.start);
    }
    inlinePairsCache.set(state, found);
  }
  return found;
}

function inlineRule(options: PluginOptions) {
  return function recapShortcodeInline(state: StateInline, silent: boolean): boolean {
    const pos = state.pos;
    if (!isShortcodeStart(state.src, pos)) return false;
    const tag = scanOne(state.src, pos, state.posMax);
    if (!tag) return false;
    if (!silent) {
      if (tag.comment) {
        // Not a `text` token: the typographer must not curl its quotes.
        const text = state.push('recap_shortcode_literal_inline', '', 0);
        text.content = literalOfComment(state.src.slice(tag.start, tag.end));
      } else {
        const ctx = contextOf(state.env, options);
        const pairs = tag.kind !== 'self-closing' && !tag.unterminated ? inlinePairs(state, ctx) : undefined;
        if (tag.kind === 'open' && pairs?.opens.has(tag.start)) {
          const token = state.push('recap_shortcode_inline_open', 'span', 1);
          token.meta = { tag, raw: state.src.slice(tag.start, tag.end) };
        } else if (tag.kind === 'close' && pairs?.closes.has(tag.start)) {
          const token = state.push('recap_shortcode_inline_close', 'span', -1);
          token.meta = { tag, raw: state.src.slice(tag.start, tag.end) };
        } else if ((tag.name === 'ref' || tag.name === 'relref') && !tag.unterminated) {
          const ref = value(tag, 'path', 0) ?? '';
          const open = state.push('link_open', 'a', 1);
          open.meta = { recapRef: ref, recapRefName: tag.name };
          open.attrSet('href', ref);
          const text = state.push('text', '', 0);
          text.content = ref;
          state.push('link_close', 'a', -1);
        } else {
          const token = state.push('recap_shortcode_inline', 'span', 0);
          token.meta = { tag, raw: state.src.slice(tag.start, tag.end) };
        }
      }
    }
    state.pos = tag.end;
    return true;
  };
}

/** `[text]({{< relref "post" >}})`: a Markdown link whose destination is a ref/relref shortcode. */
function refLinkRule() {
  return function recapRefLink(state: StateInline, silent: boolean): boolean {
    const src = state.src;
    const start = state.pos;
    if (src.charCodeAt(start) !== 0x5b /* [ */) return false;
    const max = state.posMax;
    // Cheap test first: is there a `](` followed by `{{` at all?
    const probe = src.indexOf('](', start);
    if (probe === -1 || probe >= max) return false;
    let after = probe + 2;
    while (after < max && (src[after] === ' ' || src[after] === '\t' || src[after] === '\n')) after++;
    if (!isShortcodeStart(src, after)) return false;
    const labelEnd = state.md.helpers.parseLinkLabel(state, start, true);
    if (labelEnd < 0 || labelEnd !== probe) return false;
    const tag = scanOne(src, after, max);
    if (!tag || tag.unterminated || tag.comment || (tag.name !== 'relref' && tag.name !== 'ref')) return false;
    let pos = tag.end;
    while (pos < max && /[ \t\n]/.test(src[pos])) pos++;
    let title = '';
    if (pos < max && (src[pos] === '"' || src[pos] === "'" || src[pos] === '(')) {
      const res = state.md.helpers.parseLinkTitle(src, pos, max);
      if (res.ok) {
        title = res.str;
        pos = res.pos;
        while (pos < max && /[ \t\n]/.test(src[pos])) pos++;
      }
    }
    if (src[pos] !== ')') return false;
    if (!silent) {
      const ref = value(tag, 'path', 0) ?? '';
      const open = state.push('link_open', 'a', 1);
      open.attrSet('href', ref);
      if (title) open.attrSet('title', title);
      open.meta = { recapRef: ref, recapRefName: tag.name };
      const oldMax = state.posMax;
      state.pos = start + 1;
      state.posMax = labelEnd;
      state.linkLevel++;
      state.md.inline.tokenize(state);
      state.linkLevel--;
      state.posMax = oldMax;
      state.push('link_close', 'a', -1);
    }
    state.pos = pos + 1;
    return true;
  };
}

function wrapRule(renderer: Renderer, name: string, rule: (tokens: Token[], idx: number, options: Required<MarkdownItOptions>, env: unknown, self: Renderer, next: () => string) => string): void {
  const previous = renderer.rules[name];
  renderer.rules[name] = (tokens, idx, opts, env, self) => rule(tokens, idx, opts, env, self, () => previous ? previous(tokens, idx, opts, env, self) : self.renderToken(tokens, idx, opts));
}

export function shortcodePlugin(md: MarkdownIt, options: PluginOptions = {}): void {
  md.core.ruler.after('normalize', 'recap_shortcode_scan', (state: StateCore) => {
    if (state.inlineMode) return;
    const ctx = contextOf(state.env, options);
    ctx.resolved = undefined;
    (state.env as Record<string, unknown>)[SCAN_KEY] = scanDocument(state.src, ctx);
  });
  md.block.ruler.before('html_block', 'recap_shortcode', blockRule(options), { alt: ['paragraph', 'reference', 'blockquote'] });
  md.inline.ruler.before('link', 'recap_ref_link', refLinkRule());
  md.inline.ruler.before('link', 'recap_shortcode_inline', inlineRule(options));

  const rules = md.renderer.rules;
  /** In a Markdown file that is not a post, shortcodes stay the text they are. */
  const literal = (env: unknown) => contextOf(env, options).literalShortcodes === true;
  const rawText = (token: Token) => escapeHtml(String((token.meta as { raw?: string } | null)?.raw ?? ''));
  rules.recap_shortcode = (tokens, idx, _opts, env) => {
    const token = tokens[idx];
    const { tag, paired, closed } = token.meta as { tag: ShortcodeToken; paired?: boolean; closed?: boolean };
    if (literal(env)) return `<p>${rawText(token)}</p>\n`;
    const ctx = contextOf(env, options);
    if (paired) {
      // An opening tag whose closing tag is not on a line of its own (or missing): show it as a marker.
      const note = closed ? l10n.t('Its content continues below, up to the closing tag.') : l10n.t('This shortcode needs a closing tag.');
      return `<div${openAttrs(token, [...unknownClasses(tag, ctx), 'recap-shortcode-open'], { 'data-shortcode': tag.name, title: note })}>${label(tag, note)}</div>\n`;
    }
    return renderShortcode(md, env, ctx, tag, lineOf(token), token, true, (token.meta as { raw?: string }).raw);
  };
  rules.recap_shortcode_literal = (tokens, idx) => `<p${openAttrs(tokens[idx], ['recap-shortcode-literal'])}>${escapeHtml(tokens[idx].content)}</p>\n`;
  rules.recap_shortcode_literal_inline = (tokens, idx) => escapeHtml(tokens[idx].content);
  rules.recap_shortcode_open = (tokens, idx, _opts, env) => {
    const token = tokens[idx];
    const { tag } = token.meta as { tag: ShortcodeToken };
    if (literal(env)) return `<p>${rawText(token)}</p>\n`;
    const ctx = contextOf(env, options);
    if (tag.name === 'details') {
      const summary = value(tag, 'summary');
      const open = getArg(tag, 'open');
      return `<details${openAttrs(token, ['recap-shortcode-details', ...safeClasses(value(tag, 'class'))], { open: open !== undefined && open.value !== 'false' })}><summary>${summary ? renderMarkdownInline(md, summary, env) : escapeHtml(l10n.t('Details'))}</summary>\n`;
    }
    if (tag.name === 'comment') {
      return `<details${openAttrs(token, ['recap-shortcode', 'recap-shortcode-comment'], { 'data-shortcode': 'comment' })}><summary>${label(tag)} <span class="recap-shortcode-note">${escapeHtml(l10n.t('not published'))}</span></summary>\n`;
    }
    return `<div${openAttrs(token, [...unknownClasses(tag, ctx), 'recap-shortcode-paired'], { 'data-shortcode': tag.name, title: unknownNote(tag, ctx) })}>${label(tag)}\n<div class="recap-shortcode-inner">\n`;
  };
  rules.recap_shortcode_close = (tokens, idx, _opts, env) => {
    const { tag } = tokens[idx].meta as { tag: ShortcodeToken };
    if (literal(env)) return `<p>${rawText(tokens[idx])}</p>\n`;
    return tag.name === 'details' || tag.name === 'comment' ? '</details>\n' : '</div></div>\n';
  };
  rules.recap_shortcode_inline = (tokens, idx, _opts, env) => {
    const token = tokens[idx];
    const { tag, raw } = token.meta as { tag: ShortcodeToken; raw?: string };
    if (literal(env)) return rawText(token);
    return renderShortcode(md, env, contextOf(env, options), tag, lineOf(token), undefined, false, raw);
  };
  rules.recap_shortcode_inline_open = (tokens, idx, _opts, env) => {
    const { tag } = tokens[idx].meta as { tag: ShortcodeToken };
    if (literal(env)) return rawText(tokens[idx]);
    const ctx = contextOf(env, options);
    return `<span${attrs({ class: [...unknownClasses(tag, ctx), 'recap-shortcode-paired', 'recap-shortcode-inline'].join(' '), 'data-shortcode': tag.name, title: unknownNote(tag, ctx) })}>${label(tag)} `;
  };
  rules.recap_shortcode_inline_close = (tokens, idx, _opts, env) => literal(env) ? rawText(tokens[idx]) : '</span>';
  wrapRule(md.renderer, 'link_open', (tokens, idx, _opts, env, _self, next) => {
    const token = tokens[idx];
    const meta = token.meta as { recapRef?: string; recapRefName?: string } | null;
    if (meta?.recapRef !== undefined) {
      const ctx = contextOf(env, options);
      const linkAttrs = refLinkAttrs(ctx, meta.recapRef, lineOf(token), meta.recapRefName ?? 'relref');
      token.attrSet('href', linkAttrs.href ?? '#');
      // VS Code's preview follows `data-href` (set before this rule runs) when a link is clicked.
      if (token.attrGet('data-href') !== null && linkAttrs['data-source-file']) token.attrSet('data-href', linkAttrs.href ?? '#');
      for (const cls of (linkAttrs.class ?? '').split(' ')) if (cls) token.attrJoin('class', cls);
      if (linkAttrs['data-source-file']) token.attrSet('data-source-file', linkAttrs['data-source-file']);
      if (linkAttrs.title && !token.attrGet('title')) token.attrSet('title', linkAttrs.title);
      token.meta = { ...meta, recapRef: undefined, recapResolved: true };
    }
    return next();
  });
}
