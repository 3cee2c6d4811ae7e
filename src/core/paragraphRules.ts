// `text/joined-paragraphs`: a post pasted from a rich-text editor keeps one paragraph per line and no blank lines,
// so Markdown joins the whole story into one paragraph. Hard-wrapped prose (a line break every ~80 columns) and
// semantic line breaks (a sentence per line) are normal Markdown and must not be flagged: what gives a pasted
// paragraph away is lines that each hold whole sentences and end at a sentence's end, or short title lines
// between them, with hardly a line that stops mid-sentence.
import type { Finding, Fix, TextEdit } from './findings';

type RawFinding = Omit<Finding, 'severity'>;

interface LineRange {
  start: number;
  /** End offset, before the line break. */
  end: number;
}

interface Line extends LineRange {
  /** The line as Markdown shows it: link targets, tags and shortcodes dropped, trimmed. */
  visible: string;
  /** Ends with two spaces or a backslash: the author asked for a line break there. */
  hardBreak: boolean;
}

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

function visibleText(line: string): string {
  return line
    .replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
    .replace(/\{\{[<%].*?[%>]\}\}/g, '')
    .replace(/<[^<>\n]*>/g, '')
    .trim();
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
  const visible = visibleText(line);
  if (visible.length < 2 || visible.length > TITLE_MAX || /[.,;:!]["'”’»)\]*_]*$/.test(visible)) return false;
  if (!/^["'“‘«(*_]*[\p{Lu}\p{N}]/u.test(visible)) return false;
  return visible.split(/\s+/).length <= TITLE_MAX_WORDS;
}

/** The runs of consecutive prose lines of the body (code, HTML comments and front matter already blanked in `masked`). */
function proseRuns(masked: string, bodyStart: number): LineRange[][] {
  const runs: LineRange[][] = [];
  let run: LineRange[] = [];
  let inList = false;
  const flush = () => { if (run.length) runs.push(run); run = []; };
  for (let start = bodyStart; start <= masked.length;) {
    let end = masked.indexOf('\n', start);
    if (end === -1) end = masked.length;
    const raw = masked.slice(start, end);
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const next = masked.slice(end + 1, masked.indexOf('\n', end + 1) === -1 ? masked.length : masked.indexOf('\n', end + 1));
    const blank = !/\S/.test(line);
    const listItem = /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/.test(line);
    // A line over `===` or `---` is a setext heading.
    const setextTitle = !blank && /^ {0,3}(?:=+|-+)[ \t]*$/.test(next.replace(/\r$/, ''));
    if (blank || BLOCK_LINE.test(line) || INDENTED.test(line) || TABLE_LIKE.test(line) || setextTitle || (inList && /^\s/.test(line))) {
      flush();
      if (blank) inList = false;
      else if (listItem) inList = true;
    } else {
      inList = false;
      run.push({ start, end: start + line.length });
    }
    if (end === masked.length) break;
    start = end + 1;
  }
  flush();
  return runs;
}

interface Break {
  /** Offset where the next line starts: a blank line goes here. */
  at: number;
  paragraph: boolean;
}

/** One finding per run of lines that Markdown joins into one paragraph although they are separate paragraphs. */
export function checkJoinedParagraphs(text: string, masked: string, bodyStart: number): RawFinding[] {
  const findings: RawFinding[] = [];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  for (const ranges of proseRuns(masked, bodyStart)) {
    if (ranges.length < MIN_LINES) continue;
    const run: Line[] = ranges.map(({ start, end }) => {
      const line = masked.slice(start, end);
      return { start, end, visible: visibleText(line), hardBreak: / {2,}$|\\$/.test(line) };
    });
    const characters = run.reduce((sum, line) => sum + line.visible.length, 0);
    if (characters < MIN_CHARACTERS) continue;
    const titles = run.map((line, i) => {
      const next = run[i + 1];
      const previous = run[i - 1];
      return !!next && isTitleLike(line.visible) && next.visible.length >= Math.max(60, 2 * line.visible.length)
        && (!previous || endsSentence(previous.visible) || isTitleLike(previous.visible));
    });
    let strong = 0;
    let midSentence = 0;
    const breaks: Break[] = [];
    for (let i = 0; i + 1 < run.length; i++) {
      const line = run[i];
      const ends = endsSentence(line.visible);
      const paragraphLine = ends && !line.hardBreak && line.visible.length >= PARAGRAPH_LINE && (line.visible.length >= LONG_LINE || hasTwoSentences(line.visible));
      if (titles[i] || paragraphLine) strong++;
      else if (!ends && !line.hardBreak) midSentence++;
      breaks.push({ at: run[i + 1].start, paragraph: titles[i] || titles[i + 1] || ends });
    }
    // Wrapped prose stops mid-sentence at most line ends; a pasted story hardly ever.
    if (strong < 2 || midSentence * 4 > breaks.length) continue;
    const first = run[0];
    const separate: TextEdit[] = breaks.filter(b => b.paragraph).map(b => ({ start: b.at, end: b.at, newText: eol }));
    const titleCount = titles.filter(Boolean).length;
    const fixes: Fix[] = [{ title: 'Separate the paragraphs with blank lines', edits: separate, preferred: true, safe: true }];
    if (titleCount > 0) {
      // One edit per offset: a blank line and a heading marker inserted at the same spot must keep their order.
      const edits = new Map(separate.map(edit => [edit.start, { ...edit }]));
      run.forEach((line, i) => {
        if (!titles[i]) return;
        // The post's own title, on the first line of a post without front matter, is its `#` heading.
        const marker = line.start === bodyStart && bodyStart === 0 ? '# ' : '## ';
        const edit = edits.get(line.start);
        if (edit) edit.newText += marker; else edits.set(line.start, { start: line.start, end: line.start, newText: marker });
      });
      fixes.push({ title: `Separate the paragraphs and make the ${titleCount} short title line${titleCount === 1 ? '' : 's'} headings`, edits: [...edits.values()].sort((a, b) => a.start - b.start) });
    }
    findings.push({
      rule: 'text/joined-paragraphs',
      message: `These ${run.length} lines (${characters.toLocaleString('en')} characters) render as one paragraph: Markdown joins lines that no blank line separates.`
        + ` ${separate.length} of the line breaks end a paragraph${titleCount ? `, and ${titleCount} short line${titleCount === 1 ? ' looks like a heading' : 's look like headings'}` : ''}.`,
      start: first.start, end: first.end,
      fixes,
    });
  }
  return findings;
}
