// text/mojibake: UTF-8 text that was read with a single-byte code page and saved again
// (`sÃ©rie` for `série`, `â€™` for `’`, `ðŸŽ¯` or `ğŸ˜ƒ` for an emoji).
//
// The approach of Python's ftfy: every maximal run of non-ASCII characters is turned back into the
// bytes it came from, with each code page in turn, and decoded as UTF-8 as a whole. A decoded
// character is kept only when it is what mojibake hides (letters, punctuation, emoji …) and the
// original looks odd where it stands; the best code page for the run wins. Findings are one per line
// (one fix for all its broken words), or one for the whole post when nearly all of its non-ASCII
// text is broken (the post was double-encoded), with a fix that repairs all of it.
import * as l10n from '@vscode/l10n';
import type { Fix, RawFinding, TextEdit } from '../lint/findings';

// ---------- code pages ----------

interface CodePage {
  name: string;
  /** Character code → the byte (0x80–0xFF) it stands for. */
  bytes: Map<number, number>;
}

/** Bytes 0xA0–0xFF of Latin-1 (Windows-1252 maps them the same). */
const LATIN1_HIGH = Array.from({ length: 0x60 }, (_, i) => String.fromCharCode(0xa0 + i)).join('');

// The tables are written out, not built from TextDecoder: Node 20's TextDecoder('windows-1252')
// decodes as Latin-1 (0x80–0x9F become C1 controls), so it cannot be trusted to build them.
// Bytes a code page leaves undefined decode to the C1 control of the same number (as browsers do).
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ' + LATIN1_HIGH;
const CP1254_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008d\u008e\u008f\u0090‘’“”•–—˜™š›œ\u009d\u009eŸ'
  + LATIN1_HIGH.slice(0, 0x30) + 'ĞÑÒÓÔÕÖ×ØÙÚÛÜİŞßàáâãäåæçèéêëìíîïğñòóôõö÷øùúûüışÿ';
const CP1250_HIGH = '€\u0081‚\u0083„…†‡\u0088‰Š‹ŚŤŽŹ\u0090‘’“”•–—\u0098™š›śťžź'
  + '\u00a0ˇ˘Ł¤Ą¦§¨©Ş«¬\u00ad®Ż°±˛ł´µ¶·¸ąş»Ľ˝ľżŔÁÂĂÄĹĆÇČÉĘËĚÍÎĎĐŃŇÓÔŐÖ×ŘŮÚŰÜÝŢßŕáâăäĺćçčéęëěíîďđńňóôőö÷řůúűüýţ˙';

function codePage(name: string, high: string): CodePage {
  const bytes = new Map<number, number>();
  // Text read as Latin-1 keeps 0x80–0x9F as C1 controls: accept them as those bytes in every code page.
  for (let b = 0x80; b <= 0x9f; b++) bytes.set(b, b);
  for (let i = 0; i < high.length; i++) bytes.set(high.charCodeAt(i), 0x80 + i);
  return { name, bytes };
}

/** Tried in this order; the first wins a tie. Mac Roman and Windows-1251 are left out: too many real texts decode. */
export const CODE_PAGES: readonly CodePage[] = [
  codePage('Windows-1252', CP1252_HIGH),
  codePage('Windows-1254', CP1254_HIGH),
  codePage('Windows-1250', CP1250_HIGH),
];

/** The 128 characters of bytes 0x80–0xFF, for tests against TextDecoder. */
export const CODE_PAGE_TABLES: Readonly<Record<string, string>> = { 'Windows-1252': CP1252_HIGH, 'Windows-1254': CP1254_HIGH, 'Windows-1250': CP1250_HIGH };

/** How a message names a code page (a function: the label is looked up in the bundle configured when the message is made). */
function codePageLabel(page: string): string {
  switch (page) {
    case 'Windows-1252': return l10n.t('Windows-1252 (or Latin-1)');
    case 'Windows-1254': return l10n.t('Windows-1254 (Turkish)');
    case 'Windows-1250': return l10n.t('Windows-1250 (Central European)');
    default: return page;
  }
}

// ---------- decoding one run ----------

