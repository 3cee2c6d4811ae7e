// "My talks": the entries of a bookmarks export, a starred-talks calendar or a list of links, matched against a
// schedule. By the talk page's URL first (any year's host, old and new FOSDEM slug forms, through
// parseScheduleUrl/findTalkBySlug), then by the companion app's UID `{id}@{year}@be.digitalia.fosdem` or a
// pretalx code, then by title and start time. Ids outlive titles, so a retitled talk is still found (and said so).
import * as l10n from '@vscode/l10n';
import type { CalendarEntry, CalendarFile, CalendarTime } from './ical';
import { eventUrl, findTalkBySlug, parseScheduleUrl, trimLinkEnd } from './links';
import { isFosdem, type Schedule, type Talk } from './model';
import { cleanTitle } from './search';
import { fold, offsetAt, words } from './text';

export interface TalkEntry {
  /** Where the entry is, for messages: `bookmarks.ics:12`, `links.txt:3`. */
  source: string;
  url?: string;
  uid?: string;
  title?: string;
  start?: CalendarTime;
  location?: string;
}

export type MatchedBy = 'url' | 'uid' | 'title and time' | 'title' | 'time and room';

export interface MatchedEntry {
  entry: TalkEntry;
  talk: Talk;
  by: MatchedBy;
  /** Something the author may want to know: the talk was retitled, moved. */
  note?: string;
}

export interface UnmatchedEntry {
  entry: TalkEntry;
  reason: string;
}

export interface TalkMatches {
  /** The matched talks, each once, in time order. */
  talks: Talk[];
  matched: MatchedEntry[];
  unmatched: UnmatchedEntry[];
}

const COMPANION_UID = /^(\d+)@(\d{4})@be\.digitalia\.fosdem$/i;
/** pretalx: `pretalx-fosdem-2025-ABC123@pretalx.fosdem.org`, or talk pages `/fosdem-2025/talk/ABC123/`. */
const PRETALX_UID = /(?:^|-)([A-Z0-9]{6})@/;
const PRETALX_PATH = /\/talk\/([A-Z0-9]{5,8})\/?$/;
/**
 * video.fosdem.org/2025/ud2120/fosdem-2025-5388-how-to-monitor-the-monitoring.av1.webm: the file is named after the slug.
 * A recording's file name, not a page of fosdem.org (links.ts): its own pattern.
 */
const FOSDEM_VIDEO = /^https?:\/\/video\.fosdem\.org\/(\d{4})\/[^/]+\/([^/?#]+?)(?:\.av1)?\.(?:webm|mp4|mkv|ogv)$/i;
const URL_IN_TEXT = /https?:\/\/[^\s<>()[\]"'`]+/gi;

/** The calendar's VEVENTs as entries. */
export function entriesFromCalendar(file: CalendarFile, name: string): TalkEntry[] {
  return file.entries.map((event: CalendarEntry) => {
    const entry: TalkEntry = { source: `${name}:${event.line}` };
    if (event.url) entry.url = event.url;
    if (event.uid) entry.uid = event.uid;
    if (event.summary) entry.title = event.summary;
    if (event.start) entry.start = event.start;
    if (event.location) entry.location = event.location;
    return entry;
  });
}

/**
 * Entries from pasted text or a file of links: every URL, one entry each (`[Title](url)` Markdown and
 * `<url>` work too); a line without a URL is taken as a talk title. Blank lines and `#` comments are skipped.
 */
export function entriesFromLinks(text: string, name: string): TalkEntry[] {
  const entries: TalkEntry[] = [];
  text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('//')) return;
    const source = `${name}:${index + 1}`;
    const urls = [...line.matchAll(URL_IN_TEXT)].map(m => trimLinkEnd(m[0]));
    if (urls.length) for (const url of urls) entries.push({ source, url });
    else entries.push({ source, title: line.replace(/^[-*+]\s+|^\d+[.)]\s+/, '') });
  });
  return entries;
}

/** What the entries say about the conference: FOSDEM or not, and the years they name, most named first. */
export function eventOf(entries: TalkEntry[]): { fosdem: boolean; years: number[] } {
  const counts = new Map<number, number>();
  let fosdem = false;
  const add = (year: number) => counts.set(year, (counts.get(year) ?? 0) + 1);
  for (const entry of entries) {
    const uid = entry.uid && COMPANION_UID.exec(entry.uid);
    const link = entry.url ? parseScheduleUrl(entry.url) : undefined;
    const video = entry.url ? FOSDEM_VIDEO.exec(entry.url) : undefined;
    if (uid) { fosdem = true; add(Number(uid[2])); } else if (link) { fosdem = true; if (link.year) add(link.year); } else if (video) { fosdem = true; add(Number(video[1])); } else if (entry.start) add(Number(entry.start.day.slice(0, 4)));
    // Any FOSDEM host (pretalx., video., chat.), not only the schedule's pages that links.ts parses.
    if (entry.url && /(^|\.)fosdem\.org\//i.test(entry.url.replace(/^https?:\/\//i, ''))) fosdem = true;
  }
  return { fosdem, years: [...counts.keys()].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || b - a) };
}

