// The checks of a post's Markdown body: images (alt text, existence), shortcodes (syntax, pairing,
// unknown names, ref/relref targets), links (missing scheme, malformed targets) and mojibake.
// Links and images inside code blocks, code spans and HTML comments are not checked. Shortcodes are
// checked everywhere but in the `{{</* */>}}` comment form: Hugo expands them inside code too, so an
// unknown or unclosed one there breaks the build as well.
import * as path from 'pathe';
import { escapeSnippetText, type Finding, type Fix } from '../lint/findings';
import { checkJoinedParagraphs } from './paragraphRules';
import { checkMojibake } from './mojibake';
import { BUILTIN_BY_NAME, BUILTIN_SHORTCODES, builtinPaired, closerOf, getArg, getPositional, pairShortcodes, scanShortcodes, type ShortcodeToken } from './shortcodes';
import { cleanRef, isExternalRef, isImagePath, nearest, nearestContentRef, nearestImage, resolveContentRef, resolveImage, type SiteIndex } from '../site/files';

export type RawFinding = Omit<Finding, 'severity'>;

export { repairMojibake } from './mojibake';

export interface BodyContext {
  index?: SiteIndex;
  filePath?: string;
  /** Image paths from the front matter (`images`, `image`, `cover`, `featured_image`), with the value's range. */
  frontMatterImages?: { value: string; start: number; end: number }[];
}

/** Front-matter keys whose values are image paths. */
export const FRONT_MATTER_IMAGE_KEYS = ['images', 'image', 'cover', 'featured_image', 'featuredImage'];

/** Shortcodes that show an image, when the site's own templates are not known. */
const IMAGE_SHORTCODE_NAMES = new Set(['figure', 'image', 'img', 'picture', 'imgproc', 'gallery-image']);
/** Argument names that hold an image path. */
export const IMAGE_ARG_NAMES = new Set(['src', 'href', 'image', 'img', 'source', 'file', 'path', 'url', 'cover', 'thumbnail', 'poster']);

/**
 * The shortcode to write an image with, and the parameter that takes its path: `wanted` (the
 * `recap.images.shortcode` setting) when the site defines it or it is a Hugo built-in taking an image,
 * else Hugo's `figure` with `src`. Image paste and New Recap Post both write images this way.
 */
export function imageShortcodeFor(index: SiteIndex | undefined, wanted: string): { name: string; param: string } {
  const site = index?.shortcodes.get(wanted);
  if (site) return { name: wanted, param: ['href', 'src', ...IMAGE_ARG_NAMES].find(p => site.params.includes(p)) ?? 'src' };
  const builtin = BUILTIN_BY_NAME.get(wanted);
  const param = builtin?.params.find(p => IMAGE_ARG_NAMES.has(p));
  return param ? { name: wanted, param } : { name: 'figure', param: 'src' };
}

// ---------- masking: code blocks, code spans, HTML comments ----------

export interface MaskedBody {
  /** The text with the front matter, code and HTML comments blanked (line breaks kept): offsets unchanged. */
  masked: string;
  bodyStart: number;
}

const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;

