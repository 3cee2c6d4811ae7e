// `recap new`: a recap post from the talks an author attended (iCalendar exports, a file of talk links), matched
// against the schedule, laid out by the post template, named and fronted like the site's other posts.
import * as l10n from '@vscode/l10n';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { parseFrontMatter } from '../core/frontmatter/parse';
import { buildNewPost, checkPostTemplate, type Grouping } from '../core/recap/newPost';
import { listPosts } from '../core/site/postIndex';
import { readCalendar } from '../core/schedule/ical';
import { entriesFromCalendar, entriesFromLinks, eventOf, matchTalks, type TalkEntry } from '../core/schedule/myTalks';
import { findSite, siteAt } from '../core/site/site';
import { buildSiteIndex } from '../core/site/files';
import { postLocale } from '../core/text/locale';
import { terminalLanguage } from './language';
import { UsageError } from './usage';
import { counted } from '../core/text/messageLocale';
import { nodeFileHost } from '../node/fileHost';
import { loadCliSchedule, parseYear } from './talks';

/** Its line in `recap --help`, then its options. */
export function newUsage(): string {
  return l10n.t(`  new [--ics FILE]… [--links FILE]  Start a recap post from the talks you attended (bookmarks export, talk links).
      --ics FILE            An iCalendar export (FOSDEM companion app bookmarks, pretalx starred talks); repeatable.
      --links FILE          A file with one talk URL (or title) per line; - reads standard input.
      --year YYYY           Conference year (default: the year the entries name).
      --schedule FILE|URL   Schedule XML/JSON file or URL (URL may contain {year}); default: FOSDEM's.
      --site DIR            The site to learn file name and front matter from (default: the one around the current folder).
      --group day|track|none  How to group the talks (default: day).
      --template FILE       The post template (docs/templates.md); default: the built-in one.
      -o FILE               Write the post there (never over an existing file); default: standard output.
      --offline             Use the cached schedule only.
      --locale LANG         Language of the messages (fr, de …; default: from LC_ALL, LC_MESSAGES or LANG).`);
}

