// Front-matter parsing with exact ranges: YAML (`---`) through the `yaml` document API, TOML (`+++`)
// through smol-toml, JSON (`{ … }`) through jsonc-parser. Offsets are into the whole document text.
import * as l10n from '@vscode/l10n';
import { Composer, CST, isMap, isScalar, isSeq, Lexer, Parser, Scalar, visit, YAMLParseError, type Document, type Node as YamlNode } from 'yaml';
import { parse as parseToml, TomlError } from 'smol-toml';
import { createScanner, parseTree, SyntaxKind, type Node as JsonNode, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { jsonTooDeep, MAX_FRONT_MATTER_DEPTH, tomlTooDeep, YamlNestingMeter, type Nesting } from './depth';

export type FrontMatterFormat = 'yaml' | 'toml' | 'json';

/** What a value looks like, as far as validation is concerned. */
export type ValueKind = 'string' | 'number' | 'boolean' | 'null' | 'list' | 'map' | 'date';

export interface FrontMatterBlock {
  format: FrontMatterFormat;
  /** Offset of the opening delimiter (after a BOM). */
  start: number;
  /** Offset just past the closing delimiter line, including its line break. */
  end: number;
  /** The text between the delimiters. */
  contentStart: number;
  contentEnd: number;
  closed: boolean;
}

export interface FieldValue {
  kind: ValueKind;
  /** Plain JS value (strings, numbers, booleans, arrays, objects; TOML dates become ISO strings). */
  value: unknown;
  start: number;
  end: number;
  /** A string written with quotes (so `"false"` is not `false`). */
  quoted: boolean;
  /** Single-line flow form: `[a, b]` or `{}`. */
  flow: boolean;
  items?: FieldValue[];
}

export interface Field {
  key: string;
  keyStart: number;
  keyEnd: number;
  /** Undefined for `key:` with nothing after it. */
  value?: FieldValue;
  /** Offsets of the whole `key: value` entry. */
  start: number;
  end: number;
}

export interface FrontMatterProblem {
  rule: 'frontmatter/syntax' | 'frontmatter/unclosed' | 'frontmatter/duplicate-key';
  message: string;
  start: number;
  end: number;
}

export interface ParsedFrontMatter {
  /** Undefined when the document has no front matter. */
  block?: FrontMatterBlock;
  /** Top-level fields in source order (duplicates included). */
  fields: Field[];
  data: Record<string, unknown>;
  problems: FrontMatterProblem[];
  /** Offset where the Markdown body starts. */
  bodyStart: number;
  eol: '\n' | '\r\n';
  /** The parsed YAML document, for edits that must keep comments. */
  yaml?: Document.Parsed;
}

const MAX_FRONT_MATTER_CHARS = 512 * 1024;

/** yaml's `maxAliasCount`: how far `*alias` references may multiply the data ("billion laughs"). */
export const MAX_YAML_ALIAS_COUNT = 100;

export function detectEol(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}

interface Line {
  text: string;
  start: number;
  /** Offset after the line break. */
  next: number;
}

function* lines(text: string, from: number): Generator<Line> {
  let start = from;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    const next = end === -1 ? text.length : end + 1;
    if (end === -1) end = text.length;
    const content = text.slice(start, end).replace(/\r$/, '');
    yield { text: content, start, next };
    start = next;
  }
}

/** Locates the front-matter block, without parsing its content. */
export function findBlock(text: string): FrontMatterBlock | undefined {
  const from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const first = lines(text, from).next();
  if (first.done) return undefined;
  const opener = first.value.text.trimEnd();
  if (opener === '---' || opener === '+++') {
    const closers = opener === '---' ? ['---', '...'] : ['+++'];
    for (const line of lines(text, first.value.next)) {
      if (closers.includes(line.text.trimEnd())) {
        return { format: opener === '---' ? 'yaml' : 'toml', start: from, end: line.next, contentStart: first.value.next, contentEnd: line.start, closed: true };
      }
    }
    return { format: opener === '---' ? 'yaml' : 'toml', start: from, end: first.value.next, contentStart: first.value.next, contentEnd: first.value.next, closed: false };
  }
  if (opener.startsWith('{')) return findJsonBlock(text, from);
  return undefined;
}

