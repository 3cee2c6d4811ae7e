// Hugo shortcodes: a scanner with exact ranges (it never throws, whatever the input), pairing of
// opening and closing tags, and Hugo's built-in shortcodes with their parameters.
import * as l10n from '@vscode/l10n';

export interface ShortcodeArg {
  /** Named argument (`alt="…"`); undefined for a positional one. */
  name?: string;
  /** The value with quotes removed and `\"`-style escapes resolved (back-quoted values are raw). */
  value: string;
  /** Whole argument (`alt="x"`). */
  start: number;
  end: number;
  /** The value's text without its quotes. */
  valueStart: number;
  valueEnd: number;
  /** `"` or `` ` `` when quoted, `''` when bare; undefined when the value is missing (`alt=`). */
  quote?: '"' | '`' | '';
}

export interface ShortcodeToken {
  /** Shortcode name (`figure`, `foo/bar` for a template in a subfolder); '' for the comment form or a missing name. */
  name: string;
  kind: 'open' | 'close' | 'self-closing';
  /** `<` for `{{< >}}`, `%` for `{{% %}}` (Markdown inner content). */
  delimiter: '<' | '%';
  /** From `{{` to past `}}` (or where the scan gave up, for an unterminated tag). */
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  args: ShortcodeArg[];
  /** The comment form `{{</* … *\/>}}`: shown literally by Hugo, not a shortcode call. */
  comment?: boolean;
  /** No closing `>}}`/`%}}` was found. */
  unterminated?: boolean;
  /** A syntax problem, in words (unterminated quote, missing `>}}`, mismatched delimiters …). */
  problem?: string;
}

export interface BuiltinShortcode {
  name: string;
  /** Named parameters. */
  params: string[];
  /** Number of positional parameters it reads. */
  positional: number;
  /** true: must be closed; false: takes no inner content; undefined: either. */
  paired?: boolean;
  /** The part between `{{< ` and ` >}}` to insert (VS Code snippet syntax). */
  snippet: string;
  description: string;
  deprecated?: string;
}

/** Hugo's embedded shortcodes (Hugo 0.14x). */
export const BUILTIN_SHORTCODES: readonly BuiltinShortcode[] = [
  { name: 'figure', params: ['src', 'alt', 'caption', 'title', 'link', 'target', 'rel', 'attr', 'attrlink', 'class', 'height', 'width', 'loading'], positional: 0, paired: false, snippet: 'figure src="$1" alt="$2" caption="$3"', description: 'An HTML figure: image, caption, link.' },
  { name: 'ref', params: ['path', 'lang', 'outputFormat'], positional: 2, paired: false, snippet: 'ref "$1"', description: 'The absolute permalink of a page.' },
  { name: 'relref', params: ['path', 'lang', 'outputFormat'], positional: 2, paired: false, snippet: 'relref "$1"', description: 'The relative permalink of a page.' },
  { name: 'youtube', params: ['id', 'allowFullScreen', 'autoplay', 'class', 'controls', 'end', 'loading', 'loop', 'mute', 'start', 'title'], positional: 1, paired: false, snippet: 'youtube ${1:id}', description: 'An embedded YouTube video.' },
  { name: 'vimeo', params: ['id', 'allowFullScreen', 'class', 'loading', 'title'], positional: 1, paired: false, snippet: 'vimeo ${1:id}', description: 'An embedded Vimeo video.' },
  { name: 'x', params: ['user', 'id'], positional: 0, paired: false, snippet: 'x user="$1" id="$2"', description: 'An embedded X (Twitter) post.' },
  { name: 'tweet', params: ['user', 'id'], positional: 0, paired: false, snippet: 'tweet user="$1" id="$2"', description: 'An embedded tweet.', deprecated: 'use `x`' },
  { name: 'twitter', params: ['user', 'id'], positional: 0, paired: false, snippet: 'twitter user="$1" id="$2"', description: 'An embedded tweet.', deprecated: 'use `x`' },
  { name: 'instagram', params: ['id', 'hidecaption'], positional: 2, paired: false, snippet: 'instagram ${1:id}', description: 'An embedded Instagram post.' },
  { name: 'gist', params: ['user', 'id', 'file'], positional: 3, paired: false, snippet: 'gist ${1:user} ${2:id}', description: 'An embedded GitHub gist.' },
  { name: 'highlight', params: [], positional: 2, paired: true, snippet: 'highlight ${1:go} "${2:linenos=inline}"', description: 'Highlighted code (inner content).' },
  { name: 'param', params: ['name'], positional: 1, paired: false, snippet: 'param "$1"', description: 'A page or site parameter.' },
  { name: 'details', params: ['summary', 'open', 'class', 'name', 'title'], positional: 0, paired: true, snippet: 'details summary="$1"', description: 'A collapsible <details> element (inner content).' },
  { name: 'qr', params: ['text', 'level', 'scale', 'targetDir', 'alt', 'class', 'id', 'loading', 'title'], positional: 0, snippet: 'qr text="$1"', description: 'A QR code (text as a parameter or inner content).' },
  { name: 'comment', params: [], positional: 0, paired: true, snippet: 'comment', description: 'A comment left out of the rendered page (inner content).' },
];

