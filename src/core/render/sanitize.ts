// An allow-list sanitiser for the raw HTML in posts (markdown-it's html_block and html_inline tokens).
// No dependency: it tokenises the fragment itself and re-serialises only allowed tags with allowed,
// re-escaped attributes, so what the browser parses is exactly what was checked. Dropped with their
// content: script, style, iframe, object, embed, template…; dropped, content kept: form, svg, unknown
// tags; dropped attributes: on*, data-*, style, srcdoc, unsafe URLs (javascript:, vbscript:, data: except images).

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
const ALLOWED_ATTRS = new Map(Object.entries(TAG_ATTRS).map(([tag, names]) => [tag, new Set(names)]));
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
  /** How many of each name `open` holds (kept by the sanitiser; built from `open` when absent). */
  counts?: Map<string, number>;
}

export interface SanitizeOptions {
  state?: SanitizeState;
  /**
   * Rewrites an image source (`<img src>`, `<source src>`, `<video poster>`): a URL to use, or HTML
   * that replaces the whole element (a placeholder).
   */
  image?: (src: string, alt: string | undefined) => { url: string; className?: string; title?: string } | { replacement: string };
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


// Character codes the tag reader tests; HTML's whitespace is these five, not JavaScript's `\s`.
const TAB = 9, LF = 10, FF = 12, CR = 13, SPACE = 32, DQUOTE = 34, SQUOTE = 39, SLASH = 47, EQUALS = 61, GT = 62;

function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

function isHtmlSpace(c: number): boolean {
  return c === SPACE || c === LF || c === TAB || c === CR || c === FF;
}

/**
 * One fragment being read. A tag that never ends is shown as text from its `<` and reading goes on
 * after that `<`, so the next `<` inside it is tried as a tag of its own: done naively, `<div <a <a …`
 * rereads the rest of the input once per `<`. Three memos keep every character read a bounded number
 * of times: where the last `>` is (no tag starts after it), from where a quote never closes, and the
 * attribute positions a failed read went through (another read that reaches one fails the same way).
 */
class Fragment {
  readonly html: string;
  /** No tag can end after this index: it is the last `>`. */
  private readonly lastGt: number;
  /** From these indexes on, no `"` (resp. `'`) follows: a quoted value opened there never ends. */
  private noDoubleQuoteFrom: number;
  private noSingleQuoteFrom: number;
  /** Attribute start positions from which a read is known to reach the end of the input (allocated on the first failure). */
  private deadEnds: Uint8Array | undefined;
  /** The attribute start positions of the read under way, marked dead if it fails. */
  private readonly visited: number[] = [];

  constructor(html: string) {
    this.html = html;
    this.lastGt = html.lastIndexOf('>');
    this.noDoubleQuoteFrom = html.length;
    this.noSingleQuoteFrom = html.length;
  }

  /** Whether a tag (or comment, doctype…) starting at `start` can end: some `>` follows. */
  mayHoldTag(start: number): boolean {
    return start < this.lastGt;
  }

  /** Reads a tag at `start` (the `<`), or undefined when it is not a complete tag. */
  readTag(start: number): ParsedTag | undefined {
    if (start > this.lastGt) return undefined;
    const html = this.html;
    const close = html.charCodeAt(start + 1) === SLASH;
    const nameStart = close ? start + 2 : start + 1;
    // A name: a letter, then letters, digits, `:` and `-`.
    if (!isAsciiLetter(html.charCodeAt(nameStart))) return undefined;
    let nameEnd = nameStart + 1;
    for (let c = html.charCodeAt(nameEnd); isAsciiLetter(c) || (c >= 0x30 && c <= 0x3a) || c === 0x2d; c = html.charCodeAt(++nameEnd));
    const tag: ParsedTag = { name: html.slice(nameStart, nameEnd).toLowerCase(), close, selfClosing: false, attrs: [], end: -1 };
    this.visited.length = 0;
    const end = this.readAttributes(nameEnd, tag.attrs, tag);
    if (end === -1) {
      const dead = this.deadEnds ??= new Uint8Array(this.html.length + 1);
      for (const position of this.visited) dead[position] = 1;
      return undefined;
    }
    tag.end = end;
    return tag;
  }