/** Characters that stand for a UTF-8 lead byte, or a continuation byte, in some code page: a quick test before decoding. */
const LEAD_CHARS = new Set<number>();
const CONTINUATION_CHARS = new Set<number>();
for (const page of CODE_PAGES) {
  for (const [char, byte] of page.bytes) {
    if (byte >= 0xc2 && byte <= 0xf4) LEAD_CHARS.add(char);
    else if (byte <= 0xbf) CONTINUATION_CHARS.add(char);
  }
}

/** Characters that stand for the same byte in every code page that has them: those pages decode them alike. */
const UNANIMOUS_CHARS = new Set<number>();
for (const char of new Set(CODE_PAGES.flatMap(page => [...page.bytes.keys()]))) {
  if (new Set(CODE_PAGES.filter(page => page.bytes.has(char)).map(page => page.bytes.get(char))).size === 1) UNANIMOUS_CHARS.add(char);
}

function allUnanimous(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!UNANIMOUS_CHARS.has(text.charCodeAt(i))) return false;
  return true;
}

function pageHasAll(page: CodePage, text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!page.bytes.has(text.charCodeAt(i))) return false;
  return true;
}

/** Could `text[start, end)` hold mojibake at all: a lead followed by a continuation, or a closing `Ã`/`Â`? */
function mayDecode(text: string, start: number, end: number): boolean {
  const last = text.charCodeAt(end - 1);
  if (last === 0xc3 || last === 0xc2) return true;
  for (let i = start; i + 1 < end; i++) {
    if (LEAD_CHARS.has(text.charCodeAt(i)) && CONTINUATION_CHARS.has(text.charCodeAt(i + 1))) return true;
  }
  return false;
}

type Strength = 'strong' | 'weak';

/** A piece of a run: one decoded UTF-8 sequence, or one character left as it is. */
interface Piece {
  /** Offsets of the original characters in the text. */
  start: number;
  end: number;
  original: string;
  text: string;
  /** Bytes of the UTF-8 sequence; 0 for a character left as it is. */
  length: number;
  strength?: Strength;
}

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Splits `text[start, end)` into UTF-8 sequences (as `page` bytes) and characters that are none. */
function splitRun(text: string, start: number, end: number, page: CodePage): Piece[] {
  const pieces: Piece[] = [];
  let i = start;
  while (i < end) {
    const lead = page.bytes.get(text.charCodeAt(i)) ?? -1;
    const length = sequenceLength(lead);
    const code = length && i + length <= end ? decodeSequence(text, i, length, lead, page) : -1;
    if (code >= 0) {
      const decoded = String.fromCodePoint(code);
      if (expected(decoded, length)) {
        pieces.push({ start: i, end: i + length, original: text.slice(i, i + length), text: decoded, length });
        i += length;
        continue;
      }
    }
    pieces.push({ start: i, end: i + 1, original: text[i], text: text[i], length: 0 });
    i++;
  }
  return pieces;
}

/** The code point of the UTF-8 sequence `lead` + the bytes of `text[at + 1, at + length)`; -1 when it is not valid UTF-8. */
function decodeSequence(text: string, at: number, length: number, lead: number, page: CodePage): number {
  let code = lead & (length === 2 ? 0x1f : length === 3 ? 0x0f : 0x07);
  for (let k = 1; k < length; k++) {
    const byte = page.bytes.get(text.charCodeAt(at + k)) ?? -1;
    if (byte < 0x80 || byte > 0xbf) return -1;
    code = (code << 6) | (byte & 0x3f);
  }
  // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
  const least = length === 2 ? 0x80 : length === 3 ? 0x800 : 0x10000;
  if (code < least || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return -1;
  return code;
}

const LETTER = /\p{L}/u;
const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}/u;
const LATIN_LETTER = /\p{Script=Latin}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** CJK punctuation, kana, ideographs, Hangul and fullwidth forms. */
function isCjk(code: number): boolean {
  return (code >= 0x3000 && code <= 0x30ff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xff00 && code <= 0xffef);
}

/**
 * What mojibake usually hides, by the length of its UTF-8 form: Latin, Greek and Cyrillic letters,
 * Latin-1 signs and the code pages' accents `ˆ˜ˇ˘˙˛˝` (2 bytes); punctuation, symbols, variation
 * selectors, the byte-order mark, CJK (3 bytes); emoji (4 bytes). Anything else is more likely a real
 * character that happens to be followed by signs forming UTF-8.
 */
