// The site's `.recap.json` (JSONC): read and checked, each problem located so the editor can underline it.
import * as l10n from '@vscode/l10n';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Severity } from '../lint/findings';
import type { FieldSpec, FieldType, PresetName, SchemaOverrides } from '../frontmatter/schema';

export type RuleSetting = Severity | 'off';

export const CONFIG_FILE_NAME = '.recap.json';

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

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);
const FIELD_TYPES = new Set<FieldType>(['string', 'boolean', 'number', 'date', 'string[]', 'list', 'map', 'string|string[]', 'any']);

/** Parses `.recap.json`; problems are located so the editor can underline them. */
export function parseConfigFile(text: string): { config: RecapConfigFile; problems: ConfigProblem[] } {
  const errors: ParseError[] = [];
  const raw: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  const problems: ConfigProblem[] = errors.map(error => ({ message: `${CONFIG_FILE_NAME}: ${printParseErrorCode(error.error)}`, offset: error.offset, length: error.length }));
  const config: RecapConfigFile = {};
  if (!isRecord(raw)) {
    if (text.trim()) problems.push({ message: l10n.t('{file} must hold a JSON object.', { file: CONFIG_FILE_NAME }), offset: 0, length: 1 });
    return { config, problems };
  }
  const complain = (message: string) => problems.push({ message: l10n.t('{file}: {problem}', { file: CONFIG_FILE_NAME, problem: message }), offset: 0, length: 1 });
  if (raw.preset !== undefined) {
    if (raw.preset === 'hugo' || raw.preset === 'jekyll' || raw.preset === 'markdown') config.preset = raw.preset;
    else complain(l10n.t('"preset" must be "hugo", "jekyll" or "markdown", not {value}.', { value: JSON.stringify(raw.preset) }));
  }
  if (raw.posts !== undefined) {
    if (isStringArray(raw.posts)) config.posts = raw.posts;
    else complain(l10n.t('"posts" must be a list of globs.'));
  }
  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules)) complain(l10n.t('"rules" must be an object of rule ids to severities.'));
    else {
      config.rules = {};
      for (const [rule, setting] of Object.entries(raw.rules)) {
        if (typeof setting === 'string' && SEVERITIES.has(setting)) config.rules[rule] = setting as RuleSetting;
        else complain(l10n.t('rule "{rule}": severity must be one of error, warning, info, hint, off.', { rule }));
      }
    }
  }
  if (raw.frontMatter !== undefined) {
    if (!isRecord(raw.frontMatter)) complain(l10n.t('"frontMatter" must be an object.'));
    else config.frontMatter = parseFrontMatterSection(raw.frontMatter, complain);
  }
  return { config, problems };
}

function parseFrontMatterSection(section: Record<string, unknown>, complain: (message: string) => void): SchemaOverrides & { conventionThreshold?: number } {
  const result: SchemaOverrides & { conventionThreshold?: number } = {};
  if (section.required !== undefined) {
    if (isStringArray(section.required)) result.required = section.required;
    else complain(l10n.t('"frontMatter.required" must be a list of keys.'));
  }
  for (const key of ['summaryMaxLength', 'descriptionMaxLength', 'conventionThreshold'] as const) {
    const value = section[key];
    if (value === undefined) continue;
    if (typeof value === 'number' && value >= 0) result[key] = value;
    else complain(l10n.t('"{setting}" must be a non-negative number.', { setting: `frontMatter.${key}` }));
  }
  if (section.fields !== undefined) {
    if (!isRecord(section.fields)) complain(l10n.t('"frontMatter.fields" must be an object.'));
    else {
      result.fields = {};
      for (const [key, spec] of Object.entries(section.fields)) {
        if (!isRecord(spec)) { complain(l10n.t('field "{key}" must be an object.', { key })); continue; }
        const field: Partial<FieldSpec> = {};
        if (spec.type !== undefined) {
          if (typeof spec.type === 'string' && FIELD_TYPES.has(spec.type as FieldType)) field.type = spec.type as FieldType;
          else complain(l10n.t('field "{key}": unknown type {type}.', { key, type: JSON.stringify(spec.type) }));
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(item => typeof item === 'string');
}