  /** Reads attributes from `i` up to the `>`; the index after it, or -1 when the tag does not end. */
  private readAttributes(i: number, attrs: [string, string | undefined][], tag: ParsedTag): number {
    const html = this.html;
    const n = html.length;
    for (;;) {
      let c = html.charCodeAt(i);
      while (i < n && (c === SLASH || isHtmlSpace(c))) {
        if (c === SLASH && html.charCodeAt(i + 1) === GT) tag.selfClosing = true;
        c = html.charCodeAt(++i);
      }
      if (i >= n || i > this.lastGt || this.deadEnds?.[i] === 1) return -1;
      if (c === GT) return i + 1;
      this.visited.push(i);
      const nameStart = i;
      i++; // a name may start with any character but space, / and > (even = or quotes, in browsers)
      for (c = html.charCodeAt(i); i < n && c !== SLASH && c !== GT && c !== EQUALS && !isHtmlSpace(c); c = html.charCodeAt(++i));
      const name = html.slice(nameStart, i).toLowerCase();
      let j = i;
      while (j < n && isHtmlSpace(html.charCodeAt(j))) j++;
      if (html.charCodeAt(j) !== EQUALS) {
        attrs.push([name, undefined]);
        continue;
      }
      j++;
      while (j < n && isHtmlSpace(html.charCodeAt(j))) j++;
      const quote = html.charCodeAt(j);
      if (quote === DQUOTE || quote === SQUOTE) {
        const endQuote = this.closingQuote(quote, j + 1);
        if (endQuote === -1) return -1;
        attrs.push([name, html.slice(j + 1, endQuote)]);
        i = endQuote + 1;
      } else {
        let k = j;
        for (c = html.charCodeAt(k); k < n && c !== GT && !isHtmlSpace(c); c = html.charCodeAt(++k));
        attrs.push([name, html.slice(j, k)]);
        i = k;
      }
    }
  }

  /** The next `quote` from `from`, or -1; a search that failed is not repeated from further on. */
  private closingQuote(quote: number, from: number): number {
    const isDouble = quote === DQUOTE;
    if (from >= (isDouble ? this.noDoubleQuoteFrom : this.noSingleQuoteFrom)) return -1;
    const at = this.html.indexOf(isDouble ? '"' : "'", from);
    if (at === -1) {
      if (isDouble) this.noDoubleQuoteFrom = from;
      else this.noSingleQuoteFrom = from;
    }
    return at;
  }
}

function escapeText(text: string): string {
  if (text.includes('<')) text = text.replace(/</g, '&lt;');
  return text.includes('>') ? text.replace(/>/g, '&gt;') : text;
}

/** `</name` followed by space, `/` or `>`, per element name (compiled once). */
const closers = new Map<string, RegExp>();
function closerOf(name: string): RegExp {
  let closer = closers.get(name);
  if (!closer) closers.set(name, closer = new RegExp(`</${name}[\\t\\n\\f\\r />]`, 'ig'));
  return closer;
}

/** How many of each element `state.open` holds: a stray close tag is answered without searching the stack. */
function openCounts(state: SanitizeState): Map<string, number> {
  if (!state.counts) {
    state.counts = new Map();
    for (const name of state.open) state.counts.set(name, (state.counts.get(name) ?? 0) + 1);
  }
  return state.counts;
}

/** Sanitises an HTML fragment. Never throws; on doubt it escapes or drops. */
export function sanitizeHtml(html: string, options: SanitizeOptions = {}): string {
  const state = options.state ?? { open: [] };
  const counts = openCounts(state);
  const fragment = new Fragment(html);
  let out = '';
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      out += escapeText(html.slice(i));
      break;
    }
    if (!fragment.mayHoldTag(lt)) {
      // No `>` from here on: no tag, comment or doctype can end, so the rest is text up to the first
      // `<!` or `<?` (which, unterminated, hides what follows). One pass instead of one step per `<`.
      const hidden = /<[!?]/g;
      hidden.lastIndex = lt;
      const stop = hidden.exec(html)?.index ?? n;
      out += escapeText(html.slice(i, stop));
      break;
    }
    out += escapeText(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? n : end + 3; // comments are dropped; an unterminated one hides the rest, as in a browser
      continue;
    }
    const next = html.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      const end = html.indexOf('>', lt);
      i = end === -1 ? n : end + 1; // doctype, CDATA, processing instructions
      continue;
    }
    const tag = fragment.readTag(lt);
    if (!tag) {
      out += '&lt;';
      i = lt + 1;
      continue;
    }
    i = tag.end;
    if (tag.close) {
      if ((counts.get(tag.name) ?? 0) > 0) {
        // Close it, and whatever was left open inside it (each element is popped once: linear overall).
        for (let name = state.open.pop(); name !== undefined; name = state.open.pop()) {
          counts.set(name, (counts.get(name) ?? 1) - 1);
          out += `</${name}>`;
          if (name === tag.name) break;
        }
      }
      continue;
    }
    if (DROP_WITH_CONTENT.has(tag.name)) {
      if (!tag.selfClosing) {
        const closer = closerOf(tag.name);
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
    if (!VOID.has(tag.name) && !tag.selfClosing) {
      state.open.push(tag.name);
      counts.set(tag.name, (counts.get(tag.name) ?? 0) + 1);
    }
  }
  return out;
}

