// The `frontmatter/…` rules: syntax, structure, required keys, types, dates, unknown keys and the
// site's conventions, each finding with the quick fixes that make sense for it.
import * as l10n from '@vscode/l10n';
import * as path from 'pathe';
import type { KeyUsage, SiteConventions } from '../site/conventions';
import { checkDate, isoDay } from './dates';
import type { Fix } from '../lint/findings';
import { checksOf, defineRules, type RawFinding } from '../lint/rule';
import type { Field, FrontMatterFormat, ParsedFrontMatter, ValueKind } from './parse';
import { insertFieldEdit, newBlockEdit, renameKeyEdit, replaceValueEdit, formatValue, type PlainValue } from './edits';
import type { FieldSpec, FieldType, Schema } from './schema';
import { isTitleLike } from '../markdown/paragraphRules';
import { closestMatch, KEY_MATCH } from '../text/similarity';

export interface FrontMatterContext {
  schema: Schema;
  conventions?: SiteConventions;
  conventionThreshold: number;
  filePath?: string;
  now: Date;
}

/** What the front-matter rules read: the post, its parsed front matter, and the schema and site. */
export interface FrontMatterCheckInput {
  text: string;
  parsed: ParsedFrontMatter;
  context: FrontMatterContext;
}

export const FRONTMATTER_RULES = [
  ...defineRules(checkStructure, [
    { id: 'frontmatter/missing', defaultLevel: 'warning', description: 'A post with no front matter.' },
    { id: 'frontmatter/syntax', defaultLevel: 'error', description: 'YAML, TOML or JSON syntax error in the front matter.' },
    { id: 'frontmatter/unclosed', defaultLevel: 'error', description: 'An opening front-matter delimiter with no closing one.' },
    { id: 'frontmatter/duplicate-key', defaultLevel: 'error', description: 'A front-matter key given twice.' },
  ]),
  ...defineRules(checkRequired, [
    { id: 'frontmatter/required', defaultLevel: 'error', description: 'A required key is absent or empty.' },
  ]),
  ...defineRules(checkValues, [
    { id: 'frontmatter/type', defaultLevel: 'error', description: 'A value of the wrong type, e.g. `draft: "false"` or `tags: fosdem`.' },
    { id: 'frontmatter/date', defaultLevel: 'error', description: 'An unparseable or impossible date.' },
  ]),
  ...defineRules(checkKeys, [
    { id: 'frontmatter/unknown-key', defaultLevel: 'warning', description: "A key neither in the schema nor used by the site's other posts, and close to one that is (`tag` → `tags`)." },
    { id: 'frontmatter/custom-key', defaultLevel: 'hint', description: "A key neither in the schema nor used by the site's other posts, and close to none: a custom key the templates may read." },
  ]),
  ...defineRules(checkConventions, [
    { id: 'frontmatter/site-convention', defaultLevel: 'info', description: "A key that most of the site's other posts have is missing." },
  ]),
  ...defineRules(checkLengths, [
    { id: 'frontmatter/length', defaultLevel: 'warning', description: 'A summary or description longer than the configured length.' },
  ]),
];

/** Every front-matter rule's findings. */
export function checkFrontMatter(text: string, parsed: ParsedFrontMatter, context: FrontMatterContext): RawFinding[] {
  const input = { text, parsed, context };
  return checksOf(FRONTMATTER_RULES).flatMap(check => check(input));
}

/** No front matter (frontmatter/missing), or the parser's problems: syntax, unclosed block, duplicate keys. */
function checkStructure({ text, parsed, context }: FrontMatterCheckInput): RawFinding[] {
  if (!parsed.block) return [missingFrontMatter(text, parsed, context)];
  return parsed.problems.map(problem => ({ rule: problem.rule, message: problem.message, start: problem.start, end: problem.end }));
}