export async function runNew(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args, allowPositionals: false, strict: true,
    options: {
      ics: { type: 'string', multiple: true }, links: { type: 'string' }, year: { type: 'string' }, schedule: { type: 'string' }, conference: { type: 'string' },
      site: { type: 'string' }, group: { type: 'string', default: 'day' }, template: { type: 'string' }, output: { type: 'string', short: 'o' },
      offline: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, locale: { type: 'string' },
    },
  });
  if (values.help) throw new UsageError('help');
  const group = values.group;
  if (group !== 'day' && group !== 'track' && group !== 'none') throw new UsageError(l10n.t('--group must be day, track or none, not "{group}"', { group }));
  if (!values.ics?.length && values.links === undefined) throw new UsageError(l10n.t('give the talks: --ics FILE (a bookmarks export) or --links FILE (one talk URL per line)'));

  // 1. The entries.
  const entries: TalkEntry[] = [];
  let problems = 0;
  for (const file of values.ics ?? []) {
    const text = await nodeFileHost.readFile(path.resolve(file));
    if (text === undefined) throw new UsageError(l10n.t('cannot read --ics {file}', { file }));
    const calendar = readCalendar(text);
    for (const problem of calendar.problems) process.stderr.write(`${file}:${problem.line}: ${problem.message}\n`);
    problems += calendar.problems.length;
    entries.push(...entriesFromCalendar(calendar, file));
  }
  if (values.links !== undefined) {
    const text = values.links === '-' ? await readStdin() : await nodeFileHost.readFile(path.resolve(values.links));
    if (text === undefined) throw new UsageError(l10n.t('cannot read --links {file}', { file: values.links }));
    entries.push(...entriesFromLinks(text, values.links === '-' ? 'stdin' : values.links));
  }
  if (!entries.length) {
    const files = [...(values.ics ?? []), values.links].filter(Boolean).join(', ');
    process.stderr.write(`recap new: ${problems ? l10n.t('no talks in {files} (see above).', { files }) : l10n.t('no talks in {files}.', { files })}\n`);
    return 1;
  }

  // 2. The schedule: the year the entries name unless --year says.
  const named = eventOf(entries);
  const year = parseYear(values.year) ?? named.years[0];
  if (year === undefined && !values.schedule) throw new UsageError(l10n.t('--year is required: the entries do not say which year they are from'));
  if (!named.fosdem && !values.schedule) process.stderr.write(`recap new: ${l10n.t('the entries do not look like FOSDEM talks; give --schedule FILE|URL for another conference.')}\n`);
  const schedule = await loadCliSchedule({ year, schedule: values.schedule, conference: values.conference, offline: values.offline }, 'recap new');
  if (!schedule) return 1;

  // 3. Matching, with every entry that matched nothing (or matched with a remark) reported.
  const result = matchTalks(entries, schedule);
  for (const miss of result.unmatched) process.stderr.write(`${miss.entry.source}: ${l10n.t('not found: {reason}', { reason: miss.reason })}\n`);
  for (const hit of result.matched) if (hit.note) process.stderr.write(`${hit.entry.source}: "${hit.entry.title ?? hit.talk.title}" is ${hit.note}\n`);
  if (!result.talks.length) {
    process.stderr.write(`recap new: ${schedule.conference.title ? l10n.t('none of the {count} entries is a talk of {conference}.', { count: entries.length, conference: schedule.conference.title }) : l10n.t('none of the {count} entries is a talk of the schedule.', { count: entries.length })}\n`);
    return 1;
  }

  // 4. The site, and the post.
  let template: string | undefined;
  if (values.template) {
    template = await nodeFileHost.readFile(path.resolve(values.template));
    if (template === undefined) throw new UsageError(l10n.t('cannot read --template {file}', { file: values.template }));
    const problem = checkPostTemplate(template);
    if (problem) throw new UsageError(`--template ${values.template}: ${problem}`);
  }
  const siteDir = path.resolve(values.site ?? (values.output ? path.dirname(path.resolve(values.output)) : '.'));
  const site = values.site ? await siteAt(nodeFileHost, siteDir) : await findSite(nodeFileHost, path.join(siteDir, '_'));
  if (values.site && !site) throw new UsageError(l10n.t('--site {folder} is not a Hugo, Jekyll or .recap.json site', { folder: values.site }));
  const posts = site ? await Promise.all((await listPosts(nodeFileHost, site)).map(async file => ({ path: file, parsed: parseFrontMatter(frontOf(await nodeFileHost.readFile(file) ?? '')) }))) : [];
  const post = buildNewPost({
    schedule, talks: result.talks, group: group as Grouping, template, now: new Date(),
    siteRoot: site?.root, generator: site?.generator, contentDirs: site?.contentDirs, posts,
    siteIndex: site?.generator === 'hugo' ? await buildSiteIndex(nodeFileHost, site) : undefined,
    locale: postLocale({ site, uiLanguage: terminalLanguage() }),
  });

  const talkCount = result.talks.length;
  const missCount = result.unmatched.length;
  const talks = schedule.conference.title
    ? counted(talkCount, l10n.t('{count} talk of {conference}', { count: talkCount, conference: schedule.conference.title }), l10n.t('{count} talks of {conference}', { count: talkCount, conference: schedule.conference.title }))
    : counted(talkCount, l10n.t('{count} talk of the schedule', { count: talkCount }), l10n.t('{count} talks of the schedule', { count: talkCount }));
  const summary = missCount
    ? l10n.t('{talks}, {missing}', { talks, missing: counted(missCount, l10n.t('{0} entry not found', missCount), l10n.t('{0} entries not found', missCount)) })
    : talks;
  if (values.output) {
    const target = path.resolve(values.output);
    try {
      await writeFile(target, post.text, { flag: 'wx' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      process.stderr.write(`recap new: ${code === 'EEXIST' ? l10n.t('{file} exists; it is left as it is.', { file: values.output }) : l10n.t('cannot write {file} ({error}).', { file: values.output, error: code ?? String(error) })}\n`);
      return 1;
    }
    process.stderr.write(`recap new: ${l10n.t('wrote {file}: {summary}.', { file: values.output, summary })}\n`);
  } else {
    process.stdout.write(post.text);
    const where = site ? path.relative(process.cwd(), path.join(site.root, ...post.relativePath.split('/'))) : post.relativePath;
    process.stderr.write(`recap new: ${l10n.t('{summary}; the site keeps such a post at {where} (-o {where} writes it there).', { summary, where })}\n`);
  }
  return 0;
}

/** Only the front matter matters for learning: no need to parse past the first 64 KiB. */
function frontOf(text: string): string {
  return text.length > 65536 ? text.slice(0, 65536) : text;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
