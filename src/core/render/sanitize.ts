// An allow-list sanitiser for the raw HTML in posts (markdown-it's html_block and html_inline tokens).
// No dependency: it tokenises the fragment itself and re-serialises only allowed tags with allowed,
// re-escaped attributes, so what the browser parses is exactly what was checked. Dropped with their
// content: script, style, iframe, object, embed, template…; dropped, content kept: form, svg, unknown
// tags; dropped attributes: on*, style, srcdoc, unsafe URLs (javascript:, vbscript:, data: except images).

import { escapeHtml, safeUrl } from './context';

/** Elements removed together with everything up to their closing tag. */
const DROP_WITH_CONTENT = new Set(['script', 'style', 'iframe', 'object', 'applet', 'frame', 'frameset', 'noembed', 'noframes', 'noscript', 'template', 'title', 'xmp', 'plaintext', 'textarea', 'select', 'math', 'svg']);
/** Void elements removed outright. */
const DROP_VOID = new Set(['embed', 'base', 'link', 'meta', 'param', 'input', 'keygen', 'frame', 'isindex']);
const VOID = new Set(['area', 'br', 'col', 'hr', 'img', 'source', 'track', 'wbr']);

const GLOBAL_ATTRS = new Set(['class', 'id', 'title', 'lang', 'dir', 'role', 'translate', 'hidden']);
const TAG_ATTRS: Record<string, string[]> = {
  a: ['href', 'name', 'rel', 'hreflang', 'type', 'download'],
  img: ['src', 'alt', 'width', 'height', 'loading', 'decoding'],
  source: ['src', 'type', 'media', 'width', 'height'],
  video: ['src', 'poster', 'controls', 'loop', 'muted', 'width', 'height', 'preload', 'playsinline'],
  audio: ['src', 'controls', 'loop', 'muted', 'preload'],
  track: ['src', 'kind', 'srclang', 'label', 'default'],
  td: ['colspan', 'rowspan', 'align', 'valign', 'headers'],
  th: ['colspan', 'rowspan', 'align', 'valign', 'scope', 'headers', 'abbr'],
  col: ['span', 'align'],
  colgroup: ['span', 'align'],
  table: ['align', 'summary'],
  tr: ['align', 'valign'],
  ol: ['start', 'reversed', 'type'],
  ul: ['type'],
  li: ['value'],
  details: ['open', 'name'],
  time: ['datetime'],
  data: ['value'],
  q: ['cite'],
  blockquote: ['cite'],
  del: ['cite', 'datetime'],
  ins: ['cite', 'datetime'],
  abbr: [],
  p: ['align'],
  div: ['align'],
  h1: ['align'], h2: ['align'], h3: ['align'], h4: ['align'], h5: ['align'], h6: ['align'],
  meter: ['value', 'min', 'max', 'low', 'high', 'optimum'],
  progress: ['value', 'max'],
};
const ALLOWED_TAGS = new Set([
  'a', 'abbr', 'address', 'article', 'aside', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br', 'caption', 'center', 'cite', 'code', 'col', 'colgroup',
  'data', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hr', 'i', 'img', 'ins', 'kbd', 'li', 'main', 'mark', 'meter', 'nav', 'ol', 'p', 'picture', 'pre', 'progress', 'q', 'rp', 'rt', 'ruby', 's', 'samp',
  'section', 'small', 'source', 'span', 'strike', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr',
  'track', 'tt', 'u', 'ul', 'var', 'video', 'audio', 'wbr',
]);
const URL_ATTRS = new Set(['href', 'src', 'cite', 'poster']);

export interface SanitizeState {
  /** Allowed elements opened by raw HTML and not closed yet (a stray close tag must not close the page's own elements). */
  open: string[];
}

export interface SanitizeOptions {
  state?: SanitizeState;
  /**
   * Rewrites an image source (`<img src>`, `<source src>`, `<video poster>`): a URL to use, or HTML
   * that replaces the whole element (a placeholder).
   */
  image?: (src: string, alt: string | undefined) => { url: string } | { replacement: string };
  /** Rewrites a link `href` after the safety check (class for FOSDEM links and the like). */
  link?: (href: string) => { className?: string } | undefined;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', colon: ':', tab: '\t', newline: '\n', sol: '/', lpar: '(', rpar: ')', period: '.', comma: ',' };

/** Decodes character references in an attribute value (enough to see through `&#106;avascript:`). */
export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[A-Za-z][A-Za-z0-9]*);?/g, (all, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    }
    const named = NAMED_ENTITIES[body.toLowerCase()];
    return named ?? all;
  });
}

interface ParsedTag {
  name: string;
  close: boolean;
  selfClosing: boolean;
  attrs: [string, string | undefined][];
  end: number;
}

const TAG_START = /<(\/?)([A-Za-z][A-Za-z0-9:-]*)/y;

