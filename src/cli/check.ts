// `recap check`: the editor's diagnostics, for files, folders and globs; `--fix` applies the editor's "Fix all".
import * as l10n from '@vscode/l10n';
import { lstat, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import picomatch from 'picomatch';
import { parseConfigFile, type RecapConfigFile, type RuleSetting } from '../core/site/config';
import { LineIndex } from '../core/text/lineIndex';
import { counted } from '../core/text/messageLocale';
import { walkMarkdown } from '../core/site/postIndex';
import { PostSchedules, ScheduleOptionError } from '../core/service/postSchedules';
import { createRecapService, type RecapService } from '../core/service/recapService';
import { ScheduleStore } from '../core/schedule/store';
import { defaultCacheDir, nodeCacheStore, nodeFetchHost, readScheduleFile } from '../node/scheduleHost';
import type { Schedule } from '../core/schedule/model';
import { isFosdem } from '../core/schedule/model';
import { linkedScheduleYears } from '../core/schedule/talkRules';
import { writeFileAtomic } from './atomicWrite';
import { formatFindings, isFormat, type JsonFinding } from './formats';
import { nodeFileHost, readPost } from '../node/fileHost';
import { parseYear } from './talks';
import { UsageError } from './usage';

export type { JsonFinding } from './formats';

/** Its line in `recap --help`, then its options. */
export function checkUsage(): string {
  return l10n.t(`  check [paths or globs…]   Check posts (front matter, shortcodes, images, links, talks) like the editor does.
      --format text|json|sarif|github  Output format (default: text); sarif for code scanning, github for annotations.
      --fix                 Apply the safe fixes (the editor's "Fix all"), then print what is left.
      --config FILE         Use this .recap.json instead of the site's own.
      --rule RULE=SEVERITY  Change a rule's severity (error|warning|info|hint|off); repeatable.
      --hints               Also print hint-level findings (hidden by default, like faint hints in the editor).
      --no-talks            Skip the talk/… rules (no schedule is loaded).
      --offline             Use cached schedules only; a missing one is a note, not an error.
      --year YYYY           Check every post against that FOSDEM year's schedule (default: each post's own years).
      --schedule FILE|URL   This schedule instead of FOSDEM's; with {year} in it, each post's years.
      --conference NAME     Conference name for messages and the cache (with --schedule).
      --locale LANG         Language of the messages (fr, de …; default: from LC_ALL, LC_MESSAGES or LANG).`);
}

const SEVERITY_SETTINGS = new Set(['error', 'warning', 'info', 'hint', 'off']);

declare const RECAP_VERSION: string | undefined;

export async function runCheck(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, strict: true,
    options: {
      format: { type: 'string', default: 'text' }, config: { type: 'string' }, rule: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' },
      schedule: { type: 'string' }, year: { type: 'string' }, conference: { type: 'string' }, offline: { type: 'boolean' }, 'no-talks': { type: 'boolean' },
      hints: { type: 'boolean' }, fix: { type: 'boolean' }, locale: { type: 'string' },
    },
  });
  const format = values.format;
  if (!isFormat(format)) throw new UsageError(l10n.t('--format must be text, json, sarif or github, not "{format}"', { format }));
  const ruleOverrides: Record<string, RuleSetting> = {};
  for (const rule of values.rule ?? []) {
    const [id, severity] = rule.split('=');
    if (!id || !severity || !SEVERITY_SETTINGS.has(severity)) throw new UsageError(l10n.t('--rule expects RULE=error|warning|info|hint|off, not "{rule}"', { rule }));
    ruleOverrides[id] = severity as RuleSetting;
  }
  let configOverride: RecapConfigFile | undefined;
  if (values.config) {
    const text = await nodeFileHost.readFile(values.config);
    if (text === undefined) throw new UsageError(l10n.t('cannot read --config {file}', { file: values.config }));
    const parsed = parseConfigFile(text);
    for (const problem of parsed.problems) process.stderr.write(`${values.config}: ${problem.message}\n`);
    configOverride = parsed.config;
  }

  const note = (line: string) => { process.stderr.write(`${line}\n`); };
  // The talk/… rules, like the editor: each post's FOSDEM years, unless --no-talks, --year or a fixed --schedule.
  const store = new ScheduleStore(nodeFetchHost(), nodeCacheStore(defaultCacheDir()), undefined, (file, maxBytes) => readScheduleFile(path.resolve(file), maxBytes));
  const talkSchedules = await usageErrors(async () => {
    const schedules = new PostSchedules({ noTalks: values['no-talks'], year: parseYear(values.year), schedule: values.schedule, conference: values.conference, offline: values.offline, note }, store);
    await schedules.ready();
    return schedules;
  });

  // One service for the whole run: each folder's site is found once, each site's conventions and index built once.
  const service = createRecapService({
    host: { ...nodeFileHost, readPost },
    settings: () => ({ rules: ruleOverrides, configFile: configOverride }),
    schedules: (text, parsed) => talkSchedules.forPost(text, parsed).then(({ schedules, fixed }) => ({ schedules, fixed })),
  });
  const files = await expandTargets(service, positionals.length ? positionals : ['.']);
  service.willCheck(files);
  const results: JsonFinding[] = [];
  // Hints are the editor's faint dots, not problems: shown only when asked for (like the Problems panel).
  let hiddenHints = 0;
  // Posts whose check failed inside recap (a bug, not a finding): the others are still checked.
  let failed = 0;
  let fixedProblems = 0;
  let fixedFiles = 0;
  for (const file of files) {
    const shown = display(file);
    try {
      const result = await service.check(file, { evenIfNotPost: true });
      if (result.kind === 'unreadable') {
        const { read, severity } = result;
        if (severity) results.push({ file: shown, line: read.line, column: read.column, endLine: read.line, endColumn: read.column, severity, rule: read.rule, message: read.message });
        continue;
      }
      if (result.kind !== 'checked') continue;
      let checked = result;
      // A post read only in part (over the size limit) is never written back: its end was not seen.
      if (values.fix && !checked.partial) {
        const fixing = await service.fix(checked);
        if (fixing.count > 0) {
          const again = await readPost(file);
          if (again.kind !== 'text' || again.text !== checked.text) {
            note(`recap check: ${l10n.t('{file} changed while it was being fixed; it is left as it is now.', { file: shown })}`);
          } else {
            await writeFileAtomic(file, fixing.check.text);
            checked = fixing.check;
            fixedProblems += fixing.count;
            fixedFiles++;
            note(`${shown}: ${l10n.t('{fixed} ({rules})', { fixed: fixedProblemsPhrase(fixing.count), rules: [...fixing.rules].map(([rule, count]) => count > 1 ? `${rule} ×${count}` : rule).join(', ') })}`);
          }
        }
      }
      const yearNote = checked.fixedSchedule && otherYearNote(checked.text, checked.parsed.bodyStart, checked.fixedSchedule);
      if (yearNote) note(`${shown}: ${l10n.t('note: {note}', { note: yearNote })}`);
      const lines = new LineIndex(checked.text);
      for (const finding of checked.findings) {
        if (finding.severity === 'hint' && !values.hints) { hiddenHints++; continue; }
        const start = lines.positionAt(finding.start);
        const end = lines.positionAt(finding.end);
        results.push({ file: shown, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, severity: finding.severity, rule: finding.rule, message: finding.message });
      }
    } catch (error) {
      failed++;
      process.stderr.write(`recap check: ${shown}: ${l10n.t('the check failed ({error}); the other files are still checked.', { error: error instanceof Error ? error.message : String(error) })}\n`);
    }
  }

  process.stdout.write(formatFindings(results, format, { cwd: process.cwd(), version: typeof RECAP_VERSION === 'string' ? RECAP_VERSION : undefined }));
  if (format === 'text') {
    const errors = results.filter(r => r.severity === 'error').length;
    const others = results.length - errors;
    const summary = {
      checked: counted(files.length, l10n.t('{0} file checked', files.length), l10n.t('{0} files checked', files.length)),
      errors: counted(errors, l10n.t('{0} error', errors), l10n.t('{0} errors', errors)),
      others: counted(others, l10n.t('{0} other finding', others), l10n.t('{0} other findings', others)),
      hints: counted(hiddenHints, l10n.t('{0} hint', hiddenHints), l10n.t('{0} hints', hiddenHints)),
    };
    const line = hiddenHints ? l10n.t('{checked}: {errors}, {others} (and {hints}: --hints shows them).', summary) : l10n.t('{checked}: {errors}, {others}.', summary);
    const notChecked = failed ? ` ${counted(failed, l10n.t('{0} file could not be checked (see above).', failed), l10n.t('{0} files could not be checked (see above).', failed))}` : '';
    process.stderr.write(`${line}${notChecked}\n`);
  }
  if (values.fix) note(l10n.t('{fixed} in {files}', { fixed: fixedProblemsPhrase(fixedProblems), files: counted(fixedFiles, l10n.t('{0} file', fixedFiles), l10n.t('{0} files', fixedFiles)) }));
  // Like markdownlint-cli2: 2 when the check itself could not be completed, 1 for errors found.
  if (failed > 0) return 2;
  return results.some(r => r.severity === 'error') ? 1 : 0;
}