export const BUILTIN_BY_NAME: ReadonlyMap<string, BuiltinShortcode> = new Map(BUILTIN_SHORTCODES.map(s => [s.name, s]));

const NAME_CHAR = /[A-Za-z0-9_./-]/;
const MAX_TAG_LENGTH = 64 * 1024;

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12;
}

/** Is there a blank line (two line breaks with only spaces between) in text[from, to)? */
function blankLineAt(text: string, i: number): boolean {
  if (text.charCodeAt(i) !== 10) return false;
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 10) return true;
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return false;
}

/**
 * Every shortcode tag in text[from, to): `{{< name k="v" >}}`, `{{% name %}}`, `{{< /name >}}`,
 * `{{< name />}}` and the comment form `{{</* … *\/>}}`. Never throws; a broken tag comes back with
 * `unterminated`/`problem` set and the scan goes on after it.
 */
export function scanShortcodes(text: string, from = 0, to = text.length): ShortcodeToken[] {
  const tokens: ShortcodeToken[] = [];
  if (typeof text !== 'string') return tokens;
  const limit = Math.min(Math.max(0, to), text.length);
  let pos = Math.max(0, from);
  while (pos < limit) {
    const open = text.indexOf('{{', pos);
    if (open === -1 || open + 2 >= limit) break;
    const delim = text[open + 2];
    if (delim !== '<' && delim !== '%') { pos = open + 2; continue; }
    let token: ShortcodeToken;
    try {
      token = scanTag(text, open, delim, limit);
    } catch {
      // Defensive: the scanner is meant never to throw; a bug must not break the checks.
      token = { name: '', kind: 'open', delimiter: delim, start: open, end: open + 3, nameStart: open + 3, nameEnd: open + 3, args: [], unterminated: true, problem: l10n.t('Unreadable shortcode tag.') };
    }
    tokens.push(token);
    pos = Math.max(token.end, open + 3);
  }
  return tokens;
}