/** Reads a tag at `start` (the `<`), or undefined when it is not a complete tag. */
function readTag(html: string, start: number): ParsedTag | undefined {
  TAG_START.lastIndex = start;
  const match = TAG_START.exec(html);
  if (!match) return undefined;
  const tag: ParsedTag = { name: match[2].toLowerCase(), close: match[1] === '/', selfClosing: false, attrs: [], end: -1 };
  let i = TAG_START.lastIndex;
  const n = html.length;
  for (;;) {
    while (i < n && /[\s/]/.test(html[i])) {
      if (html[i] === '/' && html[i + 1] === '>') tag.selfClosing = true;
      i++;
    }
    if (i >= n) return undefined;
    if (html[i] === '>') {
      tag.end = i + 1;
      return tag;
    }
    const nameStart = i;
    i++; // a name may start with any character but space, / and > (even = or quotes, in browsers)
    while (i < n && !/[\s/>=]/.test(html[i])) i++;
    const name = html.slice(nameStart, i).toLowerCase();
    let j = i;
    while (j < n && /\s/.test(html[j])) j++;
    if (html[j] !== '=') {
      tag.attrs.push([name, undefined]);
      continue;
    }
    j++;
    while (j < n && /\s/.test(html[j])) j++;
    const quote = html[j];
    if (quote === '"' || quote === "'") {
      const endQuote = html.indexOf(quote, j + 1);
      if (endQuote === -1) return undefined;
      tag.attrs.push([name, html.slice(j + 1, endQuote)]);
      i = endQuote + 1;
    } else {
      let k = j;
      while (k < n && !/[\s>]/.test(html[k])) k++;
      tag.attrs.push([name, html.slice(j, k)]);
      i = k;
    }
  }
}

function escapeText(text: string): string {
  return text.replace(/[<>]/g, c => (c === '<' ? '&lt;' : '&gt;'));
}

/** Sanitises an HTML fragment. Never throws; on doubt it escapes or drops. */
export function sanitizeHtml(html: string, options: SanitizeOptions = {}): string {
  const state = options.state ?? { open: [] };
  let out = '';
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      out += escapeText(html.slice(i));
      break;
    }
    out += escapeText(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? n : end + 3; // comments are dropped; an unterminated one hides the rest, as in a browser
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      const end = html.indexOf('>', lt);
      i = end === -1 ? n : end + 1; // doctype, CDATA, processing instructions
      continue;
    }
    const tag = readTag(html, lt);
    if (!tag) {
      out += '&lt;';
      i = lt + 1;
      continue;
    }
    i = tag.end;
    if (tag.close) {
      const at = state.open.lastIndexOf(tag.name);
      if (at !== -1 && ALLOWED_TAGS.has(tag.name)) {
        // Close it, and whatever was left open inside it.
        for (let k = state.open.length - 1; k > at; k--) out += `</${state.open[k]}>`;
        state.open.length = at;
        out += `</${tag.name}>`;
      }
      continue;
    }
    if (DROP_WITH_CONTENT.has(tag.name)) {
      if (!tag.selfClosing) {
        const closer = new RegExp(`</${tag.name}[\\s/>]`, 'ig');
        closer.lastIndex = i;
        const found = closer.exec(html);
        if (!found) {
          i = n;
        } else {
          const end = html.indexOf('>', found.index);
          i = end === -1 ? n : end + 1;
        }
      }
      continue;
    }
    if (DROP_VOID.has(tag.name) || !ALLOWED_TAGS.has(tag.name)) continue;
    const rendered = renderTag(tag, options);
    if (rendered.replacement !== undefined) {
      out += rendered.replacement;
      continue;
    }
    out += rendered.html;
    if (!VOID.has(tag.name) && !tag.selfClosing) state.open.push(tag.name);
  }
  return out;
}

function renderTag(tag: ParsedTag, options: SanitizeOptions): { html: string; replacement?: string } {
  const allowed = TAG_ATTRS[tag.name] ?? [];
  const seen = new Set<string>();
  const kept: [string, string | undefined][] = [];
  let extraClass: string | undefined;
  const alt = tag.attrs.find(([name]) => name === 'alt')?.[1];
  for (const [name, raw] of tag.attrs) {
    if (seen.has(name)) continue; // browsers keep the first
    seen.add(name);
    if (name.startsWith('on') || name === 'style' || name === 'srcdoc' || name === 'srcset' || name === 'formaction' || name === 'data-line' || name === 'autoplay') continue;
    const isData = /^data-[a-z0-9_.-]+$/.test(name) || /^aria-[a-z]+$/.test(name);
    if (!GLOBAL_ATTRS.has(name) && !allowed.includes(name) && !isData) continue;
    let value = raw === undefined ? undefined : decodeEntities(raw);
    if ((name === 'id' || name === 'name') && value !== undefined && /^\s*recap-/i.test(value)) continue; // the preview's own ids
    if (URL_ATTRS.has(name)) {
      if (value === undefined) continue;
      const isImage = name === 'poster' || (name === 'src' && (tag.name === 'img' || tag.name === 'source' || tag.name === 'video'));
      if (isImage && options.image) {
        const result = options.image(value, alt === undefined ? undefined : decodeEntities(alt));
        if ('replacement' in result) {
          if (tag.name === 'img') return { html: '', replacement: result.replacement };
          continue;
        }
        value = result.url;
      } else {
        const safe = safeUrl(value, isImage ? 'image' : 'link');
        if (safe === undefined) continue;
        value = safe;
        if (name === 'href' && tag.name === 'a') extraClass = options.link?.(value)?.className;
      }
    }
    kept.push([name, value]);
  }
  if (extraClass) {
    const cls = kept.find(([name]) => name === 'class');
    if (cls) cls[1] = `${cls[1] ?? ''} ${extraClass}`.trim();
    else kept.push(['class', extraClass]);
  }
  let html = `<${tag.name}`;
  for (const [name, value] of kept) html += value === undefined ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`;
  html += '>';
  return { html };
}

/** Closing tags for the raw-HTML elements still open at the end of the document. */
export function closeOpenTags(state: SanitizeState): string {
  let out = '';
  for (let k = state.open.length - 1; k >= 0; k--) out += `</${state.open[k]}>`;
  state.open.length = 0;
  return out;
}
