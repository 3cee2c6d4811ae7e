// `recap check`: the editor's diagnostics, for files, folders and globs.
import { lstat, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import picomatch from 'picomatch';
import { parseConfigFile, resolveConfig, type RecapConfigFile, type RuleSetting } from '../core/config';
import type { SiteConventions } from '../core/conventions';
import type { Finding } from '../core/findings';
import { parseFrontMatter } from '../core/frontmatter';
import { LineIndex } from '../core/lineIndex';
import { lint } from '../core/lint';
import { learnConventions, listPosts, walkMarkdown } from '../core/postIndex';
import { findSite, isPost, presetFor, type SiteInfo } from '../core/site';
import { buildSiteIndex, type SiteIndex } from '../core/siteFiles';
import type { Schedule } from '../core/schedule/model';
import { UsageError } from './main';
import { isFosdem } from '../core/schedule/model';
import { linkedScheduleYears } from '../core/schedule/talkRules';
import { loadCliSchedule, parseYear } from './talks';
import { nodeFileHost, readPost } from './nodeHost';

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Finding['severity'];
  rule: string;
  message: string;
}

const SEVERITY_SETTINGS = new Set(['error', 'warning', 'info', 'hint', 'off']);

export async function runCheck(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, strict: true,
    options: {
      format: { type: 'string', default: 'text' }, config: { type: 'string' }, rule: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' },
      schedule: { type: 'string' }, year: { type: 'string' }, conference: { type: 'string' }, offline: { type: 'boolean' },
      hints: { type: 'boolean' },
    },
  });
  if (values.help) throw new UsageError('help');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`);
  const ruleOverrides: Record<string, RuleSetting> = {};
  for (const rule of values.rule ?? []) {
    const [id, severity] = rule.split('=');
    if (!id || !severity || !SEVERITY_SETTINGS.has(severity)) throw new UsageError(`--rule expects RULE=error|warning|info|hint|off, not "${rule}"`);
    ruleOverrides[id] = severity as RuleSetting;
  }
  let configOverride: RecapConfigFile | undefined;
  if (values.config) {
    const text = await nodeFileHost.readFile(values.config);
    if (text === undefined) throw new UsageError(`cannot read --config ${values.config}`);
    const parsed = parseConfigFile(text);
    for (const problem of parsed.problems) process.stderr.write(`${values.config}: ${problem.message}\n`);
    configOverride = parsed.config;
  }

  // The talk/… rules need a schedule: only with --schedule or --year.
  let schedule: Schedule | undefined;
  if (values.schedule !== undefined || values.year !== undefined) {
    schedule = await loadCliSchedule({ year: parseYear(values.year), schedule: values.schedule, conference: values.conference, offline: values.offline }, 'recap check');
    if (!schedule) return 1;
  }

  const files = await expandTargets(positionals.length ? positionals : ['.']);
  const results: JsonFinding[] = [];
  // Hints are the editor's faint dots, not problems: shown only when asked for (like the Problems panel).
  let hiddenHints = 0;
  const sites = new Map<string, Promise<SiteContext>>();
  // Posts whose check failed inside recap (a bug, not a finding): the others are still checked.
  let failed = 0;
  for (const file of files) {
    try {
      const site = await findSite(nodeFileHost, file);
      const post = await readPost(file);
      if (post.kind === 'problem') {
        const setting = resolveConfig({ detectedPreset: presetFor(site, undefined), file: configOverride ?? site?.config, ruleOverrides }).rules[post.rule] ?? 'error';
        if (setting !== 'off') results.push({ file: display(file), line: post.line, column: post.column, endLine: post.line, endColumn: post.column, severity: setting, rule: post.rule, message: post.message });
        continue;
      }
      const { text, size, partial } = post;
      const key = site?.root ?? '';
      if (!sites.has(key)) sites.set(key, siteContext(site, configOverride));
      const context = await sites.get(key) as SiteContext;
      const parsed = parseFrontMatter(text, { partial });
      const config = resolveConfig({ detectedPreset: presetFor(site, parsed), file: configOverride ?? site?.config, ruleOverrides });
      const { findings } = lint({ text, fileSize: size, filePath: file, config, conventions: context.conventions, parsed, siteIndex: context.siteIndex, schedules: schedule && [schedule] });
      const note = schedule && otherYearNote(text, parsed.bodyStart, schedule);
      if (note) process.stderr.write(`${display(file)}: note: ${note}\n`);
      const lines = new LineIndex(text);
      const shown = display(file);
      for (const finding of findings) {
        if (finding.severity === 'hint' && !values.hints) { hiddenHints++; continue; }
        const start = lines.positionAt(finding.start);
        const end = lines.positionAt(finding.end);
        results.push({ file: shown, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, severity: finding.severity, rule: finding.rule, message: finding.message });
      }
    } catch (error) {
      failed++;
      process.stderr.write(`recap check: ${display(file)}: the check failed (${error instanceof Error ? error.message : String(error)}); the other files are still checked.\n`);
    }
  }

  if (values.format === 'json') process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else {
    for (const r of results) process.stdout.write(`${r.file}:${r.line}:${r.column} ${r.severity} ${r.rule} ${r.message}\n`);
    const errors = results.filter(r => r.severity === 'error').length;
    const hints = hiddenHints ? ` (and ${hiddenHints} hint${hiddenHints === 1 ? '' : 's'}: --hints shows them)` : '';
    const notChecked = failed ? ` ${failed} file${failed === 1 ? '' : 's'} could not be checked (see above).` : '';
    process.stderr.write(`${files.length} file${files.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${results.length - errors} other finding${results.length - errors === 1 ? '' : 's'}${hints}.${notChecked}\n`);
  }
  // Like markdownlint-cli2: 2 when the check itself could not be completed, 1 for errors found.
  if (failed > 0) return 2;
  return results.some(r => r.severity === 'error') ? 1 : 0;
}

/** A FOSDEM schedule of a year the post links no page of checks none of its links: say so, and which year would. */
export function otherYearNote(text: string, bodyStart: number, schedule: Schedule): string | undefined {
  const year = schedule.conference.year;
  if (year === undefined || !isFosdem(schedule)) return undefined;
  const years = linkedScheduleYears(text, bodyStart);
  if (years.size === 0 || years.has(year)) return undefined;
  const mostLinked = [...years.keys()].sort((a, b) => (years.get(b) ?? 0) - (years.get(a) ?? 0) || b - a)[0];
  const linked = [...years.keys()].sort((a, b) => a - b).join(' and ');
  return `it links FOSDEM ${linked} talks or speakers but none of ${year}, so the FOSDEM ${year} schedule checked none of its links (try --year ${mostLinked}).`;
}

interface SiteContext {
  conventions?: SiteConventions;
  /** The site's files and shortcodes, built once per site (the editor keeps the same index). */
  siteIndex?: SiteIndex;
}

async function siteContext(site: SiteInfo | undefined, configOverride?: RecapConfigFile): Promise<SiteContext> {
  if (!site) return {};
  const effective = configOverride ? { ...site, config: configOverride } : site;
  const [conventions, siteIndex] = await Promise.all([
    listPosts(nodeFileHost, effective).then(posts => learnConventions(nodeFileHost, posts)),
    buildSiteIndex(nodeFileHost, effective),
  ]);
  return { conventions, siteIndex };
}

/** Named files are always checked; folders and globs contribute their posts only. */
async function expandTargets(targets: string[]): Promise<string[]> {
  const files = new Set<string>();
  for (const target of targets) {
    const absolute = path.resolve(target);
    if (await isDirectory(absolute)) {
      // A folder contributes its posts, whatever its name (a folder called `x.md` too).
      const markdown = await walkMarkdown(nodeFileHost, absolute);
      let posts = 0;
      for (const file of markdown) {
        if (isPost(await findSite(nodeFileHost, file), file)) { files.add(file); posts++; }
      }
      if (posts === 0) process.stderr.write(`recap check: ${target} is a folder with ${emptyFolderReason(markdown.length)}\n`);
    } else if (await lstat(absolute).then(() => true, () => false)) {
      // Named files are checked even when they cannot be read (a broken link, a symlink loop): the check says why.
      files.add(absolute);
    } else if (picomatch.scan(target).isGlob) {
      const { base } = picomatch.scan(target);
      const matches = picomatch(target, { dot: false });
      for (const file of await walkMarkdown(nodeFileHost, path.resolve(base || '.'))) {
        if (matches(path.relative(process.cwd(), file).split(path.sep).join('/'))) files.add(file);
      }
    } else {
      throw new UsageError(`no such file, folder or glob match: ${target}`);
    }
  }
  return [...files];
}

function emptyFolderReason(markdownFiles: number): string {
  if (markdownFiles === 0) return 'no Markdown files.';
  const some = markdownFiles === 1 ? 'one Markdown file, but it is not a post' : `${markdownFiles} Markdown files, but none is a post`;
  return `${some} (posts are the files of a Hugo or Jekyll site's content folders, or files matching the "posts" globs of .recap.json). Name the files to check them anyway.`;
}

async function isDirectory(file: string): Promise<boolean> {
  return stat(file).then(info => info.isDirectory(), () => false);
}

function display(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative;
}
