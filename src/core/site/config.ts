// The site's `.recap.json` (JSONC) and the editor/CLI settings, merged into one resolved configuration.
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Severity } from '../lint/findings';
import { FILE_RULES } from '../lint/fileRules';
import { TALK_RULES } from '../schedule/talkRules';
import { buildSchema, type FieldSpec, type FieldType, type PresetName, type Schema, type SchemaOverrides } from '../frontmatter/schema';

export type RuleSetting = Severity | 'off';

export const CONFIG_FILE_NAME = '.recap.json';

/** Every rule with its default severity; ids are stable and shared by the editor and the CLI. */
export const RULES = {
  'frontmatter/missing': { severity: 'warning', description: 'A post with no front matter.' },
  'frontmatter/syntax': { severity: 'error', description: 'YAML, TOML or JSON syntax error in the front matter.' },
  'frontmatter/unclosed': { severity: 'error', description: 'An opening front-matter delimiter with no closing one.' },
  'frontmatter/duplicate-key': { severity: 'error', description: 'A front-matter key given twice.' },
  'frontmatter/required': { severity: 'error', description: 'A required key is absent or empty.' },
  'frontmatter/type': { severity: 'error', description: 'A value of the wrong type, e.g. `draft: "false"` or `tags: fosdem`.' },
  'frontmatter/date': { severity: 'error', description: 'An unparseable or impossible date.' },
  'frontmatter/unknown-key': { severity: 'warning', description: "A key neither in the schema nor used by the site's other posts, and close to one that is (`tag` → `tags`)." },
  'frontmatter/custom-key': { severity: 'hint', description: "A key neither in the schema nor used by the site's other posts, and close to none: a custom key the templates may read." },
  'frontmatter/site-convention': { severity: 'info', description: "A key that most of the site's other posts have is missing." },
  'frontmatter/length': { severity: 'warning', description: 'A summary or description longer than the configured length.' },
  'image/missing-alt': { severity: 'warning', description: 'An image shortcode, `![](…)` or `<img>` without alt text.' },
  'image/not-found': { severity: 'warning', description: 'An image path (body or front matter) that resolves to no file in the site.' },
  'shortcode/syntax': { severity: 'error', description: 'A broken shortcode tag: no closing `>}}`, an unterminated quote, mismatched delimiters.' },
  'shortcode/unclosed': { severity: 'error', description: 'A paired shortcode never closed, or a stray closing one.' },
  'shortcode/unknown': { severity: 'error', description: 'A shortcode that neither the site, its themes nor Hugo defines.' },
  'shortcode/relref-not-found': { severity: 'error', description: 'A `ref`/`relref` target that is not a content file.' },
  'link/no-scheme': { severity: 'warning', description: 'A web address without `https://`, e.g. `[x](github.com/foo)`.' },
  'link/malformed': { severity: 'warning', description: 'A link target with spaces, so Markdown shows the link as plain text.' },
  'text/mojibake': { severity: 'warning', description: 'UTF-8 text read as Windows-1252/Latin-1, 1254 or 1250 (`sÃ©rie`, `â€™`, `ğŸ˜ƒ`): one finding per line, or one for a post broken as a whole.' },
  'text/joined-paragraphs': { severity: 'warning', description: 'Paragraphs separated by single line breaks (a post pasted from a rich-text editor): Markdown shows them as one.' },
  ...TALK_RULES,
  ...FILE_RULES,
} as const satisfies Record<string, { severity: Severity; description: string }>;

export type RuleId = keyof typeof RULES;

export interface RecapConfigFile {
  preset?: PresetName;
  posts?: string[];
  frontMatter?: SchemaOverrides & { conventionThreshold?: number };
  rules?: Record<string, RuleSetting>;
}

export interface ConfigProblem {
  message: string;
  offset: number;
  length: number;
}

export interface ResolvedConfig {
  schema: Schema;
  rules: Record<string, RuleSetting>;
  /** Share of sibling posts (0–1) that makes a key a site convention. */
  conventionThreshold: number;
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);
const FIELD_TYPES = new Set<FieldType>(['string', 'boolean', 'number', 'date', 'string[]', 'list', 'map', 'string|string[]', 'any']);