/** The block to check key by key: none when there is none, or when a syntax error leaves its data partial (only noise). */
function checkableBlock(parsed: ParsedFrontMatter): NonNullable<ParsedFrontMatter['block']> | undefined {
  return parsed.block && !parsed.problems.some(problem => problem.rule !== 'frontmatter/duplicate-key') ? parsed.block : undefined;
}

/** Each key's first field: a duplicate is frontmatter/duplicate-key's, not checked again. */
function firstFields(parsed: ParsedFrontMatter): Field[] {
  const seen = new Set<string>();
  return parsed.fields.filter(field => !seen.has(field.key) && !!seen.add(field.key));
}

/** The block's opening delimiter: where a finding about a key that is not there goes. */
function opener(block: NonNullable<ParsedFrontMatter['block']>): { start: number; end: number } {
  return { start: block.start, end: block.start + (block.format === 'json' ? 1 : 3) };
}

function checkKeys({ parsed, context }: FrontMatterCheckInput): RawFinding[] {
  if (!checkableBlock(parsed)) return [];
  const usage = context.conventions?.keyUsage(context.filePath) ?? new Map<string, KeyUsage>();
  return firstFields(parsed).filter(field => !context.schema.fields[field.key] && !usage.has(field.key)).map(field => unknownKey(field, context.schema, usage));
}

function checkValues({ parsed, context }: FrontMatterCheckInput): RawFinding[] {
  const block = checkableBlock(parsed);
  if (!block) return [];
  return firstFields(parsed).flatMap(field => {
    const spec = context.schema.fields[field.key];
    return spec ? checkValue(field, spec, block.format) : [];
  });
}

function checkRequired({ text, parsed, context }: FrontMatterCheckInput): RawFinding[] {
  const block = checkableBlock(parsed);
  if (!block) return [];
  const findings: RawFinding[] = [];
  for (const [key, spec] of Object.entries(context.schema.fields)) {
    if (!spec.required) continue;
    const field = parsed.fields.find(candidate => candidate.key === key);
    if (!field) {
      const value = defaultValueFor(key, spec, text, parsed, context);
      const edit = insertFieldEdit(text, parsed, key, value, { bareDate: spec.type === 'date' });
      findings.push({ rule: 'frontmatter/required', message: l10n.t('The required key `{key}` is missing.', { key }), ...opener(block), fixes: edit ? [{ title: l10n.t('Add `{key}`', { key }), edits: [edit], preferred: true, safe: false }] : undefined });
    } else if (isEmpty(field.value?.value)) {
      findings.push({ rule: 'frontmatter/required', message: l10n.t('The required key `{key}` is empty.', { key }), start: field.keyStart, end: field.value?.end ?? field.keyEnd });
    }
  }
  return findings;
}

function checkConventions({ text, parsed, context }: FrontMatterCheckInput): RawFinding[] {
  const block = checkableBlock(parsed);
  if (!block || !context.conventions || !context.filePath) return [];
  const present = new Set(parsed.fields.map(field => field.key));
  const findings: RawFinding[] = [];
  for (const convention of context.conventions.conventions(context.filePath, context.conventionThreshold)) {
    if (present.has(convention.key) || context.schema.fields[convention.key]?.required) continue;
    const share = Math.round((convention.count / convention.total) * 100);
    const edit = insertFieldEdit(text, parsed, convention.key, placeholderFor(convention.kind));
    findings.push({
      rule: 'frontmatter/site-convention',
      message: l10n.t('{count} of {total} other posts ({share} %) have `{key}`; this one does not.', { count: convention.count, total: convention.total, share, key: convention.key }),
      ...opener(block),
      fixes: edit ? [{ title: l10n.t('Add `{key}`', { key: convention.key }), edits: [edit] }] : undefined,
    });
  }
  return findings;
}