/** Hugo's JSON front matter: a JSON object at the top, ended by its matching brace. */
function findJsonBlock(text: string, from: number): FrontMatterBlock {
  const scanner = createScanner(text.slice(from, from + MAX_FRONT_MATTER_CHARS), false);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) depth++;
    else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) {
      depth--;
      if (depth === 0) {
        const contentEnd = from + scanner.getTokenOffset() + 1;
        const lineEnd = text.indexOf('\n', contentEnd);
        const end = lineEnd === -1 ? text.length : lineEnd + 1;
        return { format: 'json', start: from, end, contentStart: from, contentEnd, closed: true };
      }
    }
  }
  const firstLineEnd = text.indexOf('\n', from);
  return { format: 'json', start: from, end: firstLineEnd === -1 ? text.length : firstLineEnd + 1, contentStart: from, contentEnd: from + 1, closed: false };
}

export interface ParseOptions {
  /**
   * `text` is only the start of the file (a post past the size limit): a block with no closing line in it
   * may close further on, so it is reported as too large to check rather than as never closed.
   */
  partial?: boolean;
}

export function parseFrontMatter(text: string, options: ParseOptions = {}): ParsedFrontMatter {
  const parsed = parseText(text, options);
  // A parser may point just past the end (JSON's "value expected" after `{]`): keep every range inside the text.
  for (const problem of parsed.problems) {
    problem.end = Math.min(problem.end, text.length);
    problem.start = Math.min(problem.start, problem.end);
  }
  return parsed;
}

function parseText(text: string, options: ParseOptions): ParsedFrontMatter {
  const eol = detectEol(text);
  const block = findBlock(text);
  const empty: ParsedFrontMatter = { block, fields: [], data: {}, problems: [], bodyStart: block?.end ?? (text.charCodeAt(0) === 0xfeff ? 1 : 0), eol };
  if (!block) return empty;
  if (!block.closed && (options.partial || (block.format === 'json' && text.length - block.start > MAX_FRONT_MATTER_CHARS))) {
    // The closing brace is only looked for in the first 512 KiB: past that, "never closed" would be a guess.
    empty.problems.push(tooLarge(block));
    empty.bodyStart = block.end;
    return empty;
  }
  if (!block.closed) {
    const message = block.format === 'json'
      ? l10n.t('The JSON front matter has no closing `}`; the whole file would be read as front matter.')
      : l10n.t('The front matter opened with `{delimiter}` is never closed; the whole file would be read as front matter.', { delimiter: block.format === 'yaml' ? '---' : '+++' });
    empty.problems.push({ rule: 'frontmatter/unclosed', message, start: block.start, end: block.start + (block.format === 'json' ? 1 : 3) });
    empty.bodyStart = block.end;
    return empty;
  }
  if (block.contentEnd - block.contentStart > MAX_FRONT_MATTER_CHARS) {
    empty.problems.push(tooLarge(block));
    return empty;
  }
  try {
    switch (block.format) {
      case 'yaml': return { ...parseYamlBlock(text, block), eol };
      case 'toml': return { ...parseTomlBlock(text, block), eol };
      case 'json': return { ...parseJsonBlock(text, block), eol };
    }
  } catch (error) {
    // A parser bug must not take the post (or, through the site's conventions, its neighbours) down.
    empty.problems.push({ rule: 'frontmatter/syntax', message: l10n.t('The front matter could not be read ({error}); it is not checked.', { error: error instanceof Error ? error.message : String(error) }), start: block.start, end: block.start + 1 });
    empty.bodyStart = block.end;
    return empty;
  }
}

function tooLarge(block: FrontMatterBlock): FrontMatterProblem {
  return { rule: 'frontmatter/syntax', message: l10n.t('The front matter is larger than {size} KiB; it is not checked.', { size: MAX_FRONT_MATTER_CHARS / 1024 }), start: block.start, end: block.start + (block.format === 'json' ? 1 : 3) };
}

