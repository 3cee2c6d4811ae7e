// Completions inside front matter: keys from the schema and the site, values of taxonomies and
// authors from the site's posts (most used first), true/false for booleans.
import * as l10n from '@vscode/l10n';
import { counted } from '../text/messageLocale';
import { VALUE_KEYS, type SiteConventions } from '../site/conventions';
import type { ParsedFrontMatter } from './parse';
import type { Schema } from './schema';

export interface FrontMatterCompletion {
  label: string;
  kind: 'key' | 'value';
  /** Text to insert in place of the word before the cursor. */
  insertText: string;
  detail?: string;
  documentation?: string;
  /** Sorts before others: lower first. */
  sortText: string;
  /** Offset where the replaced word starts. */
  replaceStart: number;
}

export function completeFrontMatter(text: string, offset: number, parsed: ParsedFrontMatter, schema: Schema, conventions?: SiteConventions, filePath?: string): FrontMatterCompletion[] {
  const block = parsed.block;
  if (!block || block.format === 'json' || offset < block.contentStart || (block.closed && offset > block.contentEnd)) return [];
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const separator = block.format === 'yaml' ? ':' : '=';
  const present = new Set(parsed.fields.map(field => field.key));

  // A top-level key being typed at the start of the line.
  const keyMatch = /^([A-Za-z_][\w-]*)?$/.exec(before);
  if (keyMatch) {
    const replaceStart = offset - (keyMatch[1]?.length ?? 0);
    const usage = conventions?.keyUsage(filePath) ?? new Map();
    const keys = new Map<string, FrontMatterCompletion>();
    for (const [key, spec] of Object.entries(schema.fields)) {
      if (present.has(key) && key !== keyMatch[1]) continue;
      const used = usage.get(key)?.count ?? 0;
      keys.set(key, {
        label: key, kind: 'key', insertText: `${key}${separator} `, replaceStart,
        detail: `${spec.required ? l10n.t('{type}, required', { type: spec.type }) : spec.type}${used ? ` · ${l10n.t('in {count} posts', { count: used })}` : ''}`,
        documentation: spec.description,
        sortText: `${spec.required ? 0 : used ? 1 : 2}${String(1e6 - used).padStart(7, '0')}${key}`,
      });
    }
    for (const [key, info] of usage) {
      if (keys.has(key) || (present.has(key) && key !== keyMatch[1])) continue;
      keys.set(key, { label: key, kind: 'key', insertText: `${key}${separator} `, replaceStart, detail: l10n.t('used in {count} of {total} posts', { count: info.count, total: info.total }), sortText: `1${String(1e6 - info.count).padStart(7, '0')}${key}` });
    }
    return [...keys.values()];
  }

  const key = currentKey(text, block.contentStart, lineStart, before, separator);
  if (!key) return [];
  const word = /[^\s,[\]"']*$/.exec(before)?.[0] ?? '';
  const replaceStart = offset - word.length;
  const spec = schema.fields[key];
  if (spec?.type === 'boolean') {
    return ['true', 'false'].map((value, index) => ({ label: value, kind: 'value', insertText: value, replaceStart, sortText: String(index) }));
  }
  if (!VALUE_KEYS.includes(key) || !conventions) return [];
  const existing = parsed.fields.find(field => field.key === key)?.value?.value;
  const taken = new Set(Array.isArray(existing) ? existing.map(String) : typeof existing === 'string' ? [existing] : []);
  return conventions.values(key, filePath).filter(({ value }) => !taken.has(value)).map(({ value, count }, index) => ({
    label: value, kind: 'value' as const, insertText: quoteIfNeeded(value, block.format, before), replaceStart,
    detail: counted(count, l10n.t('used in {0} post', count), l10n.t('used in {0} posts', count)), sortText: String(index).padStart(6, '0'),
  }));
}

/** The key whose value the cursor is in: `tags: [a, |`, `tags = ["|`, or a `- |` item under `tags:`. */
function currentKey(text: string, contentStart: number, lineStart: number, before: string, separator: string): string | undefined {
  const sameLine = new RegExp(`^([A-Za-z_][\\w-]*)\\s*${separator}`).exec(before);
  if (sameLine) return sameLine[1];
  if (!/^\s*-\s*/.test(before)) return undefined;
  // A block-sequence item: look upwards for the owning top-level key.
  let end = lineStart - 1;
  while (end > contentStart) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(Math.max(start, contentStart), end);
    const keyLine = /^([A-Za-z_][\w-]*)\s*:\s*$/.exec(line.replace(/\r$/, ''));
    if (keyLine) return keyLine[1];
    if (!/^\s*-/.test(line) && line.trim() !== '') return undefined;
    end = start - 1;
  }
  return undefined;
}

function quoteIfNeeded(value: string, format: string, before: string): string {
  if (format === 'toml') return /"[^"]*$/.test(before) ? value : JSON.stringify(value);
  if (/["'][^"']*$/.test(before)) return value;
  return /^[\w][\w .-]*$/.test(value) && !/^(true|false|yes|no|null|\d+)$/i.test(value) ? value : JSON.stringify(value);
}
