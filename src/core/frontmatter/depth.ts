// How deeply a front matter nests, measured before the parsers see it: jsonc-parser, the yaml composer,
// smol-toml's dotted keys and our own value walks all recurse, so a few thousand levels overflow the
// stack. Each measure is one linear pass that respects strings and comments.
import { createScanner, SyntaxKind } from 'jsonc-parser';
import { CST } from 'yaml';

/** Front matter deeper than this is not parsed. Real posts nest two or three levels (`params.x.y`). */
export const MAX_FRONT_MATTER_DEPTH = 100;

export interface Nesting {
  /** The deepest nesting found (lists, maps, tables; a TOML dotted key counts one level per part). */
  depth: number;
  /** Offset in the measured source where the nesting first went past the limit. */
  offset: number;
}

/** The nesting of a JSON front matter, if it goes past `limit`. */
export function jsonTooDeep(source: string, limit = MAX_FRONT_MATTER_DEPTH): Nesting | undefined {
  const scanner = createScanner(source, false);
  let depth = 0;
  let deepest = 0;
  let offset = -1;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
      depth++;
      if (depth > limit && offset < 0) offset = scanner.getTokenOffset();
      deepest = Math.max(deepest, depth);
    } else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) {
      depth = Math.max(0, depth - 1);
    }
  }
  return offset < 0 ? undefined : { depth: deepest, offset };
}

/**
 * The nesting of a YAML front matter, measured on yaml's lexemes as they stream (the lexer knows quotes,
 * block scalars and flow context; yaml's parser and composer then slow down and recurse with depth, so they
 * must not see a too-deep text). Block nodes nest by column, flow collections by brackets.
 */
export class YamlNestingMeter {
  /** Columns of the block nodes enclosing the current one. */
  private readonly columns: number[] = [];
  private flowDepth = 0;
  private column = 0;
  private offset = 0;
  private deepest = 0;
  private afterBlockScalarHeader = false;
  private expectScalarText = false;
  private firstTooDeep = -1;

  constructor(private readonly limit = MAX_FRONT_MATTER_DEPTH) {}

  /** Takes the next lexeme. */
  feed(lexeme: string): void {
    if (this.expectScalarText) {
      // The text after a scalar marker: the marker already counted the node.
      this.expectScalarText = false;
      this.move(lexeme);
      return;
    }
    const type = CST.tokenType(lexeme);
    const at = this.offset;
    const column = this.column;
    // The lexer's control lexemes (document mode, scalar marker, flow error end) are not source text.
    if (type !== 'doc-mode' && type !== 'flow-error-end' && type !== 'scalar') this.move(lexeme);
    let level = 0;
    if (this.flowDepth > 0) {
      if (type === 'flow-map-start' || type === 'flow-seq-start') level = this.columns.length + ++this.flowDepth;
      else if (type === 'flow-map-end' || type === 'flow-seq-end') this.flowDepth--;
      else if (type === 'scalar') this.expectScalarText = true;
    } else if (type === 'scalar' || type === 'single-quoted-scalar' || type === 'double-quoted-scalar' || type === 'alias'
      || type === 'seq-item-ind' || type === 'explicit-key-ind' || type === 'block-scalar-header' || type === 'flow-map-start' || type === 'flow-seq-start') {
      if (type === 'scalar') {
        this.expectScalarText = true;
        if (this.afterBlockScalarHeader) {
          // A block scalar's text sits at its own indentation; it belongs to the header's node.
          this.afterBlockScalarHeader = false;
          return;
        }
      }
      // A `- ` may sit at its parent key's column (`tags:\n- a`); half a column more keeps it inside that key.
      const nodeColumn = type === 'seq-item-ind' ? column + 0.5 : column;
      while (this.columns.length > 0 && this.columns[this.columns.length - 1] >= nodeColumn) this.columns.pop();
      this.columns.push(nodeColumn);
      if (type === 'flow-map-start' || type === 'flow-seq-start') this.flowDepth = 1;
      this.afterBlockScalarHeader = type === 'block-scalar-header';
      level = this.columns.length + this.flowDepth;
    }
    // A scalar leaf takes a column but adds no nesting of its own: depth counts collections.
    const depth = level - 1;
    if (depth > this.deepest) this.deepest = depth;
    if (depth > this.limit && this.firstTooDeep < 0) this.firstTooDeep = at;
  }