function tooDeep(format: string, nesting: Nesting, base: number): FrontMatterProblem {
  return { rule: 'frontmatter/syntax', message: l10n.t('{format}: nested too deeply: {depth} levels; the limit is {limit}.', { format, depth: nesting.depth, limit: MAX_FRONT_MATTER_DEPTH }), start: base + nesting.offset, end: base + nesting.offset + 1 };
}

// ---------------------------------------------------------------- YAML

function parseYamlBlock(text: string, block: FrontMatterBlock): Omit<ParsedFrontMatter, 'eol'> {
  const source = text.slice(block.contentStart, block.contentEnd);
  const base = block.contentStart;
  // parseDocument taken apart, so the depth is measured on the lexemes before the parser (which slows down
  // with depth) and the composer (which recurses, as yamlValue below does) see them.
  const meter = new YamlNestingMeter();
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  for (const lexeme of new Lexer().lex(source)) {
    meter.feed(lexeme);
    if (!meter.tooDeep) tokens.push(...parser.next(lexeme));
  }
  const nesting = meter.tooDeep;
  if (nesting) return { block, fields: [], data: {}, problems: [tooDeep('YAML', nesting, base)], bodyStart: block.end };
  tokens.push(...parser.end());
  // uniqueKeys off: duplicates are reported by us with both keys' ranges and a stable rule id.
  const documents = [...new Composer({ uniqueKeys: false, strict: false }).compose(tokens, true, source.length)];
  const doc = documents[0];
  if (documents.length > 1) doc.errors.push(new YAMLParseError(documents[1].range.slice(0, 2) as [number, number], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
  const problems: FrontMatterProblem[] = [];
  for (const error of doc.errors) {
    const [start, end] = error.pos;
    problems.push({ rule: 'frontmatter/syntax', message: `YAML: ${firstLine(error.message)}`, start: base + start, end: base + Math.max(end, start + 1) });
  }
  if (problems.length === 0) {
    const bomb = aliasBomb(doc);
    if (bomb) problems.push({ rule: 'frontmatter/syntax', message: l10n.t('YAML: the aliases (`*name`) would expand into more than {count} copies of their anchors; the front matter is not checked.', { count: MAX_YAML_ALIAS_COUNT }), start: base + bomb[0], end: base + Math.max(bomb[1], bomb[0] + 1) });
  }
  const result: Omit<ParsedFrontMatter, 'eol'> = { block, fields: [], data: {}, problems, bodyStart: block.end, yaml: doc };
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) return result;
  if (!isMap(contents)) {
    if (problems.length === 0) {
      const [start, end] = contents.range ?? [0, source.length];
      problems.push({ rule: 'frontmatter/syntax', message: l10n.t('The front matter must be a mapping of `key: value` pairs.'), start: base + start, end: base + end });
    }
    return result;
  }
  for (const pair of contents.items) {
    const keyNode = pair.key as YamlNode | null;
    if (!isScalar(keyNode) || !keyNode.range) continue;
    const key = String(keyNode.value);
    const keyStart = base + keyNode.range[0];
    const keyEnd = base + keyNode.range[1];
    const valueNode = pair.value as YamlNode | null;
    const value = valueNode && valueNode.range && !(isScalar(valueNode) && valueNode.value === null && valueNode.range[0] === valueNode.range[1])
      ? yamlValue(valueNode, base)
      : undefined;
    const end = value ? value.end : keyEnd + 1;
    result.fields.push({ key, keyStart, keyEnd, value, start: keyStart, end });
  }
  result.data = toData(result.fields);
  problems.push(...duplicateKeys(result.fields));
  return result;
}

/** The range of the first alias when resolving the aliases would blow up ("billion laughs"). */
function aliasBomb(doc: Document.Parsed): [number, number] | undefined {
  let first: [number, number] | undefined;
  visit(doc, { Alias(_key, node) { first = node.range ? [node.range[0], node.range[1]] : [0, 0]; return visit.BREAK; } });
  if (!first) return undefined;
  try {
    doc.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
    return undefined;
  } catch (error) {
    return error instanceof ReferenceError ? first : undefined;
  }
}

function yamlValue(node: YamlNode, base: number): FieldValue {
  const [start, valueEnd] = node.range ?? [0, 0];
  const common = { start: base + start, end: base + valueEnd, flow: false, quoted: false };
  if (isScalar(node)) {
    const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
    const value = node.value;
    return { ...common, quoted, kind: kindOf(value), value: value instanceof Date ? value.toISOString() : value };
  }
  if (isSeq(node)) {
    const items = node.items.map(item => yamlValue(item as YamlNode, base));
    return { ...common, flow: Boolean(node.flow), kind: 'list', value: items.map(item => item.value), items };
  }
  if (isMap(node)) {
    const value: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      value[key] = pair.value && (pair.value as YamlNode).range ? yamlValue(pair.value as YamlNode, base).value : null;
    }
    return { ...common, flow: Boolean(node.flow), kind: 'map', value };
  }
  return { ...common, kind: 'null', value: null };
}