export function maskBody(text: string, bodyStart: number): MaskedBody {
  const ranges: [number, number][] = [];
  // 1. Fenced code blocks, line by line.
  let fence: { char: string; length: number; start: number } | undefined;
  let lineStart = bodyStart;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const first = text.charCodeAt(lineStart + (text.charCodeAt(lineStart) === 32 ? Math.min(3, countSpaces(text, lineStart)) : 0));
    if (first === 96 /* ` */ || first === 126 /* ~ */) {
      const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
      const match = FENCE.exec(line);
      if (match) {
        const char = match[2][0];
        if (!fence) {
          if (!(char === '`' && match[3].includes('`'))) fence = { char, length: match[2].length, start: lineStart };
        } else if (char === fence.char && match[2].length >= fence.length && match[3].trim() === '') {
          ranges.push([fence.start, lineEnd]);
          fence = undefined;
        }
      }
    }
    lineStart = lineEnd + 1;
  }
  if (fence) ranges.push([fence.start, text.length]);
  // 2. Code spans and HTML comments outside the fences.
  const inline: [number, number][] = [];
  let r = 0;
  const pattern = /`+|<!--/g;
  pattern.lastIndex = bodyStart;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const at = match.index;
    while (r < ranges.length && ranges[r][1] <= at) r++;
    if (r < ranges.length && ranges[r][0] <= at) { pattern.lastIndex = ranges[r][1]; continue; }
    if (match[0] === '<!--') {
      const close = text.indexOf('-->', at + 4);
      const end = close === -1 ? text.length : close + 3;
      inline.push([at, end]);
      pattern.lastIndex = end;
      continue;
    }
    if (at > 0 && text[at - 1] === '\\') continue;
    const run = match[0];
    const end = findClosingRun(text, at + run.length, run.length);
    if (end !== -1) {
      inline.push([at, end]);
      pattern.lastIndex = end;
    }
  }
  const all = [...ranges, ...inline].sort((a, b) => a[0] - b[0]);
  const parts: string[] = [blank(text.slice(0, bodyStart))];
  let pos = bodyStart;
  for (const [start, end] of all) {
    if (end <= pos) continue;
    const from = Math.max(start, pos);
    parts.push(text.slice(pos, from), blank(text.slice(from, end)));
    pos = end;
  }
  parts.push(text.slice(pos));
  return { masked: parts.join(''), bodyStart };
}

function countSpaces(text: string, at: number): number {
  let n = 0;
  while (text.charCodeAt(at + n) === 32) n++;
  return n;
}

function blank(s: string): string {
  return s.includes('\n') ? s.replace(/[^\n\r]+/g, run => ' '.repeat(run.length)) : ' '.repeat(s.length);
}

/** End of the backtick run of exactly `length` that closes a code span, within the paragraph; -1 if none. */
function findClosingRun(text: string, from: number, length: number): number {
  let i = from;
  for (;;) {
    const at = text.indexOf('`', i);
    if (at === -1) return -1;
    if (blankLineBetween(text, i, at)) return -1;
    let end = at;
    while (text.charCodeAt(end) === 96) end++;
    if (end - at === length) return end;
    i = end;
  }
}

/** Is there an empty (or whitespace-only) line between `from` and `to`? A code span cannot cross one. */
function blankLineBetween(text: string, from: number, to: number): boolean {
  for (let newline = text.indexOf('\n', from); newline !== -1 && newline < to; newline = text.indexOf('\n', newline + 1)) {
    let j = newline + 1;
    while (j < to && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9 || text.charCodeAt(j) === 13)) j++;
    if (j < to && text.charCodeAt(j) === 10) return true;
  }
  return false;
}

// ---------- references in the body ----------