/** Attributes never kept, whatever the element: script hooks, styles, nested documents, autoplay. */
const DROPPED_ATTRS = new Set(['style', 'srcdoc', 'srcset', 'formaction', 'autoplay']);
const ARIA_ATTR = /^aria-[a-z]+$/;

/** The raw value of the first attribute called `name`. */
function valueOf(attrs: [string, string | undefined][], name: string): string | undefined {
  for (const [attr, value] of attrs) if (attr === name) return value;
  return undefined;
}

const isClass = ([name]: [string, string | undefined]): boolean => name === 'class';
const isTitle = ([name]: [string, string | undefined]): boolean => name === 'title';

/** Whether the attribute at `index` has a name an earlier one has. */
function isRepeated(attrs: [string, string | undefined][], index: number): boolean {
  const name = attrs[index][0];
  for (let k = 0; k < index; k++) if (attrs[k][0] === name) return true;
  return false;
}

function renderTag(tag: ParsedTag, options: SanitizeOptions): { html: string; replacement?: string } {
  const attrs = tag.attrs;
  if (attrs.length === 0) return { html: `<${tag.name}>` };
  const allowed = ALLOWED_ATTRS.get(tag.name);
  // Browsers keep the first of two attributes with one name; a set only for long lists (a few are scanned).
  const seen = attrs.length > 8 ? new Set<string>() : undefined;
  const kept: [string, string | undefined][] = [];
  const extraClasses: string[] = [];
  let extraTitle: string | undefined;
  for (let index = 0; index < attrs.length; index++) {
    const [name, raw] = attrs[index];
    if (seen) {
      if (seen.has(name)) continue;
      seen.add(name);
    } else if (isRepeated(attrs, index)) {
      continue;
    }
    // No `data-*` from the post: the preview's script and VS Code's read data-line, data-source-file,
    // data-href… that only the renderer may set.
    if (name.startsWith('on') || name.startsWith('data-') || DROPPED_ATTRS.has(name)) continue;
    if (!GLOBAL_ATTRS.has(name) && !allowed?.has(name) && !ARIA_ATTR.test(name)) continue;
    let value = raw === undefined ? undefined : decodeEntities(raw);
    if ((name === 'id' || name === 'name') && value !== undefined && /^\s*recap-/i.test(value)) continue; // the preview's own ids
    if (URL_ATTRS.has(name)) {
      if (value === undefined) continue;
      const isImage = name === 'poster' || (name === 'src' && (tag.name === 'img' || tag.name === 'source' || tag.name === 'video'));
      if (isImage && options.image) {
        const alt = valueOf(attrs, 'alt');
        const result = options.image(value, alt === undefined ? undefined : decodeEntities(alt));
        if ('replacement' in result) {
          if (tag.name === 'img') return { html: '', replacement: result.replacement };
          continue;
        }
        value = result.url;
        if (result.className) extraClasses.push(result.className);
        extraTitle ??= result.title;
      } else {
        const safe = safeUrl(value, isImage ? 'image' : 'link');
        if (safe === undefined) continue;
        value = safe;
        const className = name === 'href' && tag.name === 'a' ? options.link?.(value)?.className : undefined;
        if (className) extraClasses.push(className);
      }
    }
    kept.push([name, value]);
  }
  if (extraClasses.length) {
    const cls = kept.findIndex(isClass);
    if (cls !== -1) kept[cls][1] = `${kept[cls][1] ?? ''} ${extraClasses.join(' ')}`.trim();
    else kept.push(['class', extraClasses.join(' ')]);
  }
  if (extraTitle !== undefined && kept.findIndex(isTitle) === -1) kept.push(['title', extraTitle]);
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
  state.counts?.clear();
  return out;
}
