// `text/joined-paragraphs`: a post pasted from a rich-text editor keeps one paragraph per line and no blank lines,
// so Markdown joins the whole story into one paragraph. Hard-wrapped prose (a line break every ~80 columns) and
// semantic line breaks (a sentence per line) are normal Markdown and must not be flagged: what gives a pasted
// paragraph away is lines that each hold whole sentences and end at a sentence's end, or short title lines
// between them, with hardly a line that stops mid-sentence.
import * as l10n from '@vscode/l10n';
import type { Fix, RawFinding, TextEdit } from '../lint/findings';
import { formatCount } from '../text/messageLocale';

/** A line that starts or is a block of its own: headings, lists, tables, quotes, HTML, shortcodes, rules, definitions. */
const BLOCK_LINE = /^ {0,3}(?:#{1,6}(?:[ \t]|$)|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|>|<|\{\{[<%]|\||\[[^\]\n]+\]:|(?:([-*_])[ \t]*){3,}$|(?:=+|-+)[ \t]*$)/;
const INDENTED = /^(?: {4}|\t)/;
const TABLE_LIKE = /\|.*\|/;
/** A sentence's end: `.`, `!`, `?`, `…` or `:`, then closing quotes, brackets or emphasis. */
const SENTENCE_END = /[.!?…:]["'”’»)\]*_]*$/;
/** Two sentences meet inside the line: `. The`, `?» Et`. */
const SENTENCE_BOUNDARY = /[.!?…]["'”’»)]*\s+["'“‘«(]*[\p{Lu}\p{N}]/gu;
/** Words before a period that do not end a sentence (initials, abbreviations). */
const ABBREVIATION = /^(?:\p{Lu}|e\.g|i\.e|etc|vs|cf|Mr|Mrs|Ms|Dr|St|Jr|Sr|No|Nr|Fig|approx|ca|M|Mme|Mlle)$/u;

/** The limits that tell a pasted paragraph from wrapped prose (see docs/rules.md). */
const MIN_LINES = 3;
const MIN_CHARACTERS = 400;
/** A line of at least this many visible characters that ends a sentence holds a paragraph, whatever its sentences. */
const LONG_LINE = 240;
/** A line with two sentences or more, ending one, holds a paragraph from this length on (hard wraps stay shorter). */
const PARAGRAPH_LINE = 100;
const TITLE_MAX = 70;
const TITLE_MAX_WORDS = 10;

/**
 * The line as a reader sees it. Every pattern stops at the next opener of its kind, so a line full of unclosed
 * `[`, `](` or `{{<` costs one pass, not one pass per opener.
 */
function visibleText(line: string): string {
  return withoutShortcodes(line)
    .replace(/!?\[([^[\]\n]*)\]\([^()\n]*\)/g, '$1')
    .replace(/<[^<>\n]*>/g, '')
    .trim();
}

/** The line without its `{{< … >}}` and `{{% … %}}`; from an unclosed one on, no later one closes either. */
function withoutShortcodes(line: string): string {
  let out = '';
  let from = 0;
  for (let open = line.indexOf('{{', from); open !== -1; open = line.indexOf('{{', from)) {
    const kind = line[open + 2];
    if (kind !== '<' && kind !== '%') { out += line.slice(from, open + 2); from = open + 2; continue; }
    const close = line.indexOf(`${kind}}}`, open + 3);
    if (close === -1) break;
    out += line.slice(from, open);
    from = close + 3;
  }
  return out + line.slice(from);
}

/** Ends with two spaces or a backslash: a hard line break the author asked for. */
function endsWithHardBreak(line: string): boolean {
  return line.endsWith('  ') || line.endsWith('\\');
}

function endsSentence(visible: string): boolean {
  return SENTENCE_END.test(visible);
}

function hasTwoSentences(visible: string): boolean {
  SENTENCE_BOUNDARY.lastIndex = 0;
  for (let match = SENTENCE_BOUNDARY.exec(visible); match; match = SENTENCE_BOUNDARY.exec(visible)) {
    // The word before the period, looked for in a few characters only: abbreviations are short.
    const word = /[\p{L}\p{N}.]*$/u.exec(visible.slice(Math.max(0, match.index - 8), match.index))?.[0] ?? '';
    if (!ABBREVIATION.test(word)) return true;
    SENTENCE_BOUNDARY.lastIndex = match.index + match[0].length - 1;
  }
  return false;
}

/** A short line that reads as a title: capitalised, a few words, no sentence punctuation at its end. */
export function isTitleLike(line: string): boolean {
  if (line.length > 20 * TITLE_MAX) return false; // even its links' addresses could not make it short
  const visible = visibleText(line);
  if (visible.length < 2 || visible.length > TITLE_MAX || /[.,;:!]["'”’»)\]*_]*$/.test(visible)) return false;
  if (!/^["'“‘«(*_]*[\p{Lu}\p{N}]/u.test(visible)) return false;
  return visible.split(/\s+/).length <= TITLE_MAX_WORDS;
}

/** Consecutive prose lines: where each starts and ends (before its line break). */
interface Run { starts: number[]; ends: number[] }

/** The runs of consecutive prose lines of the body (code, HTML comments and front matter already blanked in `masked`). */
function proseRuns(masked: string, bodyStart: number): Run[] {
  const runs: Run[] = [];
  let run: Run = { starts: [], ends: [] };
  let inList = false;
  const flush = () => { if (run.starts.length) runs.push(run); run = { starts: [], ends: [] }; };
  for (let start = bodyStart; start <= masked.length;) {
    let next = masked.indexOf('\n', start);
    if (next === -1) next = masked.length;
    const end = next > start && masked.charCodeAt(next - 1) === 13 ? next - 1 : next;
    const line = masked.slice(start, end);
    const blank = !/\S/.test(line);
    if (blank || BLOCK_LINE.test(line) || INDENTED.test(line) || TABLE_LIKE.test(line) || (inList && /^\s/.test(line))) {
      // A `===` or `---` line under prose makes that line a setext heading.
      if (!blank && /^ {0,3}(?:=+|-+)[ \t]*$/.test(line)) { run.starts.pop(); run.ends.pop(); }
      flush();
      inList = !blank && (inList || /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/.test(line));
    } else {
      inList = false;
      run.starts.push(start);
      run.ends.push(end);
    }
    if (next === masked.length) break;
    start = next + 1;
  }
  flush();
  return runs;
}

/** One finding per run of lines that Markdown joins into one paragraph although they are separate paragraphs. */
export function checkJoinedParagraphs(text: string, masked: string, bodyStart: number): RawFinding[] {
  const findings: RawFinding[] = [];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  for (const { starts, ends } of proseRuns(masked, bodyStart)) {
    const n = starts.length;
    if (n < MIN_LINES) continue;
    // What each line is, in plain arrays: a huge run keeps no strings or objects per line alive.
    const lengths: number[] = [];
    const sentenceEnd: boolean[] = [];
    const titleLike: boolean[] = [];
    const paragraphLine: boolean[] = [];
    const hardBreak: boolean[] = [];
    let characters = 0;
    for (let i = 0; i < n; i++) {
      const line = masked.slice(starts[i], ends[i]);
      const visible = visibleText(line);
      const ending = endsSentence(visible);
      const hard = endsWithHardBreak(line);
      lengths.push(visible.length);
      sentenceEnd.push(ending);
      titleLike.push(isTitleLike(visible));
      hardBreak.push(hard);
      paragraphLine.push(ending && !hard && visible.length >= PARAGRAPH_LINE && (visible.length >= LONG_LINE || hasTwoSentences(visible)));
      characters += visible.length;
    }
    if (characters < MIN_CHARACTERS) continue;
    // A title line stands between a sentence's end (or another title) and a longer line.
    const title = (i: number) => i + 1 < n && titleLike[i] && lengths[i + 1] >= Math.max(60, 2 * lengths[i]) && (i === 0 || sentenceEnd[i - 1] || titleLike[i - 1]);
    const titles = starts.map((_, i) => title(i));
    let strong = 0;
    let midSentence = 0;
    const paragraphBreaks: number[] = [];
    for (let i = 0; i + 1 < n; i++) {
      if (titles[i] || paragraphLine[i]) strong++;
      else if (!sentenceEnd[i] && !hardBreak[i]) midSentence++;
      if (titles[i] || titles[i + 1] || sentenceEnd[i]) paragraphBreaks.push(starts[i + 1]);
    }
    // Wrapped prose stops mid-sentence at most line ends; a pasted story hardly ever.
    if (strong < 2 || midSentence * 4 > n - 1) continue;
    const separate: TextEdit[] = paragraphBreaks.map(at => ({ start: at, end: at, newText: eol }));
    const titleCount = titles.filter(Boolean).length;
    const fixes: Fix[] = [{ title: l10n.t('Separate the paragraphs with blank lines'), edits: separate, preferred: true, safe: true }];
    if (titleCount > 0) {
      // One edit per offset: a blank line and a heading marker inserted at the same spot must keep their order.
      const edits = new Map(separate.map(edit => [edit.start, { ...edit }]));
      titles.forEach((isTitle, i) => {
        if (!isTitle) return;
        // The post's own title, on the first line of a post without front matter, is its `#` heading.
        const marker = !text.slice(0, starts[i]).replace(/^\uFEFF/, '') ? '# ' : '## ';
        const edit = edits.get(starts[i]);
        if (edit) edit.newText += marker; else edits.set(starts[i], { start: starts[i], end: starts[i], newText: marker });
      });
      fixes.push({ title: titleCount === 1 ? l10n.t('Separate the paragraphs and make the 1 short title line headings') : l10n.t('Separate the paragraphs and make the {count} short title lines headings', { count: titleCount }), edits: [...edits.values()].sort((a, b) => a.start - b.start) });
    }
    findings.push({
      rule: 'text/joined-paragraphs',
      message: `${l10n.t('These {lines} lines ({characters} characters) render as one paragraph: Markdown joins lines that no blank line separates.', { lines: n, characters: formatCount(characters) })} ${
        titleCount === 0 ? l10n.t('{breaks} of the line breaks end a paragraph.', { breaks: separate.length })
        : titleCount === 1 ? l10n.t('{breaks} of the line breaks end a paragraph, and 1 short line looks like a heading.', { breaks: separate.length })
        : l10n.t('{breaks} of the line breaks end a paragraph, and {titles} short lines look like headings.', { breaks: separate.length, titles: titleCount })}`,
      start: starts[0], end: ends[0],
      fixes,
    });
  }
  return findings;
}
