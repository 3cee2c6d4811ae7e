// The `frontmatter/…` rules: syntax, structure, required keys, types, dates, unknown keys and the
// site's conventions, each finding with the quick fixes that make sense for it.
import * as path from 'pathe';
import type { KeyUsage, SiteConventions } from '../site/conventions';
import { checkDate, isoDay } from './dates';
import type { Finding, Fix } from '../lint/findings';
import type { Field, FrontMatterFormat, ParsedFrontMatter, ValueKind } from './parse';
import { insertFieldEdit, newBlockEdit, renameKeyEdit, replaceValueEdit, formatValue, type PlainValue } from './edits';
import type { FieldSpec, FieldType, Schema } from './schema';
import { isTitleLike } from '../markdown/paragraphRules';
import { closestMatch } from '../text/similarity';

export interface FrontMatterContext {
  schema: Schema;
  conventions?: SiteConventions;
  conventionThreshold: number;
  filePath?: string;
  now: Date;
}

type RawFinding = Omit<Finding, 'severity'>;

export function checkFrontMatter(text: string, parsed: ParsedFrontMatter, context: FrontMatterContext): RawFinding[] {
  const findings: RawFinding[] = [];
  const block = parsed.block;
  if (!block) {
    findings.push(missingFrontMatter(text, parsed, context));
    return findings;
  }
  for (const problem of parsed.problems) findings.push({ rule: problem.rule, message: problem.message, start: problem.start, end: problem.end });
  // With a syntax error the data is partial: checking keys would only add noise.
  if (parsed.problems.some(problem => problem.rule !== 'frontmatter/duplicate-key')) return findings;

  const format = block.format;
  const opener = { start: block.start, end: block.start + (format === 'json' ? 1 : 3) };
  const usage = context.conventions?.keyUsage(context.filePath) ?? new Map<string, KeyUsage>();
  const seen = new Set<string>();
  for (const field of parsed.fields) {
    if (seen.has(field.key)) continue;
    seen.add(field.key);
    const spec = context.schema.fields[field.key];
    if (!spec) {
      if (!usage.has(field.key)) findings.push(unknownKey(field, context.schema, usage));
      continue;
    }
    findings.push(...checkValue(field, spec, format));
  }
  for (const [key, spec] of Object.entries(context.schema.fields)) {
    if (!spec.required) continue;
    const field = parsed.fields.find(candidate => candidate.key === key);
    if (!field) {
      const value = defaultValueFor(key, spec, text, parsed, context);
      const edit = insertFieldEdit(text, parsed, key, value, { bareDate: spec.type === 'date' });
      findings.push({ rule: 'frontmatter/required', message: `The required key \`${key}\` is missing.`, ...opener, fixes: edit ? [{ title: `Add \`${key}\``, edits: [edit], preferred: true, safe: false }] : undefined });
    } else if (isEmpty(field.value?.value)) {
      findings.push({ rule: 'frontmatter/required', message: `The required key \`${key}\` is empty.`, start: field.keyStart, end: field.value?.end ?? field.keyEnd });
    }
  }
  if (context.conventions && context.filePath) {
    for (const convention of context.conventions.conventions(context.filePath, context.conventionThreshold)) {
      if (seen.has(convention.key) || context.schema.fields[convention.key]?.required) continue;
      const share = Math.round((convention.count / convention.total) * 100);
      const edit = insertFieldEdit(text, parsed, convention.key, placeholderFor(convention.kind));
      findings.push({
        rule: 'frontmatter/site-convention',
        message: `${convention.count} of ${convention.total} other posts (${share} %) have \`${convention.key}\`; this one does not.`,
        ...opener,
        fixes: edit ? [{ title: `Add \`${convention.key}\``, edits: [edit] }] : undefined,
      });
    }
  }
  return findings;
}