function expected(decoded: string, length: number): boolean {
  const code = decoded.codePointAt(0) as number;
  if (length === 2) return (code >= 0xa0 && code <= 0x24f) || (code >= 0x2c6 && code <= 0x2dd) || (code >= 0x370 && code <= 0x3ff) || (code >= 0x400 && code <= 0x52f);
  if (length === 3) return (code >= 0x2000 && code <= 0x2bff) || (code >= 0xfe00 && code <= 0xfe0f) || code === 0xfeff || isCjk(code);
  return code >= 0x1f000 && code <= 0x1faff;
}

/**
 * After `Â` or `Ã`, these signs are never real text (ftfy's list, less `“`): `Ã©` is. Others (`…`,
 * `»`, `’`, `©` …) can follow a capital at the end of a real word (`IRMÃ…`): odd only before a letter.
 */
const ALWAYS_ODD_AFTER_A = new Set([...'\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008a\u008b\u008c\u008d\u008e\u008f'
  + '\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009a\u009b\u009c\u009d\u009e\u009f'
  + '€ƒ‚„†‡ˆ‰‹Œ•˜œŸ¡¢£¤¥¦§¨ª«¬¯°±²³µ¶·¸¹º¼½¾¿ˇ˘˝']);

/**
 * How sure a decoded sequence is, given its decoded neighbours: strong (report it even alone), weak
 * (repair it only beside strong ones, or in a post that is broken as a whole) or none (keep it).
 */
function strengthOf(piece: Piece, before: string, after: string): Strength | undefined {
  const code = piece.text.codePointAt(0) as number;
  const latinBeside = LATIN_LETTER.test(before) || LATIN_LETTER.test(after);
  if (piece.length === 4) return 'strong';
  if (piece.length === 3) {
    // `café…»` would decode to a CJK character: not beside Latin letters.
    if (isCjk(code)) return latinBeside ? undefined : 'strong';
    return 'strong';
  }
  const first = piece.original[0];
  const second = piece.original[1];
  const letter = LETTER.test(piece.text);
  if (code >= 0x370) {
    // Greek or Cyrillic: never inside a Latin word; a lone letter (`а`, `и` are Russian words) is weak.
    if (latinBeside) return undefined;
    return LETTER.test(before) || LETTER.test(after) ? 'strong' : 'weak';
  }
  if (first === 'Â' || first === 'Ã') {
    if (ALWAYS_ODD_AFTER_A.has(second) || LETTER_OR_DIGIT.test(after)) return 'strong';
    // `Ã` + no-break space + space is `à ` (a real no-break space is not followed by a space), unless a capital ends in `Ã` (`IRMÃ`).
    if (second === '\u00a0' && after === ' ' && !UPPER.test(before)) return 'strong';
  }
  const inWord = letter && (LOWER.test(before) || LETTER.test(after));
  // Latin Extended-B is rare: only inside a word (but `ƒ`, a Windows-1252 sign, comes back from double encodings).
  if (code >= 0x180 && code < 0x2c6 && code !== 0x192) return inWord && LOWER.test(before) && LETTER.test(after) ? 'strong' : undefined;
  if (inWord) return 'strong';
  return 'weak';
}

/** The first and last code points of a string, for neighbour tests. */
function lastChar(s: string): string {
  if (!s) return '';
  const code = s.codePointAt(s.length - 1) as number;
  return code >= 0xdc00 && code <= 0xdfff && s.length > 1 ? s.slice(-2) : s.slice(-1);
}
function firstChar(s: string): string {
  return s ? String.fromCodePoint(s.codePointAt(0) as number) : '';
}

interface RunRepair {
  start: number;
  end: number;
  newText: string;
  /** Every character of the run is part of a repaired sequence, each `Â` or `Ã` and a sign (`Â\u00a0Â»`). */
  latin1Signs: boolean;
  /** The code pages that give this repair, in CODE_PAGES order. */
  pages: string[];
  strong: boolean;
  /** Another code page gives a different repair just as good. */
  ambiguous: boolean;
}

interface Candidate { pages: string[]; pieces: Piece[]; covered: number; strong: number; text: string }

