// One engine for the editor and the CLI: text + configuration + site knowledge → findings.
import type { ResolvedConfig } from './config';
import type { SiteConventions } from './conventions';
import type { Finding, Severity } from './findings';
import { parseFrontMatter, type ParsedFrontMatter } from './frontmatter';
import { checkFrontMatter } from './frontmatterRules';

export interface LintInput {
  text: string;
  filePath?: string;
  config: ResolvedConfig;
  conventions?: SiteConventions;
  /** "Today", for fixes that add a date. */
  now?: Date;
  /** Reuse a parse already made for this exact text. */
  parsed?: ParsedFrontMatter;
}

export interface LintResult {
  findings: Finding[];
  parsed?: ParsedFrontMatter;
  /** Why the file was not checked (binary content), if it was not. */
  skipped?: string;
}

/** Binary files are not posts: a NUL byte near the start gives them away. */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8000).includes('\u0000');
}

export function lint(input: LintInput): LintResult {
  if (looksBinary(input.text)) return { findings: [], skipped: 'binary content' };
  const parsed = input.parsed ?? parseFrontMatter(input.text);
  const raw = checkFrontMatter(input.text, parsed, {
    schema: input.config.schema,
    conventions: input.conventions,
    conventionThreshold: input.config.conventionThreshold,
    filePath: input.filePath,
    now: input.now ?? new Date(),
  });
  const findings: Finding[] = [];
  for (const finding of raw) {
    const setting = input.config.rules[finding.rule] ?? 'warning';
    if (setting === 'off') continue;
    findings.push({ ...finding, severity: setting as Severity });
  }
  findings.sort((a, b) => a.start - b.start || a.rule.localeCompare(b.rule));
  return { findings, parsed };
}