/** A string value over its field's `maxLength` (summary, description): themes cut it off. */
function checkLengths({ parsed, context }: FrontMatterCheckInput): RawFinding[] {
  if (!checkableBlock(parsed)) return [];
  const findings: RawFinding[] = [];
  for (const field of firstFields(parsed)) {
    const spec = context.schema.fields[field.key];
    const value = field.value;
    if (spec?.maxLength === undefined || spec.type === 'any' || value?.kind !== 'string' || typeof value.value !== 'string' || value.value.length <= spec.maxLength) continue;
    findings.push({ rule: 'frontmatter/length', message: l10n.t('`{key}` is {length} characters long; keep it under {maxLength} so it is not cut off.', { key: field.key, length: value.value.length, maxLength: spec.maxLength }), start: value.start, end: value.end });
  }
  return findings;
}

function missingFrontMatter(text: string, parsed: ParsedFrontMatter, context: FrontMatterContext): RawFinding {
  const firstLineEnd = text.search(/\r?\n/);
  const edit = newBlockEdit(text, { title: titleFromBody(text, context.filePath), date: isoDay(context.now), eol: parsed.eol });
  return {
    rule: 'frontmatter/missing', message: l10n.t('This post has no front matter (title, date …).'),
    start: parsed.bodyStart, end: firstLineEnd === -1 ? text.length : Math.max(parsed.bodyStart, firstLineEnd),
    fixes: [{ title: l10n.t('Add front matter'), edits: [edit], preferred: true }],
  };
}

/**
 * The post's title: its first `# heading` (or `===`-underlined one); else its first line when that stands alone
 * and reads as a title — a story pasted from a rich-text editor starts with its title as a plain short line
 * ("Another Year, Another FOSDEM"); else a title made from the file name.
 */