/** Parses `.recap.json`; problems are located so the editor can underline them. */
export function parseConfigFile(text: string): { config: RecapConfigFile; problems: ConfigProblem[] } {
  const errors: ParseError[] = [];
  const raw: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  const problems: ConfigProblem[] = errors.map(error => ({ message: `${CONFIG_FILE_NAME}: ${printParseErrorCode(error.error)}`, offset: error.offset, length: error.length }));
  const config: RecapConfigFile = {};
  if (!isRecord(raw)) {
    if (text.trim()) problems.push({ message: `${CONFIG_FILE_NAME} must hold a JSON object.`, offset: 0, length: 1 });
    return { config, problems };
  }
  const complain = (message: string) => problems.push({ message: `${CONFIG_FILE_NAME}: ${message}`, offset: 0, length: 1 });
  if (raw.preset !== undefined) {
    if (raw.preset === 'hugo' || raw.preset === 'jekyll' || raw.preset === 'markdown') config.preset = raw.preset;
    else complain(`"preset" must be "hugo", "jekyll" or "markdown", not ${JSON.stringify(raw.preset)}.`);
  }
  if (raw.posts !== undefined) {
    if (isStringArray(raw.posts)) config.posts = raw.posts;
    else complain('"posts" must be a list of globs.');
  }
  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules)) complain('"rules" must be an object of rule ids to severities.');
    else {
      config.rules = {};
      for (const [rule, setting] of Object.entries(raw.rules)) {
        if (typeof setting === 'string' && SEVERITIES.has(setting)) config.rules[rule] = setting as RuleSetting;
        else complain(`rule "${rule}": severity must be one of error, warning, info, hint, off.`);
      }
    }
  }
  if (raw.frontMatter !== undefined) {
    if (!isRecord(raw.frontMatter)) complain('"frontMatter" must be an object.');
    else config.frontMatter = parseFrontMatterSection(raw.frontMatter, complain);
  }
  return { config, problems };
}

function parseFrontMatterSection(section: Record<string, unknown>, complain: (message: string) => void): SchemaOverrides & { conventionThreshold?: number } {
  const result: SchemaOverrides & { conventionThreshold?: number } = {};
  if (section.required !== undefined) {
    if (isStringArray(section.required)) result.required = section.required;
    else complain('"frontMatter.required" must be a list of keys.');
  }
  for (const key of ['summaryMaxLength', 'descriptionMaxLength', 'conventionThreshold'] as const) {
    const value = section[key];
    if (value === undefined) continue;
    if (typeof value === 'number' && value >= 0) result[key] = value;
    else complain(`"frontMatter.${key}" must be a non-negative number.`);
  }
  if (section.fields !== undefined) {
    if (!isRecord(section.fields)) complain('"frontMatter.fields" must be an object.');
    else {
      result.fields = {};
      for (const [key, spec] of Object.entries(section.fields)) {
        if (!isRecord(spec)) { complain(`field "${key}" must be an object.`); continue; }
        const field: Partial<FieldSpec> = {};
        if (spec.type !== undefined) {
          if (typeof spec.type === 'string' && FIELD_TYPES.has(spec.type as FieldType)) field.type = spec.type as FieldType;
          else complain(`field "${key}": unknown type ${JSON.stringify(spec.type)}.`);
        }
        if (typeof spec.required === 'boolean') field.required = spec.required;
        if (typeof spec.description === 'string') field.description = spec.description;
        if (typeof spec.maxLength === 'number') field.maxLength = spec.maxLength;
        result.fields[key] = field;
      }
    }
  }
  return result;
}

export interface ConfigInputs {
  /** Preset detected from the site generator. */
  detectedPreset: PresetName;
  file?: RecapConfigFile;
  /** Editor settings or CLI flags: they win over the file. */
  ruleOverrides?: Record<string, RuleSetting>;
}

export function resolveConfig(inputs: ConfigInputs): ResolvedConfig {
  const file = inputs.file ?? {};
  const rules: Record<string, RuleSetting> = {};
  for (const [rule, info] of Object.entries(RULES)) rules[rule] = info.severity;
  Object.assign(rules, file.rules ?? {}, inputs.ruleOverrides ?? {});
  return {
    schema: buildSchema(file.preset ?? inputs.detectedPreset, file.frontMatter),
    rules,
    conventionThreshold: file.frontMatter?.conventionThreshold ?? 0.8,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(item => typeof item === 'string');
}
