// Minimal text edits on front matter, computed from the parsed document's node ranges, so every
// comment, blank line and quoting style the author wrote stays as it was.
import { stringify as stringifyYaml } from 'yaml';
import type { TextEdit } from '../lint/findings';
import type { Field, FrontMatterFormat, ParsedFrontMatter } from './parse';

export type PlainValue = string | number | boolean | string[] | null;

/** A value written the way the block's format spells it (YAML flow lists, TOML/JSON literals). */
export function formatValue(format: FrontMatterFormat, value: PlainValue, options: { bareDate?: boolean } = {}): string {
  if (Array.isArray(value)) return `[${value.map(item => formatValue(format, item, options)).join(', ')}]`;
  if (value === null) return format === 'yaml' ? '' : format === 'json' ? 'null' : '""';
  if (typeof value !== 'string') return String(value);
  if (format === 'yaml') {
    if (options.bareDate && /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value)) return value;
    return stringifyYaml(value, { lineWidth: 0 }).trimEnd();
  }
  if (format === 'toml' && options.bareDate && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value)) return value;
  return JSON.stringify(value);
}

/** Adds `key: value` as the block's last top-level entry. */
export function insertFieldEdit(text: string, parsed: ParsedFrontMatter, key: string, value: PlainValue, options: { bareDate?: boolean } = {}): TextEdit | undefined {
  const block = parsed.block;
  if (!block || !block.closed) return undefined;
  const eol = parsed.eol;
  const valueText = formatValue(block.format, value, options);
  switch (block.format) {
    case 'yaml': {
      const line = valueText === '' ? `${key}:` : `${needsYamlKeyQuotes(key) ? JSON.stringify(key) : key}: ${valueText}`;
      // Insert before the closing delimiter; a block whose last line lacks a break gets one first.
      const before = block.contentEnd > block.contentStart && !/\n$/.test(text.slice(block.contentStart, block.contentEnd)) ? eol : '';
      return { start: block.contentEnd, end: block.contentEnd, newText: `${before}${line}${eol}` };
    }
    case 'toml': {
      const line = `${/^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key)} = ${valueText}`;
      // Top-level keys must come before the first [table].
      const content = text.slice(block.contentStart, block.contentEnd);
      const table = /^[ \t]*\[/m.exec(content);
      const at = table ? block.contentStart + table.index : block.contentEnd;
      const before = !table && content.length > 0 && !content.endsWith('\n') ? eol : '';
      return { start: at, end: at, newText: `${before}${line}${eol}` };
    }
    case 'json': {
      const last = parsed.fields[parsed.fields.length - 1];
      const entry = `${JSON.stringify(key)}: ${valueText}`;
      if (last) {
        const indent = indentationAt(text, last.start);
        return { start: last.end, end: last.end, newText: `,${eol}${indent}${entry}` };
      }
      const closing = block.contentEnd - 1;
      return { start: closing, end: closing, newText: `${eol}  ${entry}${eol}` };
    }
  }
}

export function replaceValueEdit(field: Field, newText: string): TextEdit | undefined {
  if (!field.value || field.value.start === field.value.end) return undefined;
  return { start: field.value.start, end: field.value.end, newText };
}

export function renameKeyEdit(field: Field, newKey: string): TextEdit | undefined {
  if (field.keyStart === field.keyEnd) return undefined;
  return { start: field.keyStart, end: field.keyEnd, newText: newKey };
}

export interface NewBlockOptions {
  format?: FrontMatterFormat;
  title: string;
  date: string;
  extra?: Record<string, PlainValue>;
  eol?: '\n' | '\r\n';
}

/** A whole new front-matter block, inserted at the very top (after a BOM). */
export function newBlockEdit(text: string, options: NewBlockOptions): TextEdit {
  const eol = options.eol ?? '\n';
  const format = options.format ?? 'yaml';
  const entries: [string, PlainValue][] = [['title', options.title], ['date', options.date], ...Object.entries(options.extra ?? {})];
  const at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let block: string;
  if (format === 'json') {
    block = `{${eol}${entries.map(([k, v]) => `  ${JSON.stringify(k)}: ${formatValue('json', v)}`).join(`,${eol}`)}${eol}}${eol}`;
  } else {
    const delimiter = format === 'yaml' ? '---' : '+++';
    const separator = format === 'yaml' ? ': ' : ' = ';
    const lines = entries.map(([k, v]) => {
      const value = formatValue(format, v, { bareDate: k === 'date' });
      return format === 'yaml' && value === '' ? `${k}:` : `${k}${separator}${value}`;
    });
    block = `${delimiter}${eol}${lines.join(eol)}${eol}${delimiter}${eol}`;
  }
  const rest = text.slice(at);
  return { start: at, end: at, newText: rest.length > 0 && !/^\r?\n/.test(rest) ? block + eol : block };
}

function indentationAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))?.[0] ?? '  ';
}

function needsYamlKeyQuotes(key: string): boolean {
  return !/^[A-Za-z_][\w.-]*$/.test(key);
}

/** Applies non-overlapping edits to a text (used by the CLI's --fix and by tests). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}