/** Decodes `text[start, end)` (a run of non-ASCII characters within `[lineStart, lineEnd)`); undefined when nothing decodes. */
function repairRun(text: string, start: number, end: number, lineStart: number, lineEnd: number): RunRepair | undefined {
  if (!mayDecode(text, start, end)) return undefined;
  const before = start > lineStart ? lastChar(text.slice(Math.max(lineStart, start - 2), start)) : '';
  const after = end < lineEnd ? firstChar(text.slice(end, end + 2)) : '';
  let best: Candidate | undefined;
  let ambiguous = false;
  for (const page of CODE_PAGES) {
    // Once a run is decoded whole from characters every code page maps alike, the others can only agree.
    if (best && best.pieces.every(piece => piece.length) && allUnanimous(text, start, end)) {
      if (pageHasAll(page, text, start, end)) best.pages.push(page.name);
      continue;
    }
    const pieces = splitRun(text, start, end, page);
    for (let p = 0; p < pieces.length; p++) {
      const piece = pieces[p];
      if (!piece.length) continue;
      piece.strength = strengthOf(piece, p > 0 ? lastChar(pieces[p - 1].text) : before, p + 1 < pieces.length ? firstChar(pieces[p + 1].text) : after);
      if (!piece.strength) {
        // Not mojibake after all: its characters stay, one by one.
        pieces.splice(p, 1, ...[...piece.original].map((char, k) => ({ start: piece.start + k, end: piece.start + k + 1, original: char, text: char, length: 0 })));
        p += piece.original.length - 1;
      }
    }
    lostNoBreakSpace(text, pieces, end, lineEnd);
    // One CJK character alone is more likely a real letter followed by signs (Italian `è…»`) than a word.
    const cjk = pieces.filter(piece => piece.length === 3 && isCjk(piece.text.codePointAt(0) as number));
    if (cjk.length === 1) cjk[0].strength = 'weak';
    let covered = 0;
    let strong = 0;
    for (const piece of pieces) {
      covered += piece.length;
      if (piece.strength === 'strong') strong++;
    }
    if (!covered) continue;
    const candidate: Candidate = { pages: [page.name], pieces, covered, strong, text: pieces.map(piece => piece.text).join('') };
    if (!best || candidate.covered > best.covered || (candidate.covered === best.covered && candidate.strong > best.strong)) {
      ambiguous = !!best && best.covered === candidate.covered && best.text !== candidate.text;
      best = candidate;
    } else if (candidate.covered === best.covered && candidate.text === best.text) {
      best.pages.push(page.name);
    } else if (candidate.covered === best.covered && candidate.strong === best.strong) {
      ambiguous = true;
    }
  }
  if (!best) return undefined;
  const last = best.pieces[best.pieces.length - 1];
  let repaired = best.text;
  // Double encodings (`ÃƒÂ©`): the repair is mojibake again; decode it again, within the same context.
  for (let round = 0; round < 2; round++) {
    const again = repairString(repaired, before, after);
    if (again === undefined) break;
    repaired = again;
  }
  const latin1Signs = best.pieces.every(piece => piece.length === 2 && (piece.original[0] === 'Â' || piece.original[0] === 'Ã'));
  return { start, end: Math.max(end, last.end), newText: repaired, latin1Signs, pages: best.pages, strong: best.strong > 0, ambiguous };
}

/**
 * `Ã` closing a run before a space or the line's end: `à` whose no-break space (byte A0) became a
 * space or vanished (`dÃ©jÃ `, `Ã  la`). As ftfy does, the space is taken as that byte when another
 * space, the line's end or Portuguese `às`/`àquele` follows; else it stays (`Ã la` → `à la`).
 * `Â` + space is a no-break space that became a space (`Â«Â Bonjour`).
 */