const IMAGE_MD = /!\[([^\[\]\n]*)\]\(([^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)/g;
const LINK_MD = /\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(([^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)/g;
const IMG_TAG = /<img\b[^>]*>/gi;

interface Destination { dest: string; destStart: number; destEnd: number; rest: string }

function parseDestination(target: string, targetStart: number): Destination {
  const lead = target.length - target.trimStart().length;
  const trimmed = target.trim();
  if (trimmed.startsWith('<')) {
    const close = trimmed.indexOf('>');
    const inner = close === -1 ? trimmed.slice(1) : trimmed.slice(1, close);
    return { dest: inner, destStart: targetStart + lead + 1, destEnd: targetStart + lead + 1 + inner.length, rest: close === -1 ? '' : trimmed.slice(close + 1).trim() };
  }
  const space = trimmed.search(/\s/);
  const dest = space === -1 ? trimmed : trimmed.slice(0, space);
  return { dest, destStart: targetStart + lead, destEnd: targetStart + lead + dest.length, rest: space === -1 ? '' : trimmed.slice(space).trim() };
}

function isTitle(rest: string): boolean {
  return rest === '' || /^("[^"]*"|'[^']*'|\([^)]*\))$/s.test(rest);
}

function htmlAttr(tag: string, name: string): { value: string; start: number; end: number } | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(tag);
  if (!match) return undefined;
  const value = match[1] ?? match[2] ?? match[3] ?? '';
  const offset = match.index + match[0].length - value.length - (match[3] !== undefined ? 0 : 1);
  return { value, start: offset, end: offset + value.length };
}

// ---------- the checks ----------

interface Scan {
  masked: string;
  tokens: ShortcodeToken[];
  /** Is the offset inside code/comments (masked)? */
  hidden(offset: number): boolean;
}

function scanBody(text: string, bodyStart: number): Scan {
  const { masked } = maskBody(text, bodyStart);
  const tokens = scanShortcodes(text, bodyStart);
  return { masked, tokens, hidden: offset => masked.charCodeAt(offset) !== text.charCodeAt(offset) };
}

/** Is `name` a shortcode that renders an image with an `alt`? */
function isImageShortcode(name: string, index: SiteIndex | undefined): boolean {
  const site = index?.shortcodes.get(name);
  if (site) return site.params.includes('alt');
  if (name === 'figure') return true;
  return !index && IMAGE_SHORTCODE_NAMES.has(name);
}

function altPlaceholder(ref: string): string {
  const base = path.basename(ref.split(/[?#]/)[0] ?? '').replace(/\.[a-z0-9]+$/i, '');
  return base.replace(/[-_]+/g, ' ').trim() || 'description';
}

export function checkBody(text: string, bodyStart: number, context: BodyContext = {}): RawFinding[] {
  const findings: RawFinding[] = [];
  const scan = scanBody(text, bodyStart);
  const index = context.index;
  const filePath = context.filePath;
  const canResolve = !!index && !!filePath && !index.truncated;
  const hugo = !index || index.site.generator === 'hugo';

  // The same path often comes back (a logo, a chart, a day's post): resolve each once per check.
  type Miss = { suggestion?: string } | undefined;
  const missOnce = (cache: Map<string, Miss>, value: string, resolve: () => { file?: string; external?: boolean }, suggest: () => string | undefined): Miss => {
    if (!cache.has(value)) {
      const resolved = resolve();
      cache.set(value, resolved.file || resolved.external ? undefined : { suggestion: suggest() });
    }
    return cache.get(value);
  };
  const imageMisses = new Map<string, Miss>();
  const refMisses = new Map<string, Miss>();
  const checkImageRef = (value: string, start: number, end: number, where: string) => {
    if (!canResolve) return;
    const miss = missOnce(imageMisses, value,
      () => isExternalRef(value) ? { external: true } : resolveImage(index as SiteIndex, filePath as string, value),
      () => nearestImage(index as SiteIndex, filePath as string, value));
    if (!miss) return;
    const suggestion = miss.suggestion;
    const fixes: Fix[] | undefined = suggestion ? [{ title: `Change to \`${suggestion}\``, edits: [{ start, end, newText: suggestion }], preferred: true }] : undefined;
    const looked = value.trim().startsWith('/') ? 'the static folders' : 'the post’s folder';
    const sameName = suggestion && path.basename(suggestion) === path.basename(cleanRef(value));
    const hint = !suggestion ? '.' : sameName ? `; the site has it at \`${suggestion}\`.` : `; did you mean \`${suggestion}\`?`;
    findings.push({ rule: 'image/not-found', message: `${where} \`${value}\` matches no file in ${looked}${hint}`, start, end, fixes });
  };

  // Shortcodes (Hugo only).
  if (hugo) {
    const siteInfo = (name: string) => index?.shortcodes.get(name);
    const isPaired = (name: string): boolean | undefined => {
      const site = siteInfo(name);
      return site ? site.paired : builtinPaired(name);
    };
    const known = new Set<string>([...BUILTIN_SHORTCODES.map(s => s.name), ...(index?.shortcodes.keys() ?? [])]);
    for (const token of scan.tokens) {
      if (token.comment && !token.problem) continue;
      if (token.problem) {
        findings.push({ rule: 'shortcode/syntax', message: token.problem, start: token.start, end: Math.max(token.nameEnd, Math.min(token.end, token.start + 3)) });
      }
      if (token.comment || !token.name) continue;
      const inCode = scan.hidden(token.start);
      if (index && token.kind !== 'close' && !known.has(token.name)) {
        const suggestion = nearest(known, token.name);
        const fixes: Fix[] | undefined = suggestion ? [{ title: `Change to \`${suggestion}\``, edits: renameEdits(scan.tokens, token, suggestion), preferred: true }] : undefined;
        findings.push({
          rule: 'shortcode/unknown',
          message: `No shortcode \`${token.name}\` in the site, its themes or Hugo${suggestion ? `; did you mean \`${suggestion}\`?` : '.'}${inCode ? ' Hugo expands shortcodes inside code too: write `{{</* … */>}}` to show one.' : ''}`,
          start: token.nameStart, end: token.nameEnd, fixes,
        });
      }
      if ((token.name === 'ref' || token.name === 'relref') && token.kind !== 'close' && canResolve) {
        const target = getArg(token, 'path') ?? getPositional(token, 0);
        if (target && target.quote !== undefined && target.value.trim()) {
          const miss = missOnce(refMisses, target.value,
            () => resolveContentRef(index as SiteIndex, filePath as string, target.value),
            () => nearestContentRef(index as SiteIndex, target.value));
          if (miss) {
            const suggestion = miss.suggestion;
            findings.push({
              rule: 'shortcode/relref-not-found',
              message: `\`${token.name} "${target.value}"\`: no content file matches${suggestion ? `; did you mean \`${suggestion}\`?` : '.'}`,
              start: target.valueStart, end: target.valueEnd,
              fixes: suggestion ? [{ title: `Change to \`${suggestion}\``, edits: [{ start: target.valueStart, end: target.valueEnd, newText: suggestion }], preferred: true }] : undefined,
            });
          }
        }
      }
      if (inCode || token.kind === 'close') continue;
      if (isImageShortcode(token.name, index)) {
        const alt = getArg(token, 'alt');
        const captioned = token.name === 'figure' && !siteInfo('figure') && getArg(token, 'caption')?.value.trim();
        if (!alt && !captioned && !token.unterminated && !token.args.some(arg => arg.name === undefined)) {
          const insertAt = token.args.length > 0 ? token.args[token.args.length - 1].end : token.nameEnd;
          findings.push({
            rule: 'image/missing-alt',
            message: `The \`${token.name}\` image has no \`alt\` text: screen readers and search engines get nothing.`,
            start: token.start, end: token.end,
            fixes: [{ title: 'Add `alt=""`', edits: [{ start: insertAt, end: insertAt, newText: ' alt=""' }], snippet: ' alt="$1"', preferred: true }],
          });
        }
      }
      for (const arg of token.args) {
        if (!arg.name || !IMAGE_ARG_NAMES.has(arg.name) || arg.quote === undefined) continue;
        const figureSrc = token.name === 'figure' && arg.name === 'src';
        if (!figureSrc && !isImagePath(arg.value)) continue;
        checkImageRef(arg.value, arg.valueStart, arg.valueEnd, `The \`${token.name}\` ${arg.name}`);
      }
    }
    const paired = pairShortcodes(scan.tokens, isPaired);
    for (const open of paired.unclosed) {
      const closing = `{{${open.delimiter} /${open.name} ${closerOf(open.delimiter)}`;
      const paragraphEnd = endOfParagraph(text, open.end);
      findings.push({
        rule: 'shortcode/unclosed',
        message: `\`${open.name}\` takes inner content and must be closed with \`${closing}\` (or self-closed with \`/${closerOf(open.delimiter)}\`).`,
        start: open.start, end: open.end,
        fixes: [{ title: `Add \`${closing}\` after the paragraph`, edits: [{ start: paragraphEnd, end: paragraphEnd, newText: `${paragraphEnd === open.end ? '' : '\n'}${closing}` }] }],
      });
    }
    for (const { token, reason } of paired.stray) {
      findings.push({
        rule: 'shortcode/unclosed',
        message: reason === 'no-open'
          ? `This closing \`${token.name}\` tag has no opening tag.`
          : `\`${token.name}\` takes no inner content (its template never reads \`.Inner\`), yet a closing tag is given: Hugo stops with an error.`,
        start: token.start, end: token.end,
        fixes: [{ title: 'Remove the closing tag', edits: [{ start: token.start, end: token.end, newText: '' }] }],
      });
    }
  }

  // Markdown images.
  const masked = scan.masked;
  IMAGE_MD.lastIndex = bodyStart;
  for (let match = IMAGE_MD.exec(masked); match; match = IMAGE_MD.exec(masked)) {
    const altText = match[1];
    const targetStart = match.index + 2 + altText.length + 2;
    const dest = parseDestination(match[2], targetStart);
    if (!altText.trim()) {
      const placeholder = altPlaceholder(dest.dest);
      findings.push({
        rule: 'image/missing-alt', message: 'This image has no alt text (`![]`): screen readers and search engines get nothing.',
        start: match.index, end: match.index + match[0].length,
        fixes: [{ title: 'Add alt text', edits: [{ start: match.index + 2, end: match.index + 2 + altText.length, newText: placeholder }], snippet: `\${1:${escapeSnippetText(placeholder)}}`, preferred: true }],
      });
    }
    if (isTitle(dest.rest) && !dest.dest.includes('{{')) checkImageRef(dest.dest, dest.destStart, dest.destEnd, 'The image');
  }

  // Raw <img> tags.
  IMG_TAG.lastIndex = bodyStart;
  for (let match = IMG_TAG.exec(masked); match; match = IMG_TAG.exec(masked)) {
    const tag = match[0];
    if (!/\salt\s*=/i.test(tag)) {
      const insertAt = match.index + 4;
      findings.push({
        rule: 'image/missing-alt', message: 'This `<img>` has no `alt` attribute: screen readers and search engines get nothing.',
        start: match.index, end: match.index + tag.length,
        fixes: [{ title: 'Add `alt=""`', edits: [{ start: insertAt, end: insertAt, newText: ' alt=""' }], snippet: ' alt="$1"', preferred: true }],
      });
    }
    const src = htmlAttr(tag, 'src');
    if (src) checkImageRef(src.value, match.index + src.start, match.index + src.end, 'The image');
  }

  // Links (and images) with broken targets.
  LINK_MD.lastIndex = bodyStart;
  for (let match = LINK_MD.exec(masked); match; match = LINK_MD.exec(masked)) {
    if (match.index > 0 && masked[match.index - 1] === '\\') continue;
    const linkText = match[1];
    const targetStart = match.index + 1 + linkText.length + 2;
    const target = match[2];
    if (target.includes('{{') || !target.trim()) continue;
    const dest = parseDestination(target, targetStart);
    const image = match.index > 0 && masked[match.index - 1] === '!';
    const whole = { start: image ? match.index - 1 : match.index, end: match.index + match[0].length };
    if (!isTitle(dest.rest)) {
      const fixes: Fix[] = [];
      const textUrl = linkText.trim();
      if (!image && (hasScheme(textUrl) || looksLikeDomain(textUrl))) {
        const url = hasScheme(textUrl) ? textUrl : `https://${textUrl}`;
        fixes.push({ title: `Swap text and address: \`[${target.trim()}](${url})\``, edits: [{ start: match.index, end: whole.end, newText: `[${target.trim()}](${url})` }], preferred: true });
      }
      if (!/["'()]/.test(dest.rest) && (dest.dest.includes('/') || /\.[a-z0-9]{2,5}$/i.test(target.trim()))) {
        fixes.push({ title: 'Encode the spaces as `%20`', edits: [{ start: targetStart, end: targetStart + target.length, newText: target.trim().replace(/\s+/g, '%20') }] });
      }
      findings.push({
        rule: 'link/malformed',
        message: `\`(${target.trim()})\` is not a link address (it has spaces): Markdown shows this ${image ? 'image' : 'link'} as plain text.${fixes[0]?.preferred ? ' The text looks like the address: swapped?' : ''}`,
        start: targetStart, end: targetStart + target.length, fixes: fixes.length ? fixes : undefined,
      });
      continue;
    }
    if (!hasScheme(dest.dest) && looksLikeDomain(dest.dest)) {
      findings.push({
        rule: 'link/no-scheme',
        message: `\`${dest.dest}\` looks like a web address but has no \`https://\`: it links to a page of this site instead.`,
        start: dest.destStart, end: dest.destEnd,
        fixes: [{ title: 'Add `https://`', edits: [{ start: dest.destStart, end: dest.destStart, newText: 'https://' }], preferred: true, safe: true }],
      });
    }
  }

  // Front-matter images.
  for (const image of context.frontMatterImages ?? []) checkImageRef(image.value, image.start, image.end, 'The front-matter image');

  findings.push(...checkJoinedParagraphs(text, masked, bodyStart));
  findings.push(...checkMojibake(text, 0));
  findings.sort((a, b) => a.start - b.start || a.rule.localeCompare(b.rule));
  return findings;
}

function renameEdits(tokens: ShortcodeToken[], token: ShortcodeToken, name: string): { start: number; end: number; newText: string }[] {
  const edits = [{ start: token.nameStart, end: token.nameEnd, newText: name }];
  if (token.kind === 'open') {
    const close = pairShortcodes(tokens, () => undefined).pairs.find(pair => pair.open === token)?.close;
    if (close) edits.push({ start: close.nameStart, end: close.nameEnd, newText: name });
  }
  return edits;
}

function endOfParagraph(text: string, from: number): number {
  const match = /\r?\n[ \t]*\r?\n/.exec(text.slice(from));
  if (!match) return text.length;
  return from + match.index;
}

// ---------- links ----------

/** Top-level domains a link address ends with (file extensions that are also TLDs — md, sh, py, rs, pl — left out). */
const TLDS = new Set(('com org net io dev app ai co me ly gl gg to tv fm so is it de fr be nl uk eu ch at es pt pl cz sk se no dk fi ie '
  + 'ru ua us ca mx br ar cl jp cn kr in au nz za info biz xyz tech cloud site blog page online store news social edu gov mil int '
  + 'hu ro gr tr il ae sg hk tw id vn th my ph lu li lt lv ee si hr ba bg by kz ge am az cc ws nu wiki host space live zone systems '
  + 'network digital media studio design foundation community events conference works tools software academy team world club link').split(' ').filter(Boolean));

function hasScheme(s: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(s);
}

/** `github.com/foo`, `www.example.org`, `bit.ly/x`: a host with a known top-level domain. */
export function looksLikeDomain(s: string): boolean {
  const match = /^(?:www\.)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+([a-z]{2,24}))(?::\d+)?(?:[/?#]\S*)?$/i.exec(s.trim());
  if (!match) return false;
  if (/^www\./i.test(s.trim())) return true;
  return TLDS.has(match[2].toLowerCase());
}

// ---------- document links ----------

export interface DocumentLink {
  start: number;
  end: number;
  /** Absolute file path. */
  target: string;
}

/** Image paths and `ref`/`relref` targets that resolve to a file, for Ctrl+click. */
export function documentLinks(text: string, bodyStart: number, index: SiteIndex | undefined, filePath: string, frontMatterImages: { value: string; start: number; end: number }[] = []): DocumentLink[] {
  if (!index) return [];
  const links: DocumentLink[] = [];
  const scan = scanBody(text, bodyStart);
  const image = (value: string, start: number, end: number) => {
    const file = resolveImage(index, filePath, value).file;
    if (file) links.push({ start, end, target: file });
  };
  for (const token of scan.tokens) {
    if (token.comment || token.kind === 'close') continue;
    if (token.name === 'ref' || token.name === 'relref') {
      const target = getArg(token, 'path') ?? getPositional(token, 0);
      if (target?.value.trim()) {
        const file = resolveContentRef(index, filePath, target.value).file;
        if (file) links.push({ start: target.valueStart, end: target.valueEnd, target: file });
      }
      continue;
    }
    for (const arg of token.args) {
      if (arg.name && IMAGE_ARG_NAMES.has(arg.name) && arg.quote !== undefined && arg.value && !isExternalRef(arg.value)) image(arg.value, arg.valueStart, arg.valueEnd);
    }
  }
  IMAGE_MD.lastIndex = bodyStart;
  for (let match = IMAGE_MD.exec(scan.masked); match; match = IMAGE_MD.exec(scan.masked)) {
    const dest = parseDestination(match[2], match.index + 2 + match[1].length + 2);
    if (!isExternalRef(dest.dest)) image(dest.dest, dest.destStart, dest.destEnd);
  }
  IMG_TAG.lastIndex = bodyStart;
  for (let match = IMG_TAG.exec(scan.masked); match; match = IMG_TAG.exec(scan.masked)) {
    const src = htmlAttr(match[0], 'src');
    if (src && !isExternalRef(src.value)) image(src.value, match.index + src.start, match.index + src.end);
  }
  for (const fm of frontMatterImages) if (!isExternalRef(fm.value)) image(fm.value, fm.start, fm.end);
  return links.sort((a, b) => a.start - b.start);
}

