// The one pre-scan of a post's body that every body rule reads: the text with code and HTML comments blanked
// (links and images there are not links), the shortcode tokens, and the site to resolve paths against. Built once
// per check, so no rule scans the body for these again.
import type { SiteIndex } from '../../site/files';
import { scanShortcodes, type ShortcodeToken } from '../shortcodes';

export interface BodyInput {
  index?: SiteIndex;
  filePath?: string;
  /** Image paths from the front matter (`images`, `image`, `cover`, `featured_image`), with the value's range. */
  frontMatterImages?: { value: string; start: number; end: number }[];
}

/** What the body rules check: the text, its pre-scan and the site. */
export interface BodyCheckContext extends BodyInput {
  text: string;
  bodyStart: number;
  /** The text with the front matter, code and HTML comments blanked (line breaks kept): offsets unchanged. */
  masked: string;
  tokens: ShortcodeToken[];
  /** Is the offset inside code or an HTML comment (masked)? */
  hidden(offset: number): boolean;
  /** A site index and the post's path, and the index is complete: a path that resolves to nothing is missing. */
  canResolve: boolean;
  /** Hugo or unknown: shortcodes are checked. */
  hugo: boolean;
}

export function scanBody(text: string, bodyStart: number, input: BodyInput = {}): BodyCheckContext {
  const { masked } = maskBody(text, bodyStart);
  const tokens = scanShortcodes(text, bodyStart);
  const index = input.index;
  return {
    ...input, text, bodyStart, masked, tokens,
    hidden: offset => masked.charCodeAt(offset) !== text.charCodeAt(offset),
    canResolve: !!index && !!input.filePath && !index.truncated,
    hugo: !index || index.site.generator === 'hugo',
  };
}

/** Why a path resolved to no file, if it did not: with the nearest one that exists. */
export type Miss = { suggestion?: string } | undefined;

/** The same path often comes back (a logo, a chart, a day's post): each is resolved once per check. */
export function missOnce(cache: Map<string, Miss>, value: string, resolve: () => { file?: string; external?: boolean }, suggest: () => string | undefined): Miss {
  if (!cache.has(value)) {
    const resolved = resolve();
    cache.set(value, resolved.file || resolved.external ? undefined : { suggestion: suggest() });
  }
  return cache.get(value);
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