interface MatchIndex {
  byTitle: Map<string, Talk[]>;
  byCode: Map<string, Talk>;
  byId: Map<string, Talk>;
  byGuid: Map<string, Talk>;
  byUrl: Map<string, Talk>;
}

function titleKey(title: string): string {
  return words(cleanTitle(title)).join(' ');
}

function normalUrl(url: string): string {
  return url.trim().replace(/^http:/i, 'https:').replace(/^(https:\/\/)(?:www\.)?([^/]+)/i, (_, scheme: string, host: string) => scheme + host.toLowerCase()).replace(/[?#].*$/, '').replace(/\/+$/, '');
}

function indexOf(schedule: Schedule): MatchIndex {
  const index: MatchIndex = { byTitle: new Map(), byCode: new Map(), byId: new Map(), byGuid: new Map(), byUrl: new Map() };
  for (const talk of schedule.events) {
    const key = titleKey(talk.title);
    if (key) index.byTitle.set(key, [...(index.byTitle.get(key) ?? []), talk]);
    if (talk.code) index.byCode.set(talk.code.toUpperCase(), talk);
    index.byId.set(talk.id, talk);
    if (talk.guid) index.byGuid.set(talk.guid.toLowerCase(), talk);
    const url = eventUrl(talk, schedule);
    if (url) index.byUrl.set(normalUrl(url), talk);
  }
  return index;
}

/** The talk's start as an instant (its ISO date, else its local day and time in the conference's zone). */
function talkInstant(talk: Talk, schedule: Schedule): number | undefined {
  if (talk.date) {
    const ms = Date.parse(talk.date);
    if (!Number.isNaN(ms)) return ms;
  }
  const zone = schedule.conference.timeZone;
  if (!zone || !talk.day || !/^\d{1,2}:\d{2}$/.test(talk.start)) return undefined;
  const offset = offsetAt(talk.day, talk.start.padStart(5, '0'), zone);
  if (offset === undefined) return undefined;
  const [y, m, d] = talk.day.split('-').map(Number);
  const [h, mi] = talk.start.split(':').map(Number);
  return Date.UTC(y, m - 1, d, h, mi) - offset * 60_000;
}

function sameStart(time: CalendarTime, talk: Talk, schedule: Schedule): boolean {
  if (time.kind === 'date') return time.day === talk.day;
  if (time.instant !== undefined) {
    const at = talkInstant(talk, schedule);
    if (at !== undefined) return Math.abs(at - time.instant) < 60_000;
  }
  // A floating time is local time at the event: compare it with the schedule's local day and time.
  return time.day === talk.day && time.time === talk.start.padStart(5, '0');
}

function describe(entry: TalkEntry): string {
  if (entry.title) return `"${entry.title}"`;
  if (entry.url) return entry.url;
  return entry.uid ?? l10n.t('this entry');
}

/** Matches every entry; entries naming the same talk give it once. */
export function matchTalks(entries: TalkEntry[], schedule: Schedule): TalkMatches {
  const index = indexOf(schedule);
  const conference = schedule.conference.title || 'the schedule';
  const year = schedule.conference.year;
  const matched: MatchedEntry[] = [];
  const unmatched: UnmatchedEntry[] = [];

  for (const entry of entries) {
    const result = matchOne(entry, schedule, index, conference, year);
    if ('talk' in result) {
      const retitled = entry.title && (result.by === 'url' || result.by === 'uid') && titleKey(entry.title) !== titleKey(result.talk.title);
      const note = [result.note, retitled ? `now titled "${result.talk.title}"` : undefined].filter(Boolean).join('; ');
      matched.push(note ? { entry, talk: result.talk, by: result.by, note } : { entry, talk: result.talk, by: result.by });
    } else unmatched.push({ entry, reason: result.reason });
  }
  const seen = new Set<Talk>();
  const talks = matched.map(m => m.talk).filter(talk => !seen.has(talk) && seen.add(talk));
  const order = new Map(schedule.events.map((talk, i) => [talk, i]));
  talks.sort((a, b) => (talkInstant(a, schedule) ?? 0) - (talkInstant(b, schedule) ?? 0) || (order.get(a) ?? 0) - (order.get(b) ?? 0));
  return { talks, matched, unmatched };
}

type OneMatch = { talk: Talk; by: MatchedBy; note?: string } | { reason: string };

function matchOne(entry: TalkEntry, schedule: Schedule, index: MatchIndex, conference: string, year: number | undefined): OneMatch {
  let reason: string | undefined;
  // 1. The talk page (or its recording, named after the slug).
  if (entry.url) {
    const link = parseScheduleUrl(entry.url);
    const video = FOSDEM_VIDEO.exec(entry.url);
    if (link && link.kind !== 'event') {
      reason = link.kind === 'speaker' ? l10n.t('{url} is a speaker page, not a talk', { url: entry.url }) : l10n.t('{url} is a track page, not a talk', { url: entry.url });
    } else if (link || video) {
      const linkYear = link ? link.year : Number(video?.[1]);
      const slug = link ? link.slug : (video?.[2] ?? '');
      if (linkYear !== undefined && year !== undefined && linkYear !== year) reason = l10n.t('{url} is a FOSDEM {year} page, not {conference}', { url: entry.url, year: linkYear, conference });
      else {
        const talk = findTalkBySlug(schedule, slug);
        if (talk) return { talk, by: 'url' };
        reason = l10n.t('no talk "{slug}" in {conference}', { slug, conference });
      }
    } else {
      const talk = index.byUrl.get(normalUrl(entry.url));
      if (talk) return { talk, by: 'url' };
      const code = PRETALX_PATH.exec(entry.url.replace(/[?#].*$/, ''))?.[1];
      const byCode = code ? index.byCode.get(code.toUpperCase()) : undefined;
      if (byCode) return { talk: byCode, by: 'url' };
      reason = l10n.t('{url} is no talk page of {conference}', { url: entry.url, conference });
    }
  }
  // 2. The UID: the companion app's event id and year, a pretalx code, a frab guid.
  if (entry.uid) {
    const companion = COMPANION_UID.exec(entry.uid);
    if (companion) {
      if (year !== undefined && Number(companion[2]) !== year) reason ??= l10n.t('its UID names FOSDEM {year}, not {conference}', { year: companion[2], conference });
      else {
        const talk = isFosdem(schedule) ? index.byId.get(companion[1]) : undefined;
        if (talk) return { talk, by: 'uid' };
        reason ??= l10n.t('no event {id} in {conference}', { id: companion[1], conference });
      }
    } else {
      const byGuid = index.byGuid.get(entry.uid.toLowerCase());
      if (byGuid) return { talk: byGuid, by: 'uid' };
      const code = PRETALX_UID.exec(entry.uid)?.[1];
      const byCode = code ? index.byCode.get(code) : undefined;
      if (byCode) return { talk: byCode, by: 'uid' };
    }
  }
  // 3. Title and start time.
  if (entry.title) {
    const candidates = index.byTitle.get(titleKey(entry.title)) ?? [];
    const start = entry.start;
    const atTime = start ? candidates.filter(talk => sameStart(start, talk, schedule)) : [];
    if (atTime.length === 1) return { talk: atTime[0], by: 'title and time' };
    if (candidates.length === 1) {
      const moved = start && !sameStart(start, candidates[0], schedule);
      return moved ? { talk: candidates[0], by: 'title', note: `now on ${candidates[0].day} at ${candidates[0].start}` } : { talk: candidates[0], by: 'title' };
    }
    if (candidates.length > 1) return { reason: reason ?? (start ? l10n.t('{count} talks of {conference} are titled {title}, none at that time', { count: candidates.length, conference, title: describe(entry) }) : l10n.t('{count} talks of {conference} are titled {title}', { count: candidates.length, conference, title: describe(entry) })) };
  }
  // 4. Retitled, with no id: the one talk at that time in that room.
  if (entry.start && entry.location && entry.start.kind !== 'date') {
    const room = fold(entry.location);
    const start = entry.start;
    const there = schedule.events.filter(talk => talk.room && fold(talk.room) === room && sameStart(start, talk, schedule));
    if (there.length === 1) return { talk: there[0], by: 'time and room', note: `found by its time and room; the schedule titles it "${there[0].title}"` };
  }
  if (reason) return { reason };
  if (entry.title) return { reason: l10n.t('no talk of {conference} is titled {title}', { conference, title: describe(entry) }) };
  return { reason: l10n.t('{entry} has no URL, UID or title to match', { entry: describe(entry) }) };
}
