// `recap talks`: search a conference schedule from the command line.
import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TEMPLATES, formatTalk } from '../core/schedule/format';
import { eventUrl, personUrl } from '../core/schedule/links';
import type { Schedule, Talk } from '../core/schedule/model';
import { ScheduleError } from '../core/schedule/parse';
import { searchTalks } from '../core/schedule/search';
import { conferenceUrl, FOSDEM, isRemote, ScheduleStore, type ConferenceSpec } from '../core/schedule/store';
import { UsageError } from './usage';
import { defaultCacheDir, nodeCacheStore, nodeFetchHost, readScheduleFile } from '../node/scheduleHost';

/** Its line in `recap --help`, then its options. */
export function talksUsage(): string {
  return l10n.t(`  talks [QUERY…]            List talks matching QUERY (title, speaker, track, room, day, time).
      --year YYYY           Conference year (required unless --schedule is a file).
      --schedule FILE|URL   Schedule XML/JSON file or URL (URL may contain {year}).
      --conference NAME     Conference name for messages and the cache (default: FOSDEM).
      --format text|json|markdown  (default: text; markdown adds slides/video with --links).
      --links               Markdown with slides and video links.
      --limit N             At most N talks (default 20 with a query, all without; 0 = all).
      --offline             Use the cache only.   --refresh   Download even if the cache is fresh.
      --locale LANG         Language of the messages (fr, de …; default: from LC_ALL, LC_MESSAGES or LANG).`);
}

export async function runTalks(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, strict: true,
    options: {
      year: { type: 'string' }, schedule: { type: 'string' }, conference: { type: 'string' }, format: { type: 'string', default: 'text' },
      limit: { type: 'string' }, offline: { type: 'boolean' }, refresh: { type: 'boolean' }, links: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, locale: { type: 'string' },
    },
  });
  if (values.help) throw new UsageError('help');
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'markdown') throw new UsageError(l10n.t('--format must be text, json or markdown, not "{format}"', { format }));
  const year = parseYear(values.year);
  const query = positionals.join(' ').trim();
  let limit = query ? 20 : 0;
  if (values.limit !== undefined) {
    if (!/^\d+$/.test(values.limit)) throw new UsageError(l10n.t('--limit expects a number, not "{limit}"', { limit: values.limit }));
    limit = Number(values.limit);
  }
  const loaded = await loadCliSchedule({ year, schedule: values.schedule, conference: values.conference, offline: values.offline, refresh: values.refresh }, 'recap talks');
  if (!loaded) return 1;
  const schedule = loaded;

  const matches = searchTalks(schedule, query, limit || Number.MAX_SAFE_INTEGER).map(m => m.talk);
  if (format === 'json') process.stdout.write(`${JSON.stringify(matches.map(t => toJson(t, schedule)), null, 2)}\n`);
  else if (format === 'markdown') {
    const template = values.links ? DEFAULT_TEMPLATES.talkWithLinks : DEFAULT_TEMPLATES.talk;
    for (const talk of matches) process.stdout.write(`- ${formatTalk(talk, schedule, template)}\n`);
  } else {
    for (const talk of matches) process.stdout.write(`${textLine(talk)}\n`);
  }
  if (!matches.length) process.stderr.write(`recap talks: ${schedule.conference.title ? l10n.t('no talk in {conference} matches "{query}".', { conference: schedule.conference.title, query }) : l10n.t('no talk in the schedule matches "{query}".', { query })}\n`);
  return 0;
}

function textLine(talk: Talk): string {
  const speakers = talk.persons.map(p => p.name).join(', ');
  const where = [talk.track, talk.room, [talk.day, talk.start].filter(Boolean).join(' ')].filter(Boolean).join(' · ');
  return [talk.title, speakers, where].filter(Boolean).join(' — ');
}

function toJson(talk: Talk, schedule: Schedule) {
  return {
    id: talk.id, guid: talk.guid, code: talk.code, slug: talk.slug, url: eventUrl(talk, schedule), title: talk.title, subtitle: talk.subtitle,
    track: talk.track, type: talk.type, language: talk.language, date: talk.date, day: talk.day, start: talk.start, duration: talk.duration,
    durationMinutes: talk.durationMinutes, room: talk.room, abstract: talk.abstract, description: talk.description,
    persons: talk.persons.map(p => ({ id: p.id, name: p.name, slug: p.slug, url: personUrl(p, schedule) })),
    slides: talk.slides, videos: talk.videos, links: talk.links,
  };
}

export interface CliScheduleOptions {
  year?: number;
  schedule?: string;
  conference?: string;
  offline?: boolean;
  refresh?: boolean;
}

/**
 * Loads the schedule `recap talks` and `recap check` work with: `--schedule FILE|URL` and/or `--year`,
 * from the user's cache directory when fresh or offline. Errors are printed; undefined means "exit 1".
 */
export async function loadCliSchedule(options: CliScheduleOptions, command: string): Promise<Schedule | undefined> {
  const spec: ConferenceSpec = options.schedule ? { name: options.conference ?? 'FOSDEM', url: options.schedule } : { ...FOSDEM, name: options.conference ?? FOSDEM.name };
  if (options.conference && !options.schedule && options.conference.toLowerCase() !== 'fosdem') throw new UsageError(l10n.t('--conference {conference} needs --schedule URL (with {year})', { conference: options.conference, year: '{year}' }));
  const local = !isRemote(spec.url);
  if (options.year === undefined && !local) throw new UsageError(l10n.t('--year is required (or --schedule FILE)'));
  if (options.year === undefined && spec.url.includes('{year}')) throw new UsageError(l10n.t('--year is required for a --schedule URL with {year}', { year: '{year}' }));
  const store = new ScheduleStore(nodeFetchHost(), nodeCacheStore(defaultCacheDir()), undefined, (file, maxBytes) => readScheduleFile(path.resolve(file), maxBytes));
  try {
    const result = await store.load({ name: spec.name, year: options.year ?? 0, url: options.year !== undefined ? conferenceUrl(spec, options.year) : spec.url }, { offline: options.offline, force: options.refresh });
    if (result.notice) process.stderr.write(`${command}: ${result.notice}\n`);
    return result.schedule;
  } catch (error) {
    if (error instanceof ScheduleError) {
      process.stderr.write(`${command}: ${error.message}\n`);
      return undefined;
    }
    throw error;
  }
}

/** `--year` as a number, or a usage error. */
export function parseYear(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value)) throw new UsageError(l10n.t('--year expects a four-digit year, not "{value}"', { value }));
  return Number(value);
}