  /** The nesting so far, once it went past the limit. */
  get tooDeep(): Nesting | undefined {
    return this.firstTooDeep < 0 ? undefined : { depth: this.deepest, offset: this.firstTooDeep };
  }

  private move(text: string): void {
    this.offset += text.length;
    const newline = text.lastIndexOf('\n');
    this.column = newline === -1 ? this.column + text.length : text.length - newline - 1;
  }
}

/**
 * The nesting of a TOML front matter, if it goes past `limit`: arrays and inline tables, plus one level per
 * part of a dotted key (`a.b.c = 1`) or table header (`[a.b.c]`), since those build nested tables too.
 */
export function tomlTooDeep(source: string, limit = MAX_FRONT_MATTER_DEPTH): Nesting | undefined {
  // Saved key depth of each open `[`/`{`, so a closing bracket or a `,` in an inline table restores it.
  const open: { bracket: '[' | '{'; keyDepth: number }[] = [];
  let tableDepth = 0; // from the last `[table.header]`
  let keyDepth = 0; // dotted-key parts of the enclosing keys, this line's and outer inline tables'
  let inKey = true; // reading a key (dots separate parts) rather than a value (dots are in numbers)
  let atLineStart = true;
  let deepest = 0;
  let offset = -1;
  const reach = (depth: number, at: number) => {
    if (depth > deepest) deepest = depth;
    if (depth > limit && offset < 0) offset = at;
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '\n') {
      if (open.length === 0) { keyDepth = tableDepth; inKey = true; }
      atLineStart = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    const lineStart = atLineStart;
    atLineStart = false;
    if (c === '#') { i = endOfLine(source, i); continue; }
    if (c === '"' || c === "'") { i = endOfString(source, i); continue; }
    if (lineStart && open.length === 0 && c === '[') {
      // A table header: its dotted parts set the depth of the keys below it.
      const end = endOfLine(source, i);
      let parts = source[i + 1] === '[' ? 2 : 1;
      for (let j = i + 1; j < end && source[j] !== ']' && source[j] !== '#'; j++) {
        if (source[j] === '"' || source[j] === "'") j = endOfString(source, j) - 1;
        else if (source[j] === '.') { parts++; reach(parts, j); }
      }
      reach(parts, i);
      tableDepth = parts;
      keyDepth = tableDepth;
      i = end;
      continue;
    }
    if (c === ']' || c === '}') {
      const closed = open.pop();
      if (closed) keyDepth = closed.keyDepth;
      inKey = false;
    } else if (inKey) {
      if (c === '.') reach(++keyDepth + open.length + 1, i);
      else if (c === '=') { inKey = false; reach(keyDepth + open.length + 1, i); }
    } else if (c === '[' || c === '{') {
      open.push({ bracket: c, keyDepth });
      reach(keyDepth + open.length + 1, i);
      if (c === '{') inKey = true;
    } else if (c === ',' && open[open.length - 1]?.bracket === '{') {
      keyDepth = open[open.length - 1].keyDepth;
      inKey = true;
    }
    i++;
  }
  return offset < 0 ? undefined : { depth: deepest, offset };
}

function endOfLine(source: string, from: number): number {
  const end = source.indexOf('\n', from);
  return end === -1 ? source.length : end;
}

/** The offset after the TOML string starting at `from` (basic, literal, or their `"""`/`'''` forms). */
function endOfString(source: string, from: number): number {
  const quote = source[from];
  const triple = quote.repeat(3);
  if (source.startsWith(triple, from)) {
    for (let i = from + 3; i < source.length; i++) {
      if (source[i] === '\\' && quote === '"') { i++; continue; }
      if (!source.startsWith(triple, i)) continue;
      // Up to two quotes may end the content right before the closing three.
      let end = i + 3;
      while (end < source.length && end < i + 5 && source[end] === quote) end++;
      return end;
    }
    return source.length;
  }
  for (let i = from + 1; i < source.length; i++) {
    const c = source[i];
    if (c === '\\' && quote === '"') { i++; continue; }
    if (c === quote) return i + 1;
    if (c === '\n') return i; // unterminated: the parser reports it
  }
  return source.length;
}
