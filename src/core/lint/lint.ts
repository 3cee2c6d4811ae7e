// One engine for the editor and the CLI: text + configuration + site knowledge → findings.
import * as l10n from '@vscode/l10n';
import type { ResolvedConfig } from '../site/config';
import type { SiteConventions } from '../site/conventions';
import type { Finding, RawFinding, Severity } from './findings';
import { parseFrontMatter, type ParsedFrontMatter } from '../frontmatter/parse';
import { checkedLength, isTooLarge, MAX_POST_BYTES, formatMegabytes, utf8Length } from './postSize';
import { checkFrontMatter } from '../frontmatter/rules';
import { checkBody, FRONT_MATTER_IMAGE_KEYS } from '../markdown/rules';
import type { Schedule } from '../schedule/model';
import { checkTalks } from '../schedule/talkRules';
import { FILE_RULES } from './fileRules';
import { defaultLevels } from './rule';
import type { SiteIndex } from '../site/files';

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
  /** The file's size in bytes, when `text` is only its start (the CLI reads no more of a post than it checks). */
  fileSize?: number;
}

export interface LintResult {
  findings: Finding[];
  parsed?: ParsedFrontMatter;
  /** Why the file was not checked (binary content) or checked only in part (too large), if so. */
  skipped?: string;
}

const FILE_LEVELS = defaultLevels(FILE_RULES);

/**
 * Binary files are not posts: no text has a NUL character (git's test, over the whole text). Such a file is
 * not checked at all, since the checks would only report noise; the finding sits at the first NUL.
 */
export function notTextFinding(text: string): Finding | undefined {
  const nul = text.indexOf('\u0000');
  if (nul === -1) return undefined;
  return { rule: 'file/not-text', severity: FILE_LEVELS['file/not-text'], message: l10n.t('This file is not text: it has a NUL character here (a binary file named .md?). It is not checked.'), start: nul, end: nul + 1 };
}

export function lint(input: LintInput): LintResult {
  const binary = notTextFinding(input.text);
  if (binary) return { findings: withSettings([binary], input.config), skipped: 'binary content' };
  // A post past the size limit is checked up to its last whole line within the limit.
  const size = input.fileSize ?? (isTooLarge(input.text) ? utf8Length(input.text) : 0);
  const tooLarge = input.fileSize !== undefined ? input.fileSize > MAX_POST_BYTES : size > MAX_POST_BYTES;
  const text = tooLarge ? input.text.slice(0, checkedLength(input.text)) : input.text;
  const parsed = input.parsed ?? parseFrontMatter(text, { partial: tooLarge });
  const raw = checkFrontMatter(text, parsed, {
    schema: input.config.schema,
    conventions: input.conventions,
    conventionThreshold: input.config.conventionThreshold,
    filePath: input.filePath,
    now: input.now ?? new Date(),
  });
  // A front matter that runs past the checked part leaves no body to check.
  const hasBody = parsed.bodyStart <= text.length;
  if (!input.frontMatterOnly && hasBody) {
    raw.push(...checkBody(text, parsed.bodyStart, { index: input.siteIndex, filePath: input.filePath, frontMatterImages: frontMatterImages(parsed) }));
  }
  // Two schedules (years) may find the same unlinked mention: report it once (a set, since a long post has many).
  const talkFindings = new Set<string>();
  for (const schedule of hasBody ? input.schedules ?? [] : []) {
    for (const finding of checkTalks(text, schedule, { bodyStart: parsed.bodyStart })) {
      const key = `${finding.rule} ${finding.start}`;
      if (!talkFindings.has(key)) { talkFindings.add(key); raw.push(finding); }
    }
  }
  if (tooLarge) {
    raw.push({ rule: 'file/too-large', message: l10n.t('The post is too large ({size}; the limit is {limit}): it is checked up to this line only.', { size: formatMegabytes(size), limit: formatMegabytes(MAX_POST_BYTES) }), start: text.length, end: text.length });
  }
  const findings = withSettings(raw, input.config);
  findings.sort((a, b) => a.start - b.start || a.rule.localeCompare(b.rule));
  return { findings, parsed, skipped: tooLarge ? 'too large' : undefined };
}

/** Each finding with the severity its rule is set to; rules set to `off` dropped. */
function withSettings(raw: RawFinding[], config: ResolvedConfig): Finding[] {
  const findings: Finding[] = [];
  for (const finding of raw) {
    const setting = config.rules[finding.rule] ?? 'warning';
    if (setting === 'off') continue;
    findings.push({ ...finding, severity: setting as Severity });
  }
  return findings;
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
