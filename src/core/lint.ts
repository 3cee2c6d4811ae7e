// One engine for the editor and the CLI: text + configuration + site knowledge → findings.
import type { ResolvedConfig } from './config';
import type { SiteConventions } from './conventions';
import type { Finding, Severity } from './findings';
import { parseFrontMatter, type ParsedFrontMatter } from './frontmatter';
import { checkFrontMatter } from './frontmatterRules';
import { checkBody, FRONT_MATTER_IMAGE_KEYS } from './bodyRules';
import type { Schedule } from './schedule/model';
import { checkTalks } from './schedule/talkRules';
import type { SiteIndex } from './siteFiles';

export interface LintInput {
  text: string;
  filePath?: string;
  config: ResolvedConfig;
  conventions?: SiteConventions;
  /** "Today", for fixes that add a date. */
  now?: Date;
  /** Reuse a parse already made for this exact text. */
  parsed?: ParsedFrontMatter;
  /** The site's files and shortcodes: enables `image/not-found`, `shortcode/unknown`, `shortcode/relref-not-found`. */
  siteIndex?: SiteIndex;
  /** Skip the body checks (image/…, link/…, shortcode/…, text/…). */
  frontMatterOnly?: boolean;
  /** Conference schedules the talk/… rules check links and mentions against (none: no talk checks). */
  schedules?: Schedule[];
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
  if (!input.frontMatterOnly) {
    raw.push(...checkBody(input.text, parsed.bodyStart, { index: input.siteIndex, filePath: input.filePath, frontMatterImages: frontMatterImages(parsed) }));
  }
  for (const schedule of input.schedules ?? []) {
    // Two schedules (years) may find the same unlinked mention: report it once.
    for (const finding of checkTalks(input.text, schedule, { bodyStart: parsed.bodyStart })) {
      if (!raw.some(other => other.rule === finding.rule && other.start === finding.start)) raw.push(finding);
    }
  }
  const findings: Finding[] = [];
  for (const finding of raw) {
    const setting = input.config.rules[finding.rule] ?? 'warning';
    if (setting === 'off') continue;
    findings.push({ ...finding, severity: setting as Severity });
  }
  findings.sort((a, b) => a.start - b.start || a.rule.localeCompare(b.rule));
  return { findings, parsed };
}

/** The image paths of the front matter (`images`, `image`, `cover`, `featured_image` …) with their ranges. */
export function frontMatterImages(parsed: ParsedFrontMatter): { value: string; start: number; end: number }[] {
  const images: { value: string; start: number; end: number }[] = [];
  for (const field of parsed.fields) {
    if (!FRONT_MATTER_IMAGE_KEYS.includes(field.key) || !field.value) continue;
    const values = field.value.kind === 'list' ? field.value.items ?? [] : [field.value];
    for (const value of values) {
      if (value.kind !== 'string' || typeof value.value !== 'string' || !value.value.trim()) continue;
      // The range is the string's text without its quotes.
      const quoted = value.quoted && value.end - value.start >= value.value.length + 2;
      images.push({ value: value.value, start: quoted ? value.start + 1 : value.start, end: quoted ? value.end - 1 : value.end });
    }
  }
  return images;
}