function lostNoBreakSpace(text: string, pieces: Piece[], end: number, lineEnd: number): void {
  const last = pieces[pieces.length - 1];
  if (last.length || (last.original !== 'Ã' && last.original !== 'Â')) return;
  const next = end < lineEnd ? text[end] : '';
  if (next !== ' ' && next !== '' && next !== '\r') return;
  const previous = pieces.length > 1 ? lastChar(pieces[pieces.length - 2].text) : end - 1 > 0 ? lastChar(text.slice(Math.max(0, end - 3), end - 1)) : '';
  if (last.original === 'Â') {
    if (next !== ' ') return;
    pieces[pieces.length - 1] = { ...last, end: end + 1, original: 'Â ', text: '\u00a0', length: 2, strength: 'weak' };
    return;
  }
  const rest = text.slice(end + 1, Math.min(lineEnd, end + 8));
  const spaceWasTheByte = next === ' ' && (rest === '' || /^(?:[ \r]|s(?![\p{L}\p{N}])|quel|quil)/u.test(rest));
  pieces[pieces.length - 1] = { ...last, end: spaceWasTheByte ? end + 1 : end, original: spaceWasTheByte ? 'Ã ' : 'Ã', text: 'à', length: 2, strength: LOWER.test(previous) ? 'strong' : 'weak' };
}

/** One more round of decoding on an already repaired run, for double encodings; undefined when nothing changes. */
function repairString(s: string, before: string, after: string): string | undefined {
  const context = before + s + after;
  const offset = before.length;
  let changed = false;
  let out = '';
  for (let i = offset; i < offset + s.length;) {
    if (s.charCodeAt(i - offset) < 0x80) { out += context[i]; i++; continue; }
    let j = i;
    while (j < offset + s.length && context.charCodeAt(j) >= 0x80) j++;
    const repair = repairRun(context, i, j, 0, context.length);
    // Strong evidence again, or a run of nothing but `Â`/`Ã` pairs: what a double-encoded `«\u00a0` leaves after one round.
    if (repair && (repair.strong || repair.latin1Signs) && repair.end <= j) {
      out += repair.newText;
      changed = true;
    } else {
      out += context.slice(i, j);
    }
    i = j;
  }
  return changed ? out : undefined;
}

// ---------- lines and the post ----------

interface LostEmoji { start: number; end: number; page: string }

interface LineRepairs {
  lineStart: number;
  lineEnd: number;
  runs: RunRepair[];
  lost: LostEmoji[];
  strong: boolean;
}

/**
 * `ğŸ¯` (🎯 read as Windows-1254, whose byte 8E is a control character that got dropped): an emoji's
 * first two bytes (F0 9F) and one more, the fourth lost. Several emoji fit, so it cannot be repaired.
 */
function lostEmoji(text: string, start: number, end: number): LostEmoji[] {
  const lost: LostEmoji[] = [];
  for (let i = start; i + 2 < end; i++) {
    const lead = text[i];
    if ((lead !== 'ð' && lead !== 'ğ') || (text[i + 1] !== 'Ÿ' && text[i + 1] !== '\u009f')) continue;
    const third = text.charCodeAt(i + 2);
    const fourth = i + 3 < end ? text.charCodeAt(i + 3) : -1;
    if (CONTINUATION_CHARS.has(third) && !CONTINUATION_CHARS.has(fourth)) {
      lost.push({ start: i, end: i + 3, page: lead === 'ğ' ? 'Windows-1254' : 'Windows-1252' });
      i += 2;
    }
  }
  return lost;
}

export interface MojibakeScan {
  /** Lines with repairs to make, in order, and emoji that lost a byte (no repair). */
  lines: { lineStart: number; lineEnd: number; runs: { start: number; end: number; newText: string; pages: string[]; ambiguous: boolean }[]; lost: LostEmoji[] }[];
  /** Nearly all non-ASCII text of the post is broken: report it once, for the post. */
  wholePost: boolean;
}

/** A post is double-encoded as a whole when this share of its lines with non-ASCII text is broken … */
export const WHOLE_POST_SHARE = 0.8;
/** … and they are at least this many (fewer are listed line by line). */
export const WHOLE_POST_MIN_LINES = 4;

const NON_ASCII = /[^\x00-\x7f]+/g;