function scanTag(text: string, start: number, delim: '<' | '%', limit: number): ShortcodeToken {
  const closer = closerOf(delim);
  const otherCloser = delim === '<' ? '%}}' : '>}}';
  const hardLimit = Math.min(limit, start + MAX_TAG_LENGTH);
  let i = skipSpaces(text, start + 3, hardLimit);
  // The comment form: {{</* … */>}} — Hugo prints the inside literally.
  if (text.startsWith('/*', i)) {
    const endComment = text.indexOf(`*/`, i + 2);
    if (endComment !== -1) {
      let j = endComment + 2;
      while (j < limit && isSpace(text.charCodeAt(j))) j++;
      if (text.startsWith(closer, j)) {
        return { name: '', kind: 'self-closing', delimiter: delim, start, end: j + 3, nameStart: i, nameEnd: i, args: [], comment: true };
      }
    }
    const lineEnd = endOfLine(text, i, limit);
    return { name: '', kind: 'self-closing', delimiter: delim, start, end: lineEnd, nameStart: i, nameEnd: i, args: [], comment: true, unterminated: true, problem: l10n.t('The shortcode comment `{opener}` is never closed with `{closer}`.', { opener: `{{${delim}/*`, closer: `*/${delim}}}` }) };
  }
  let kind: ShortcodeToken['kind'] = 'open';
  if (text[i] === '/') {
    kind = 'close';
    i = skipSpaces(text, i + 1, hardLimit);
  }
  const nameStart = i;
  if (text[i] === '"' || text[i] === '`') {
    // Hugo accepts a quoted name; rare, but read it.
    const q = text[i];
    const endQuote = text.indexOf(q, i + 1);
    if (endQuote !== -1 && endQuote < hardLimit && !text.slice(i + 1, endQuote).includes('\n')) i = endQuote + 1;
  } else {
    while (i < hardLimit && NAME_CHAR.test(text[i])) i++;
  }
  const nameEnd = i;
  let name = text.slice(nameStart, nameEnd);
  if (name.startsWith('"') || name.startsWith('`')) name = name.slice(1, -1);
  const token: ShortcodeToken = { name, kind, delimiter: delim, start, end: nameEnd, nameStart, nameEnd, args: [] };
  if (!name) {
    if (text.startsWith(closer, i) || text.startsWith(`/${closer}`, i)) token.problem = l10n.t('A shortcode tag without a name.');
  }
  for (;;) {
    i = skipSpaces(text, i, hardLimit);
    if (i >= hardLimit) return fail(token, `The shortcode \`${name || '{{' + delim}\` is never closed with \`${closer}\`.`, Math.min(hardLimit, endOfLine(text, start, limit)));
    if (blankLineAt(text, i)) return fail(token, `The shortcode \`${name}\` is never closed with \`${closer}\` (a blank line follows).`, i);
    if (text.startsWith(closer, i)) {
      token.end = i + 3;
      if (!name) token.problem ??= l10n.t('A shortcode tag without a name.');
      return token;
    }
    if (text.startsWith(`/${closer}`, i)) {
      token.end = i + 4;
      if (kind === 'close') token.problem ??= l10n.t('A closing shortcode tag cannot also be self-closing.');
      else token.kind = 'self-closing';
      return token;
    }
    if (text.startsWith(otherCloser, i)) {
      token.end = i + 3;
      token.problem ??= l10n.t('Mismatched delimiters: opened with `{opener}`, closed with `{closer}`.', { opener: `{{${delim}`, closer: otherCloser });
      return token;
    }
    if (text.startsWith('{{', i)) return fail(token, `The shortcode \`${name}\` is never closed with \`${closer}\`.`, i);
    const arg = scanArg(text, i, hardLimit, closer);
    if (arg.problem) {
      token.args.push(arg.arg);
      // Resume after the next closer on the same tag if there is one, else give up at the line end.
      const next = text.indexOf(closer, arg.arg.valueStart);
      const nextOpen = text.indexOf('{{', arg.arg.valueStart);
      if (next !== -1 && next < hardLimit && (nextOpen === -1 || nextOpen > next)) {
        token.problem = arg.problem;
        token.end = next + 3;
        return token;
      }
      return fail(token, arg.problem, endOfLine(text, arg.arg.start, limit));
    }
    if (arg.arg.end === i) { // cannot make progress: a stray character
      i++;
      continue;
    }
    token.args.push(arg.arg);
    if (kind === 'close') token.problem ??= l10n.t('A closing shortcode tag takes no arguments.');
    i = arg.arg.end;
  }
}

function skipSpaces(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit && isSpace(text.charCodeAt(i)) && !blankLineAt(text, i)) i++;
  return i;
}

function fail(token: ShortcodeToken, problem: string, end: number): ShortcodeToken {
  token.unterminated = true;
  token.problem ??= problem;
  // A tag broken over lines ends after its last argument, even when the give-up point is its first line's end.
  token.end = Math.max(end, token.nameEnd, token.args[token.args.length - 1]?.end ?? 0);
  return token;
}

function endOfLine(text: string, from: number, limit: number): number {
  const lf = text.indexOf('\n', from);
  return lf === -1 || lf > limit ? limit : lf;
}