// ---------------------------------------------------------------- TOML

function parseTomlBlock(text: string, block: FrontMatterBlock): Omit<ParsedFrontMatter, 'eol'> {
  const source = text.slice(block.contentStart, block.contentEnd);
  const result: Omit<ParsedFrontMatter, 'eol'> = { block, fields: [], data: {}, problems: [], bodyStart: block.end };
  const nesting = tomlTooDeep(source);
  if (nesting) {
    result.problems.push(tooDeep('TOML', nesting, block.contentStart));
    return result;
  }
  let data: Record<string, unknown>;
  try {
    data = parseToml(source, { maxDepth: MAX_FRONT_MATTER_DEPTH }) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) {
      const offset = offsetOfLineColumn(source, error.line - 1, error.column - 1);
      result.problems.push({ rule: 'frontmatter/syntax', message: `TOML: ${firstLine(error.message.replace(/^Invalid TOML document: /, ''))}`, start: block.contentStart + offset, end: block.contentStart + offset + 1 });
    } else {
      result.problems.push({ rule: 'frontmatter/syntax', message: `TOML: ${String(error)}`, start: block.start, end: block.start + 3 });
    }
    data = {};
  }
  result.fields = tomlFields(source, block.contentStart, data);
  result.data = toData(result.fields);
  result.problems.push(...duplicateKeys(result.fields));
  return result;
}