export function titleFromBody(text: string, filePath?: string): string {
  const head = text.slice(text.charCodeAt(0) === 0xfeff ? 1 : 0, 64 * 1024);
  // Greedy captures trimmed afterwards: a lazy `(.+?)` before `[ \t#]*$` retried the rest of a long line at every step.
  const heading = /^#[ \t]+([^\r\n]+)/m.exec(head) ?? /^ {0,3}(\S[^\r\n]*)\r?\n {0,3}=+[ \t]*$/m.exec(head);
  const headingText = heading && withoutClosingHashes(heading[1]);
  if (headingText) return headingText;
  const firstLine = firstStandaloneLine(head);
  if (firstLine) return firstLine;
  if (!filePath) return '';
  const name = path.basename(filePath, path.extname(filePath)).replace(/^\d{4}-\d{2}-\d{2}-/, '').replace(/[-_]+/g, ' ').trim();
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** An ATX heading's text without its optional closing `#`s (a loop: a regex for them backtracks on long lines). */
function withoutClosingHashes(text: string): string {
  const trimmed = text.trimEnd();
  let end = trimmed.length;
  while (end > 0 && trimmed[end - 1] === '#') end--;
  const closed = end < trimmed.length && (end === 0 || trimmed[end - 1] === ' ' || trimmed[end - 1] === '\t');
  return (closed ? trimmed.slice(0, end) : trimmed).trim();
}

/** The body's first line when it reads as a title and stands alone: a blank line or a longer prose line follows. */
function firstStandaloneLine(body: string): string | undefined {
  const lines = body.replace(/^(?:[ \t]*\r?\n)+/, '').split(/\r?\n/, 2);
  const first = lines[0]?.trim() ?? '';
  // Markdown syntax (`## Day 1`, `- item`, `{{< image >}}`, `![x](y)`, `<p>`) is no title line.
  if (!/^["'“‘«(]?[\p{L}\p{N}]/u.test(first) || !isTitleLike(first)) return undefined;
  const next = lines[1]?.trim() ?? '';
  const standalone = !next || (!/^\p{Ll}/u.test(next) && next.length >= Math.max(60, 2 * first.length));
  return standalone ? first : undefined;
}

function defaultValueFor(key: string, spec: FieldSpec, text: string, parsed: ParsedFrontMatter, context: FrontMatterContext): PlainValue {
  if (key === 'title') return titleFromBody(text.slice(parsed.bodyStart), context.filePath);
  if (spec.type === 'date') return isoDay(context.now);
  return placeholderFor(kindForType(spec.type));
}

function placeholderFor(kind: ValueKind): PlainValue {
  switch (kind) {
    case 'list': return [];
    case 'boolean': return false;
    case 'number': return 0;
    default: return '';
  }
}

function kindForType(type: FieldType): ValueKind {
  switch (type) {
    case 'string[]': case 'list': return 'list';
    case 'boolean': return 'boolean';
    case 'number': return 'number';
    default: return 'string';
  }
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/**
 * A key the schema and the site do not know. Close to a known key, it is most likely a typo (a warning with
 * "did you mean"); otherwise it is a custom key, which Hugo and Jekyll allow and themes read (a hint).
 */
function unknownKey(field: Field, schema: Schema, usage: Map<string, KeyUsage>): RawFinding {
  const suggestion = closestMatch(field.key, [...Object.keys(schema.fields), ...usage.keys()], KEY_MATCH);
  const key = field.key;
  const preset = schema.preset;
  if (!suggestion) {
    return {
      rule: 'frontmatter/custom-key',
      message: customKeyMessage(key, preset),
      start: field.keyStart, end: field.keyEnd,
    };
  }
  const edit = renameKeyEdit(field, suggestion);
  return {
    rule: 'frontmatter/unknown-key',
    message: l10n.t("Unknown key `{key}`: not in the {preset} schema nor used by the site's other posts. Did you mean `{suggestion}`?", { key, preset, suggestion }),
    start: field.keyStart, end: field.keyEnd, fixes: edit ? [{ title: l10n.t('Rename to `{suggestion}`', { suggestion }), edits: [edit], preferred: true }] : undefined,
  };
}

/** A custom key's message, whole per generator (how it hands the key to the templates), so each translates as one sentence. */
function customKeyMessage(key: string, preset: Schema['preset']): string {
  switch (preset) {
    case 'hugo': return l10n.t("Custom key `{key}`: not in the hugo schema nor used by the site's other posts. Hugo gives it to the templates as `.Params.{key}`. Declare it in .recap.json `frontMatter.fields` to type-check it.", { key });
    case 'jekyll': return l10n.t("Custom key `{key}`: not in the jekyll schema nor used by the site's other posts. Jekyll gives it to the layouts as `page.{key}`. Declare it in .recap.json `frontMatter.fields` to type-check it.", { key });
    default: return l10n.t("Custom key `{key}`: not in the {preset} schema nor used by the site's other posts. Declare it in .recap.json `frontMatter.fields` to type-check it.", { key, preset });
  }
}

// Functions, not tables: the names are looked up in the bundle configured when the message is made.
function typeName(type: FieldType): string {
  switch (type) {
    case 'string': return l10n.t('a string');
    case 'boolean': return l10n.t('a boolean (true or false)');
    case 'number': return l10n.t('a number');
    case 'date': return l10n.t('a date');
    case 'string[]': return l10n.t('a list of strings');
    case 'list': return l10n.t('a list');
    case 'map': return l10n.t('a mapping');
    case 'string|string[]': return l10n.t('a string or a list of strings');
    case 'any': return l10n.t('any value');
  }
}

function kindName(kind: ValueKind): string {
  switch (kind) {
    case 'string': return l10n.t('a string');
    case 'number': return l10n.t('a number');
    case 'boolean': return l10n.t('a boolean');
    case 'null': return l10n.t('empty');
    case 'list': return l10n.t('a list');
    case 'map': return l10n.t('a mapping');
    case 'date': return l10n.t('a date');
  }
}

function checkValue(field: Field, spec: FieldSpec, format: FrontMatterFormat): RawFinding[] {
  const value = field.value;
  if (!value || value.kind === 'null' || spec.type === 'any') return [];
  const findings: RawFinding[] = [];
  const mismatch = (fixes: Fix[] = []): RawFinding => ({
    rule: 'frontmatter/type',
    message: value.quoted && value.kind === 'string'
      ? l10n.t('`{key}` should be {expected}, not the quoted string {value}.', { key: field.key, expected: typeName(spec.type), value: JSON.stringify(value.value) })
      : l10n.t('`{key}` should be {expected}, not {actual}.', { key: field.key, expected: typeName(spec.type), actual: kindName(value.kind) }),
    start: value.start, end: value.end, fixes: fixes.length ? fixes : undefined,
  });
  const replace = (title: string, newText: string, safe = true): Fix[] => {
    const edit = replaceValueEdit(field, newText);
    return edit ? [{ title, edits: [edit], preferred: true, safe }] : [];
  };
  switch (spec.type) {
    case 'string':
      if (value.kind === 'number' || value.kind === 'boolean') findings.push(mismatch(replace(l10n.t('Quote as "{value}"', { value: String(value.value) }), formatValue(format, String(value.value)))));
      else if (value.kind !== 'string' && value.kind !== 'date') findings.push(mismatch());
      break;
    case 'boolean':
      if (value.kind === 'string' && /^(true|false|yes|no|on|off)$/i.test(String(value.value).trim())) {
        const bool = /^(true|yes|on)$/i.test(String(value.value).trim());
        findings.push(mismatch(replace(l10n.t('Change to {value}', { value: bool }), String(bool))));
      } else if (value.kind !== 'boolean') findings.push(mismatch());
      break;
    case 'number':
      if (value.kind === 'string' && /^-?\d+(\.\d+)?$/.test(String(value.value).trim())) findings.push(mismatch(replace(l10n.t('Change to {value}', { value: String(value.value).trim() }), String(value.value).trim())));
      else if (value.kind !== 'number') findings.push(mismatch());
      break;
    case 'date':
      if (value.kind === 'string') findings.push(...checkDateField(field, format));
      else if (value.kind !== 'date') findings.push(mismatch());
      break;
    case 'string[]': case 'list':
      if (value.kind === 'string' || value.kind === 'number') {
        findings.push(mismatch(replace(l10n.t('Make it a list: [{value}]', { value: String(value.value) }), formatValue(format, [String(value.value)]))));
      } else if (value.kind !== 'list') findings.push(mismatch());
      else if (spec.type === 'string[]') {
        for (const item of value.items ?? []) {
          if (item.kind !== 'string' && item.kind !== 'number') findings.push({ rule: 'frontmatter/type', message: l10n.t('Items of `{key}` should be strings, not {actual}.', { key: field.key, actual: kindName(item.kind) }), start: item.start, end: item.end });
        }
      }
      break;
    case 'string|string[]':
      if (value.kind !== 'string' && value.kind !== 'list') findings.push(mismatch());
      break;
    case 'map':
      if (value.kind !== 'map') findings.push(mismatch());
      break;
  }
  return findings;
}

function checkDateField(field: Field, format: FrontMatterFormat): RawFinding[] {
  const value = field.value;
  if (!value || typeof value.value !== 'string') return [];
  const check = checkDate(value.value);
  if (check.ok) return [];
  const fixes: Fix[] = [];
  if (check.reason === 'format' && check.normalised) {
    // Keep the author's choice of quoting.
    const newText = value.quoted && format !== 'toml' ? JSON.stringify(check.normalised) : formatValue(format, check.normalised, { bareDate: true });
    const edit = replaceValueEdit(field, newText);
    if (edit) fixes.push({ title: l10n.t('Change to {value}', { value: check.normalised }), edits: [edit], preferred: true, safe: true });
  }
  return [{ rule: 'frontmatter/date', message: l10n.t('`{key}`: {problem}', { key: field.key, problem: check.message }), start: value.start, end: value.end, fixes: fixes.length ? fixes : undefined }];
}