function missingFrontMatter(text: string, parsed: ParsedFrontMatter, context: FrontMatterContext): RawFinding {
  const firstLineEnd = text.search(/\r?\n/);
  const edit = newBlockEdit(text, { title: titleFromBody(text, context.filePath), date: isoDay(context.now), eol: parsed.eol });
  return {
    rule: 'frontmatter/missing', message: 'This post has no front matter (title, date …).',
    start: parsed.bodyStart, end: firstLineEnd === -1 ? text.length : Math.max(parsed.bodyStart, firstLineEnd),
    fixes: [{ title: 'Add front matter', edits: [edit], preferred: true }],
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

/** How a generator hands a custom front-matter key to the templates. */
const CUSTOM_KEY_ACCESS: Record<Schema['preset'], (key: string) => string> = {
  hugo: key => ` Hugo gives it to the templates as \`.Params.${key}\`.`,
  jekyll: key => ` Jekyll gives it to the layouts as \`page.${key}\`.`,
  markdown: () => '',
};

/**
 * A key the schema and the site do not know. Close to a known key, it is most likely a typo (a warning with
 * "did you mean"); otherwise it is a custom key, which Hugo and Jekyll allow and themes read (a hint).
 */
function unknownKey(field: Field, schema: Schema, usage: Map<string, KeyUsage>): RawFinding {
  const suggestion = closestMatch(field.key, [...Object.keys(schema.fields), ...usage.keys()]);
  const where = `not in the ${schema.preset} schema nor used by the site's other posts`;
  if (!suggestion) {
    return {
      rule: 'frontmatter/custom-key',
      message: `Custom key \`${field.key}\`: ${where}.${CUSTOM_KEY_ACCESS[schema.preset](field.key)} Declare it in .recap.json \`frontMatter.fields\` to type-check it.`,
      start: field.keyStart, end: field.keyEnd,
    };
  }
  const edit = renameKeyEdit(field, suggestion);
  return {
    rule: 'frontmatter/unknown-key',
    message: `Unknown key \`${field.key}\`: ${where}. Did you mean \`${suggestion}\`?`,
    start: field.keyStart, end: field.keyEnd, fixes: edit ? [{ title: `Rename to \`${suggestion}\``, edits: [edit], preferred: true }] : undefined,
  };
}

const TYPE_NAMES: Record<FieldType, string> = {
  string: 'a string', boolean: 'a boolean (true or false)', number: 'a number', date: 'a date', 'string[]': 'a list of strings',
  list: 'a list', map: 'a mapping', 'string|string[]': 'a string or a list of strings', any: 'any value',
};

const KIND_NAMES: Record<ValueKind, string> = { string: 'a string', number: 'a number', boolean: 'a boolean', null: 'empty', list: 'a list', map: 'a mapping', date: 'a date' };

function checkValue(field: Field, spec: FieldSpec, format: FrontMatterFormat): RawFinding[] {
  const value = field.value;
  if (!value || value.kind === 'null' || spec.type === 'any') return [];
  const findings: RawFinding[] = [];
  const mismatch = (fixes: Fix[] = []): RawFinding => ({
    rule: 'frontmatter/type',
    message: `\`${field.key}\` should be ${TYPE_NAMES[spec.type]}, not ${value.quoted && value.kind === 'string' ? `the quoted string ${JSON.stringify(value.value)}` : KIND_NAMES[value.kind]}.`,
    start: value.start, end: value.end, fixes: fixes.length ? fixes : undefined,
  });
  const replace = (title: string, newText: string, safe = true): Fix[] => {
    const edit = replaceValueEdit(field, newText);
    return edit ? [{ title, edits: [edit], preferred: true, safe }] : [];
  };
  switch (spec.type) {
    case 'string':
      if (value.kind === 'number' || value.kind === 'boolean') findings.push(mismatch(replace(`Quote as "${String(value.value)}"`, formatValue(format, String(value.value)))));
      else if (value.kind !== 'string' && value.kind !== 'date') findings.push(mismatch());
      break;
    case 'boolean':
      if (value.kind === 'string' && /^(true|false|yes|no|on|off)$/i.test(String(value.value).trim())) {
        const bool = /^(true|yes|on)$/i.test(String(value.value).trim());
        findings.push(mismatch(replace(`Change to ${bool}`, String(bool))));
      } else if (value.kind !== 'boolean') findings.push(mismatch());
      break;
    case 'number':
      if (value.kind === 'string' && /^-?\d+(\.\d+)?$/.test(String(value.value).trim())) findings.push(mismatch(replace(`Change to ${String(value.value).trim()}`, String(value.value).trim())));
      else if (value.kind !== 'number') findings.push(mismatch());
      break;
    case 'date':
      if (value.kind === 'string') findings.push(...checkDateField(field, format));
      else if (value.kind !== 'date') findings.push(mismatch());
      break;
    case 'string[]': case 'list':
      if (value.kind === 'string' || value.kind === 'number') {
        findings.push(mismatch(replace(`Make it a list: [${String(value.value)}]`, formatValue(format, [String(value.value)]))));
      } else if (value.kind !== 'list') findings.push(mismatch());
      else if (spec.type === 'string[]') {
        for (const item of value.items ?? []) {
          if (item.kind !== 'string' && item.kind !== 'number') findings.push({ rule: 'frontmatter/type', message: `Items of \`${field.key}\` should be strings, not ${KIND_NAMES[item.kind]}.`, start: item.start, end: item.end });
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
  if (spec.maxLength !== undefined && value.kind === 'string' && typeof value.value === 'string' && value.value.length > spec.maxLength) {
    findings.push({ rule: 'frontmatter/length', message: `\`${field.key}\` is ${value.value.length} characters long; keep it under ${spec.maxLength} so it is not cut off.`, start: value.start, end: value.end });
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
    if (edit) fixes.push({ title: `Change to ${check.normalised}`, edits: [edit], preferred: true, safe: true });
  }
  return [{ rule: 'frontmatter/date', message: `\`${field.key}\`: ${check.message}`, start: value.start, end: value.end, fixes: fixes.length ? fixes : undefined }];
}