function scanArg(text: string, start: number, limit: number, closer: string): { arg: ShortcodeArg; problem?: string } {
  let i = start;
  let name: string | undefined;
  // name= ?
  const nameMatch = /^[A-Za-z_][A-Za-z0-9_-]*[ \t]*=[ \t]*/.exec(text.slice(i, Math.min(limit, i + 256)));
  if (nameMatch) {
    name = nameMatch[0].replace(/[ \t]*=[ \t]*$/, '');
    i += nameMatch[0].length;
  }
  // The scanned range may end right after `name=`: a quote past it is not this token's.
  const c = i < limit ? text[i] : undefined;
  if (c === '"' || c === '`') {
    const valueStart = i + 1;
    let j = valueStart;
    let value = '';
    if (c === '`') {
      const endQuote = text.indexOf('`', valueStart);
      if (endQuote === -1 || endQuote >= limit) {
        // Unterminated: the value runs to the end of the line, or to the tag's closer if that comes first.
        const lineEnd = endOfLine(text, valueStart, limit);
        // Searched within the line only: an unbounded search per backtick would make a post of them quadratic.
        const closerInLine = text.slice(valueStart, lineEnd).indexOf(closer);
        const valueEnd = closerInLine === -1 ? lineEnd : valueStart + closerInLine;
        return { arg: { name, value: text.slice(valueStart, valueEnd), start, end: valueEnd, valueStart, valueEnd, quote: '`' }, problem: l10n.t('Unterminated back-quoted value.') };
      }
      value = text.slice(valueStart, endQuote);
      return { arg: { name, value, start, end: endQuote + 1, valueStart, valueEnd: endQuote, quote: '`' } };
    }
    let chunkStart = j;
    while (j < limit) {
      const ch = text.charCodeAt(j);
      if (ch === 92 /* \ */ && j + 1 < limit) {
        value += text.slice(chunkStart, j);
        value += text[j + 1];
        j += 2;
        chunkStart = j;
        continue;
      }
      if (ch === 34 /* " */) {
        value += text.slice(chunkStart, j);
        return { arg: { name, value, start, end: j + 1, valueStart, valueEnd: j, quote: '"' } };
      }
      // A quoted value never holds the closing delimiter in practice: stop there rather than eat the file.
      if ((ch === 62 || ch === 37) && text.startsWith(closer, j)) break;
      if (ch === 10 && blankLineAt(text, j)) break;
      j++;
    }
    const valueEnd = Math.min(j, limit);
    return { arg: { name, value: value + text.slice(chunkStart, valueEnd), start, end: valueEnd, valueStart, valueEnd, quote: '"' }, problem: name ? l10n.t('Unterminated quoted value for `{name}`.', { name }) : l10n.t('Unterminated quoted value.') };
  }
  // Bare value: up to whitespace or the closing delimiter.
  const valueStart = i;
  let j = i;
  while (j < limit) {
    const ch = text.charCodeAt(j);
    if (isSpace(ch)) break;
    if ((ch === 62 || ch === 37) && (text.startsWith('>}}', j) || text.startsWith('%}}', j))) break;
    if (ch === 47 && (text.startsWith('/>}}', j) || text.startsWith('/%}}', j))) break;
    if (ch === 123 && text.startsWith('{{', j)) break;
    j++;
  }
  if (name !== undefined && j === valueStart) return { arg: { name, value: '', start, end: j, valueStart, valueEnd: j } };
  return { arg: { name, value: text.slice(valueStart, j), start, end: j, valueStart, valueEnd: j, quote: '' } };
}

/** `>}}` for `{{<`, `%}}` for `{{%`. */
export function closerOf(delim: '<' | '%'): string {
  return delim === '<' ? '>}}' : '%}}';
}

export interface ShortcodePair {
  open: ShortcodeToken;
  close: ShortcodeToken;
}

export interface PairResult {
  pairs: ShortcodePair[];
  /** Opening tags of shortcodes that must be closed (`isPaired` → true) and are not. */
  unclosed: ShortcodeToken[];
  /** Closing tags with no opening tag, or closing a shortcode that takes no inner content. */
  stray: { token: ShortcodeToken; reason: 'no-open' | 'not-paired' }[];
}

/**
 * Matches closing tags to opening ones. `isPaired(name)`: true when the shortcode must be closed,
 * false when it takes no inner content, undefined when it may be either (only explicit closes pair).
 */
export function pairShortcodes(tokens: ShortcodeToken[], isPaired: (name: string) => boolean | undefined = builtinPaired): PairResult {
  const result: PairResult = { pairs: [], unclosed: [], stray: [] };
  const stack: ShortcodeToken[] = [];
  for (const token of tokens) {
    if (token.comment || !token.name || (token.unterminated && token.kind !== 'close')) continue;
    if (token.kind === 'self-closing') continue;
    if (token.kind === 'open') {
      stack.push(token);
      continue;
    }
    if (token.unterminated) continue;
    let index = stack.length - 1;
    while (index >= 0 && stack[index].name !== token.name) index--;
    if (index < 0) {
      result.stray.push({ token, reason: 'no-open' });
      continue;
    }
    const open = stack[index];
    for (const above of stack.splice(index)) if (above !== open && isPaired(above.name) === true) result.unclosed.push(above);
    if (isPaired(token.name) === false) result.stray.push({ token, reason: 'not-paired' });
    else result.pairs.push({ open, close: token });
  }
  for (const left of stack) if (isPaired(left.name) === true) result.unclosed.push(left);
  result.unclosed.sort((a, b) => a.start - b.start);
  return result;
}

export function builtinPaired(name: string): boolean | undefined {
  return BUILTIN_BY_NAME.get(name)?.paired;
}

/** The named argument `name` of a token, if given. */
export function getArg(token: ShortcodeToken, name: string): ShortcodeArg | undefined {
  return token.args.find(arg => arg.name === name);
}

/** The `index`th positional argument. */
export function getPositional(token: ShortcodeToken, index: number): ShortcodeArg | undefined {
  return token.args.filter(arg => arg.name === undefined)[index];
}
