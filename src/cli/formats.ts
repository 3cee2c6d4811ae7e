// How `recap check` prints its findings: compiler-style text, JSON, SARIF 2.1.0 (GitHub code scanning and other
// SARIF viewers) and GitHub Actions workflow commands (annotations on the pull request's diff).
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { ruleDocUrl, type Severity } from '../core/lint/findings';
import { ALL_RULES, RULES_BY_ID } from '../core/lint/rules';

/** One finding as `recap check` reports it: 1-based lines and columns, the end column just past the range. */
export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  rule: string;
  message: string;
}

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

export const TOOL_NAME = 'conference-recap';
export const TOOL_URI = 'https://github.com/conference-recap/conference-recap';
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The findings in `format`; `cwd` anchors SARIF's relative paths. */
export function formatFindings(findings: readonly JsonFinding[], format: Format, options: { cwd: string; version?: string }): string {
  switch (format) {
    case 'text': return findings.map(textLine).join('');
    case 'json': return `${JSON.stringify(findings, null, 2)}\n`;
    case 'sarif': return `${JSON.stringify(toSarif(findings, options), null, 2)}\n`;
    case 'github': return findings.map(githubCommand).join('');
  }
}

function textLine(finding: JsonFinding): string {
  return `${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.rule} ${finding.message}\n`;
}

// ---------------------------------------------------------------- SARIF

const SARIF_LEVELS: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * A SARIF 2.1.0 log with one run: the driver lists every rule (id, description, docs link, default level), each
 * finding is a result pointing at its rule. Paths inside `cwd` are relative to `%SRCROOT%` (the checkout, for code
 * scanning); others are absolute file URIs. Columns count UTF-16 code units, as the findings do.
 */
export function toSarif(findings: readonly JsonFinding[], options: { cwd: string; version?: string }): Log {
  const ids: string[] = ALL_RULES.map(rule => rule.id);
  for (const finding of findings) if (!ids.includes(finding.rule)) ids.push(finding.rule);
  const index = new Map(ids.map((id, i) => [id, i]));
  const rules: ReportingDescriptor[] = ids.map(id => {
    const known = RULES_BY_ID.get(id);
    return {
      id,
      ...(known ? { shortDescription: { text: plainText(known.description) }, defaultConfiguration: { level: SARIF_LEVELS[known.defaultLevel] } } : {}),
      helpUri: known?.docs ?? ruleDocUrl(id),
    };
  });
  const srcRoot = pathToFileURL(options.cwd.endsWith(path.sep) ? options.cwd : `${options.cwd}${path.sep}`).href;
  const results: Result[] = findings.map(finding => ({
    ruleId: finding.rule,
    ruleIndex: index.get(finding.rule) as number,
    level: SARIF_LEVELS[finding.severity],
    message: { text: finding.message },
    locations: [{
      physicalLocation: {
        artifactLocation: artifactLocation(finding.file, options.cwd),
        region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
      },
    }],
  }));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: TOOL_NAME, informationUri: TOOL_URI, ...(options.version ? { version: options.version, semanticVersion: options.version } : {}), rules } },
      originalUriBaseIds: { '%SRCROOT%': { uri: srcRoot } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
}

function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return { uri: pathToFileURL(absolute).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/** The rule descriptions' Markdown code marks, dropped for SARIF's plain-text descriptions. */
function plainText(markdown: string): string {
  return markdown.replace(/`/g, '');
}

// ---------------------------------------------------------------- GitHub Actions workflow commands

const GITHUB_COMMANDS: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/**
 * `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::message`. Columns only for a one-line range:
 * GitHub refuses a column on an annotation that spans lines.
 */
function githubCommand(finding: JsonFinding): string {
  const properties: [string, string | number][] = [['file', finding.file.split(path.sep).join('/')], ['line', finding.line]];
  if (finding.endLine === finding.line) properties.push(['col', finding.column], ['endLine', finding.endLine], ['endColumn', finding.endColumn]);
  else properties.push(['endLine', finding.endLine]);
  properties.push(['title', finding.rule]);
  const list = properties.map(([name, value]) => `${name}=${escapeProperty(String(value))}`).join(',');
  return `::${GITHUB_COMMANDS[finding.severity]} ${list}::${escapeData(finding.message)}\n`;
}

/** Workflow command data: `%`, CR and LF are escaped (as @actions/core does). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow command properties: the data escapes, plus `:` and `,` that would end the property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