/** Finds the mojibake of `text` from offset `from`: the repairs of each line, and whether the whole post is broken. */
export function scanMojibake(text: string, from = 0): MojibakeScan {
  const found: LineRepairs[] = [];
  let nonAsciiLines = 0;
  let line: LineRepairs | undefined;
  const flush = () => {
    if (line && (line.runs.length || line.lost.length)) found.push(line);
  };
  // Runs of non-ASCII characters never cross a line break (`\n` is ASCII); the line is looked up from each new one.
  NON_ASCII.lastIndex = from;
  for (let match = NON_ASCII.exec(text); match; match = NON_ASCII.exec(text)) {
    if (!line || match.index > line.lineEnd) {
      flush();
      const lineStart = Math.max(from, text.lastIndexOf('\n', match.index) + 1);
      const newline = text.indexOf('\n', match.index);
      line = { lineStart, lineEnd: newline === -1 ? text.length : newline, runs: [], lost: [], strong: false };
      nonAsciiLines++;
    }
    const runEnd = match.index + match[0].length;
    const lost = lostEmoji(text, match.index, runEnd);
    if (lost.length) {
      line.lost.push(...lost);
      line.strong = true;
    }
    const repair = repairRun(text, match.index, runEnd, line.lineStart, line.lineEnd);
    if (!repair) continue;
    line.runs.push(repair);
    line.strong ||= repair.strong;
    NON_ASCII.lastIndex = Math.max(NON_ASCII.lastIndex, repair.end);
  }
  flush();
  const strongLines = found.filter(line => line.strong).length;
  const wholePost = strongLines >= WHOLE_POST_MIN_LINES && found.length >= WHOLE_POST_SHARE * nonAsciiLines;
  // Weak repairs count only beside strong ones on their line, or in a post broken as a whole.
  const lines = found.filter(line => wholePost || line.strong).map(line => ({ lineStart: line.lineStart, lineEnd: line.lineEnd, runs: line.runs.map(({ start, end, newText, pages, ambiguous }) => ({ start, end, newText, pages, ambiguous })), lost: line.lost }));
  return { lines, wholePost };
}

/** Repairs the mojibake of `s` (`sÃ©rie` → `série`, `â€™` → `’`, double encodings too); `s` itself when there is none. */
export function repairMojibake(s: string): string {
  const edits = scanMojibake(s).lines.flatMap(line => line.runs);
  return applyEdits(s, edits);
}

function applyEdits(s: string, edits: TextEdit[]): string {
  let out = '';
  let pos = 0;
  for (const edit of edits) {
    out += s.slice(pos, edit.start) + edit.newText;
    pos = edit.end;
  }
  return out + s.slice(pos);
}

// ---------- findings ----------

interface Word { start: number; end: number; edits: TextEdit[] }

/** Letters, digits and any non-ASCII sign but spaces: what a broken word is made of (`â€œquotedâ€\u009d`). */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]|[^\x00-\x7f\s]/u;

/** The runs of a line grouped into the words they break (`Ã©mergÃ©es` is one word with two runs). */
function wordsOf(text: string, lineStart: number, lineEnd: number, runs: TextEdit[]): Word[] {
  const words: Word[] = [];
  const widenRight = (from: number) => {
    let end = from;
    while (end < lineEnd && WORD_CHAR.test(text[end])) end++;
    return end;
  };
  for (const run of runs) {
    const previous = words[words.length - 1];
    if (previous && run.start <= previous.end) {
      // Inside or right after the previous word: widen only past what it already covers (linear on long words).
      if (run.end > previous.end) previous.end = widenRight(run.end);
      previous.edits.push(run);
      continue;
    }
    let start = run.start;
    const floor = previous ? previous.end : lineStart;
    while (start > floor && WORD_CHAR.test(text[start - 1])) start--;
    words.push({ start, end: widenRight(run.end), edits: [run] });
  }
  return words;
}

const MAX_SHOWN = 40;

function shown(s: string): string {
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN - 1)}…` : s;
}

/** `text[start, end)` with the edits inside it made. */
function repairedSlice(text: string, start: number, end: number, edits: TextEdit[]): string {
  return applyEdits(text.slice(start, end), edits.filter(edit => edit.start >= start && edit.end <= end).map(edit => ({ ...edit, start: edit.start - start, end: edit.end - start })));
}

function example(text: string, word: Word): string {
  return `\`${shown(text.slice(word.start, word.end))}\` → \`${shown(repairedSlice(text, word.start, word.end, word.edits))}\``;
}