/** smol-toml keeps no positions, so top-level `key = value` lines (before the first table) are located by a line scan. */
function tomlFields(source: string, base: number, data: Record<string, unknown>): Field[] {
  const fields: Field[] = [];
  const keyPattern = /^([ \t]*)("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)[ \t]*=[ \t]*/;
  let inTable = false;
  for (const line of lines(source, 0)) {
    if (/^\s*\[/.test(line.text)) { inTable = true; continue; }
    if (inTable) {
      // `[params]`-style tables become map values of their key; enough for type checks of the top level.
      continue;
    }
    const match = keyPattern.exec(line.text);
    if (!match) continue;
    const rawKey = match[2];
    const key = rawKey.startsWith('"') || rawKey.startsWith("'") ? rawKey.slice(1, -1) : rawKey;
    const keyStart = base + line.start + match[1].length;
    const keyEnd = keyStart + rawKey.length;
    const valueStart = base + line.start + match[0].length;
    const lineEnd = base + line.start + line.text.length;
    const raw = line.text.slice(match[0].length).replace(/\s+#.*$/, '').trimEnd();
    const value = key in data ? data[key] : undefined;
    const fieldValue: FieldValue | undefined = value === undefined ? undefined : {
      kind: kindOf(value), value: normaliseTomlValue(value), start: valueStart, end: Math.max(valueStart, Math.min(lineEnd, valueStart + raw.length)),
      quoted: /^["']/.test(raw), flow: raw.startsWith('['),
    };
    fields.push({ key, keyStart, keyEnd, value: fieldValue, start: keyStart, end: fieldValue?.end ?? keyEnd });
  }
  const seen = new Set(fields.map(field => field.key));
  for (const [key, value] of Object.entries(data)) {
    // Keys from tables (`[params]`) have no located line of their own: anchor them at the block start.
    if (!seen.has(key)) fields.push({ key, keyStart: base, keyEnd: base, value: { kind: kindOf(value), value: normaliseTomlValue(value), start: base, end: base, quoted: false, flow: false }, start: base, end: base });
  }
  return fields;
}

function normaliseTomlValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normaliseTomlValue);
  if (value && typeof value === 'object') {
    // smol-toml's TomlDate extends Date; plain tables become plain objects.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseTomlValue(v)]));
  }
  return value;
}

// ---------------------------------------------------------------- JSON

function parseJsonBlock(text: string, block: FrontMatterBlock): Omit<ParsedFrontMatter, 'eol'> {
  const source = text.slice(block.contentStart, block.contentEnd);
  const base = block.contentStart;
  const result: Omit<ParsedFrontMatter, 'eol'> = { block, fields: [], data: {}, problems: [], bodyStart: block.end };
  const nesting = jsonTooDeep(source);
  if (nesting) {
    result.problems.push(tooDeep('JSON', nesting, base));
    return result;
  }
  const errors: ParseError[] = [];
  const tree = parseTree(source, errors, { allowTrailingComma: false, disallowComments: true });
  for (const error of errors) {
    result.problems.push({ rule: 'frontmatter/syntax', message: `JSON: ${describeJsonError(printParseErrorCode(error.error))}`, start: base + error.offset, end: base + error.offset + Math.max(1, error.length) });
  }
  if (tree?.type === 'object') {
    for (const property of tree.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode || typeof keyNode.value !== 'string') continue;
      const value = valueNode ? jsonValue(valueNode, base) : undefined;
      // The key's text without its quotes; an unterminated key (`{"` at the end of a line) has no closing one.
      const keyStart = base + keyNode.offset + 1;
      const closed = keyNode.length >= 2 && source[keyNode.offset + keyNode.length - 1] === '"';
      const keyEnd = Math.max(keyStart, base + keyNode.offset + keyNode.length - (closed ? 1 : 0));
      result.fields.push({ key: keyNode.value, keyStart, keyEnd, value, start: base + property.offset, end: base + property.offset + property.length });
    }
  }
  result.data = toData(result.fields);
  result.problems.push(...duplicateKeys(result.fields));
  return result;
}

function jsonValue(node: JsonNode, base: number): FieldValue {
  const common = { start: base + node.offset, end: base + node.offset + node.length, flow: true, quoted: node.type === 'string' };
  if (node.type === 'array') {
    const items = (node.children ?? []).map(child => jsonValue(child, base));
    return { ...common, kind: 'list', value: items.map(item => item.value), items };
  }
  if (node.type === 'object') {
    const value: Record<string, unknown> = {};
    for (const property of node.children ?? []) {
      const [key, child] = property.children ?? [];
      if (key && typeof key.value === 'string') value[key.value] = child ? jsonValue(child, base).value : null;
    }
    return { ...common, kind: 'map', value };
  }
  const value: unknown = node.value;
  return { ...common, kind: kindOf(value), value };
}

function describeJsonError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/^./, c => c.toUpperCase());
}

// ---------------------------------------------------------------- shared

function kindOf(value: unknown): ValueKind {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return 'date';
  if (Array.isArray(value)) return 'list';
  switch (typeof value) {
    case 'string': return 'string';
    case 'number': case 'bigint': return 'number';
    case 'boolean': return 'boolean';
    default: return 'map';
  }
}

function toData(fields: Field[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of fields) if (!(field.key in data)) data[field.key] = field.value?.value ?? null;
  return data;
}

function duplicateKeys(fields: Field[]): FrontMatterProblem[] {
  const first = new Map<string, Field>();
  const problems: FrontMatterProblem[] = [];
  for (const field of fields) {
    const earlier = first.get(field.key);
    if (!earlier) { first.set(field.key, field); continue; }
    if (field.keyStart === field.keyEnd) continue;
    problems.push({ rule: 'frontmatter/duplicate-key', message: l10n.t('The key `{key}` is given twice; the generator would keep only one of them.', { key: field.key }), start: field.keyStart, end: field.keyEnd });
  }
  return problems;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').trim();
}

function offsetOfLineColumn(source: string, line: number, column: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) {
    const next = source.indexOf('\n', offset);
    if (next === -1) return source.length;
    offset = next + 1;
  }
  return Math.min(source.length, offset + Math.max(0, column));
}