/** The schedule options' mistakes are usage errors (exit 2). */
async function usageErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw error instanceof ScheduleOptionError ? new UsageError(error.message) : error;
  }
}

/** `fixed 2 problems`: the count and its verb in one phrase, so each language can agree them. */
function fixedProblemsPhrase(count: number): string {
  return counted(count, l10n.t('fixed {0} problem', count), l10n.t('fixed {0} problems', count));
}

/** A FOSDEM schedule of a year the post links no page of checks none of its links: say so, and which year would. */
export function otherYearNote(text: string, bodyStart: number, schedule: Schedule): string | undefined {
  const year = schedule.conference.year;
  if (year === undefined || !isFosdem(schedule)) return undefined;
  const years = linkedScheduleYears(text, bodyStart);
  if (years.size === 0 || years.has(year)) return undefined;
  const mostLinked = [...years.keys()].sort((a, b) => (years.get(b) ?? 0) - (years.get(a) ?? 0) || b - a)[0];
  const linked = [...years.keys()].sort((a, b) => a - b).map(String).reduce((list, name) => l10n.t('{list} and {name}', { list, name }));
  return l10n.t('it links FOSDEM {linked} talks or speakers but none of {year}, so the FOSDEM {year} schedule checked none of its links (try --year {mostLinked}).', { linked, year, mostLinked });
}