/** The code page that explains every run (`Ã©` is the same in Windows-1252 and 1254, `ğŸ˜ƒ` only in 1254), else each run's first. */
function pagesOf(runs: { pages: string[] }[]): string {
  const common = CODE_PAGES.find(page => runs.every(run => run.pages.includes(page.name)));
  const names = common ? [common.name] : [...new Set(runs.map(run => run.pages[0]))];
  return names.map(codePageLabel).reduce((list, name) => l10n.t('{list} and {name}', { list, name }));
}

/** The whole-post message, one sentence per singular/plural case so each translates whole. */
function doubleEncodedMessage(pages: string, words: number, lines: number, example: string): string {
  const args = { pages, words, lines, example };
  if (words === 1) return lines === 1 ? l10n.t('This post was double-encoded: its UTF-8 text was read as {pages} and saved again. 1 word on 1 line are broken, e.g. {example}.', args) : l10n.t('This post was double-encoded: its UTF-8 text was read as {pages} and saved again. 1 word on {lines} lines are broken, e.g. {example}.', args);
  return lines === 1 ? l10n.t('This post was double-encoded: its UTF-8 text was read as {pages} and saved again. {words} words on 1 line are broken, e.g. {example}.', args) : l10n.t('This post was double-encoded: its UTF-8 text was read as {pages} and saved again. {words} words on {lines} lines are broken, e.g. {example}.', args);
}

/** The text/mojibake findings of `text` from offset `from`: one per broken line, or one for a post broken as a whole. */
export function checkMojibake(text: string, from: number): RawFinding[] {
  const scan = scanMojibake(text, from);
  const findings: RawFinding[] = [];
  for (const lost of scan.lines.flatMap(line => line.lost)) {
    findings.push({
      rule: 'text/mojibake',
      message: l10n.t('`{text}` is an emoji read as {page} that lost one of its bytes (an invisible control character) on the way: it cannot be repaired, type the emoji again.', { text: text.slice(lost.start, lost.end), page: codePageLabel(lost.page) }),
      start: lost.start, end: lost.end,
    });
  }
  return [...findings, ...runFindings(text, scan)];
}

function runFindings(text: string, scan: MojibakeScan): RawFinding[] {
  const perLine = scan.lines.filter(line => line.runs.length).map(line => ({ line, words: wordsOf(text, line.lineStart, line.lineEnd, line.runs) }));
  if (perLine.length === 0) return [];
  if (scan.wholePost) {
    const runs = scan.lines.flatMap(line => line.runs);
    const words = perLine.reduce((n, { words }) => n + words.length, 0);
    const first = perLine[0].words[0];
    const edits = runs.map(({ start, end, newText }) => ({ start, end, newText }));
    const fix: Fix = { title: l10n.t('Fix all {count} broken words in this post (repair the encoding)', { count: words }), edits, preferred: true, safe: !runs.some(run => run.ambiguous) };
    return [{
      rule: 'text/mojibake',
      message: doubleEncodedMessage(pagesOf(runs), words, perLine.length, example(text, first)),
      start: first.start, end: first.end, fixes: [fix],
    }];
  }
  return perLine.map(({ line, words }) => {
    const edits = line.runs.map(({ start, end, newText }) => ({ start, end, newText }));
    const safe = !line.runs.some(run => run.ambiguous);
    const start = words[0].start;
    const end = words[words.length - 1].end;
    if (words.length === 1) {
      const repaired = repairedSlice(text, start, end, edits);
      return {
        rule: 'text/mojibake',
        message: l10n.t('`{text}` is UTF-8 read as {pages}: it should read `{repaired}`.', { text: shown(text.slice(start, end)), pages: pagesOf(line.runs), repaired: shown(repaired) }),
        start, end,
        fixes: [{ title: l10n.t('Repair the encoding: `{repaired}`', { repaired: shown(repaired) }), edits, preferred: true, safe }],
      };
    }
    const examples = words.slice(0, 2).map(word => example(text, word)).join(', ');
    return {
      rule: 'text/mojibake',
      message: l10n.t('{count} words on this line are UTF-8 read as {pages}: {examples}.', { count: words.length, pages: pagesOf(line.runs), examples: `${examples}${words.length > 2 ? ', …' : ''}` }),
      start, end,
      fixes: [{ title: l10n.t('Repair the encoding of the {count} broken words on this line', { count: words.length }), edits, preferred: true, safe }],
    };
  });
}