/** Named files are always checked; folders and globs contribute their posts only. */
async function expandTargets(service: RecapService, targets: string[]): Promise<string[]> {
  const files = new Set<string>();
  for (const target of targets) {
    const absolute = path.resolve(target);
    if (await isDirectory(absolute)) {
      // A folder contributes its posts, whatever its name (a folder called `x.md` too).
      const { posts, markdownFiles } = await service.postsUnder(absolute);
      for (const file of posts) files.add(file);
      if (posts.length === 0) process.stderr.write(`recap check: ${emptyFolderMessage(target, markdownFiles)}\n`);
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
      throw new UsageError(l10n.t('no such file, folder or glob match: {target}', { target }));
    }
  }
  return [...files];
}

function emptyFolderMessage(folder: string, markdownFiles: number): string {
  if (markdownFiles === 0) return l10n.t('{folder} is a folder with no Markdown files.', { folder });
  return markdownFiles === 1
    ? l10n.t('{folder} is a folder with one Markdown file, but it is not a post (posts are the files of a Hugo or Jekyll site\'s content folders, or files matching the "posts" globs of .recap.json). Name the files to check them anyway.', { folder })
    : l10n.t('{folder} is a folder with {count} Markdown files, but none is a post (posts are the files of a Hugo or Jekyll site\'s content folders, or files matching the "posts" globs of .recap.json). Name the files to check them anyway.', { folder, count: markdownFiles });
}

async function isDirectory(file: string): Promise<boolean> {
  return stat(file).then(info => info.isDirectory(), () => false);
}

function display(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative;
}
