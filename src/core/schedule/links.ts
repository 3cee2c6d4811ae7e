// fosdem.org / archive.fosdem.org links: parse them, find the talk or speaker they name, build them.
import { isFosdem, type Person, type Schedule, type Talk } from './model';

/** An http(s) URL on fosdem.org or archive.fosdem.org. */
export interface FosdemUrl {
  /** `fosdem.org` or `archive.fosdem.org` (a leading `www.` is dropped). */
  host: string;
  /** The edition year the path starts with (`/2025/…`); absent for pages of the current edition without one. */
  year?: number;
  /** The path after the year, from its `/` (`/schedule/xml`); the whole path when there is no year. */
  path: string;
  url: URL;
}

/** Parses `url` when it is a fosdem.org or archive.fosdem.org page, with the edition year its path starts with. */
export function parseFosdemUrl(url: string): FosdemUrl | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  if (host !== 'fosdem.org' && host !== 'archive.fosdem.org') return undefined;
  const year = /^\/(\d{4})(?=\/)/.exec(parsed.pathname);
  return year ? { host, year: Number(year[1]), path: parsed.pathname.slice(year[0].length), url: parsed } : { host, path: parsed.pathname, url: parsed };
}

export interface ScheduleUrl {
  /** `fosdem.org` or `archive.fosdem.org` (a leading `www.` is dropped). */
  host: string;
  /** Absent for links without a year (`/schedule/event/x/` means the current edition). */
  year?: number;
  kind: 'event' | 'speaker' | 'track';
  /** Decoded slug as written in the link. */
  slug: string;
}

const SCHEDULE_PATH = /^\/schedule\/(event|events|speaker|speakers|track|tracks)\/([^/?#]+)\/?$/;

/** A fosdem.org / archive.fosdem.org event, speaker or track page: `https://fosdem.org/2025/schedule/event/<slug>/`. */
export function parseScheduleUrl(url: string): ScheduleUrl | undefined {
  const page = parseFosdemUrl(url);
  const m = page && SCHEDULE_PATH.exec(page.path);
  if (!page || !m) return undefined;
  let slug: string;
  try {
    slug = decodeURIComponent(m[2]);
  } catch {
    slug = m[2];
  }
  const kind = m[1].replace(/s$/, '') as ScheduleUrl['kind'];
  return page.year !== undefined ? { host: page.host, year: page.year, kind, slug } : { host: page.host, kind, slug };
}

// The links `parseScheduleUrl` accepts, by two regexes instead of a URL parse: the preview classifies every link of
// every render. The host is case-insensitive, the path is not.
const FOSDEM_ORIGIN = /^\s*https?:\/\/(?:www\.)?(?:archive\.)?fosdem\.org(?=\/)/i;
const SCHEDULE_LINK_PATH = /^\/(?:\d{4}\/)?schedule\/(event|speaker|track)s?\/[^/?#\s]+\/?(?:[?#]\S*)?\s*$/;

/**
 * The kind of schedule page `href` links: `parseScheduleUrl(href)?.kind` without parsing a URL. (Only forms no post
 * writes differ: ports, user info, backslashes, dot segments, escaped host names.)
 */
export function scheduleLinkKind(href: string): ScheduleUrl['kind'] | undefined {
  const origin = FOSDEM_ORIGIN.exec(href);
  const match = origin && SCHEDULE_LINK_PATH.exec(href.slice(origin[0].length));
  return match ? match[1] as ScheduleUrl['kind'] : undefined;
}

/**
 * fosdem.org and archive.fosdem.org URLs in prose or Markdown, to run with `exec`/`matchAll`; trim each with
 * `trimLinkEnd`. A new RegExp each call: a global one carries its `lastIndex` from one caller to the next.
 */
export function fosdemLinkPattern(): RegExp {
  return /https?:\/\/(?:www\.|archive\.)?fosdem\.org\/[^\s<>()[\]"'`]*/gi;
}

/** A URL found in prose without the punctuation that ends the sentence or the emphasis around it (`…/x/.`, `…/x/**`). */
export function trimLinkEnd(href: string): string {
  return href.replace(/[.,;:!?*_]+$/, '');
}

interface LinkIndex {
  bySlug: Map<string, Talk>;
  byLooseSlug: Map<string, Talk>;
  byCode: Map<string, Talk>;
  byId: Map<string, Talk>;
  personBySlug: Map<string, Person>;
  personByLooseSlug: Map<string, Person>;
}

const indexes = new WeakMap<Schedule, LinkIndex>();

/** `-`/`_` and case differences only (posts in the wild mix them in 2026 slugs). */
export function looseSlug(slug: string): string {
  return slug.toLowerCase().replace(/_/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
}

function linkIndex(schedule: Schedule): LinkIndex {
  let index = indexes.get(schedule);
  if (index) return index;
  index = { bySlug: new Map(), byLooseSlug: new Map(), byCode: new Map(), byId: new Map(), personBySlug: new Map(), personByLooseSlug: new Map() };
  for (const talk of schedule.events) {
    if (talk.slug) {
      index.bySlug.set(talk.slug, talk);
      if (!index.byLooseSlug.has(looseSlug(talk.slug))) index.byLooseSlug.set(looseSlug(talk.slug), talk);
    }
    if (talk.code) index.byCode.set(talk.code.toUpperCase(), talk);
    if (talk.id) index.byId.set(talk.id, talk);
  }
  for (const person of schedule.persons) {
    if (!index.personBySlug.has(person.slug)) index.personBySlug.set(person.slug, person);
    const loose = person.slug.toLowerCase();
    if (!index.personByLooseSlug.has(loose)) index.personByLooseSlug.set(loose, person);
  }
  indexes.set(schedule, index);
  return index;
}

function yearMatches(schedule: Schedule, link: ScheduleUrl): boolean {
  return link.year === undefined || schedule.conference.year === undefined || link.year === schedule.conference.year;
}

/** The talk an event link names: exact slug, then the pretalx code (2026 `8AS3XD-…`), the numeric id (`fosdem-2025-5388-…`), then `-`/`_`/case variants. */
export function findTalkByUrl(schedule: Schedule, url: string): Talk | undefined {
  const link = parseScheduleUrl(url);
  if (!link || link.kind !== 'event' || !yearMatches(schedule, link)) return undefined;
  return findTalkBySlug(schedule, link.slug);
}

export function findTalkBySlug(schedule: Schedule, slug: string): Talk | undefined {
  const index = linkIndex(schedule);
  const exact = index.bySlug.get(slug);
  if (exact) return exact;
  const code = /^([A-Za-z0-9]{6})[-_]/.exec(slug)?.[1];
  if (code) {
    // Codes are upper-case; a lower-cased one counts only where the schedule's own slugs start with codes (2026).
    const byCode = index.byCode.get(code.toUpperCase());
    if (byCode && (code === code.toUpperCase() || byCode.slug.toLowerCase().startsWith(code.toLowerCase()))) return byCode;
  }
  const pretalx = /^[a-z0-9]+-(\d{4})-(\d+)-/i.exec(slug);
  if (pretalx && (!schedule.conference.year || Number(pretalx[1]) === schedule.conference.year)) {
    const byId = index.byId.get(pretalx[2]);
    if (byId) return byId;
  }
  return index.byLooseSlug.get(looseSlug(slug));
}

/** The speaker a speaker link names (exact slug, then case-insensitive). */
export function findPersonByUrl(schedule: Schedule, url: string): Person | undefined {
  const link = parseScheduleUrl(url);
  if (!link || link.kind !== 'speaker' || !yearMatches(schedule, link)) return undefined;
  const index = linkIndex(schedule);
  return index.personBySlug.get(link.slug) ?? index.personByLooseSlug.get(link.slug.toLowerCase());
}

/** Track name for a track link, if the schedule has it. */
export function findTrackByUrl(schedule: Schedule, url: string): string | undefined {
  const link = parseScheduleUrl(url);
  if (!link || link.kind !== 'track' || !yearMatches(schedule, link)) return undefined;
  for (const [name, slug] of Object.entries(schedule.trackSlugs)) if (slug === link.slug) return name;
  return undefined;
}

export function eventUrl(talk: Talk, schedule: Schedule): string | undefined {
  if (talk.url) return talk.url;
  const year = schedule.conference.year;
  return isFosdem(schedule) && year && talk.slug ? `https://fosdem.org/${year}/schedule/event/${talk.slug}/` : undefined;
}

export function personUrl(person: Person, schedule: Schedule): string | undefined {
  if (person.url) return person.url;
  const year = schedule.conference.year;
  // 2024 speaker pages use pretalx codes that the XML does not carry.
  return isFosdem(schedule) && year && year !== 2024 ? `https://fosdem.org/${year}/schedule/speaker/${person.slug}/` : undefined;
}

export function trackUrl(track: string, schedule: Schedule): string | undefined {
  const slug = schedule.trackSlugs[track];
  const year = schedule.conference.year;
  return isFosdem(schedule) && year && slug ? `https://fosdem.org/${year}/schedule/track/${slug}/` : undefined;
}

/** Talks a person speaks at, in schedule order. */
/** A person's key: the schedule's id, else the speaker slug (objects are not shared after a cache load). */
const personKey = (person: Person) => (person.id !== undefined ? `id:${person.id}` : `slug:${person.slug}`);
const talksByPerson = new WeakMap<Schedule, Map<string, Talk[]>>();

/** The person's talks in schedule order; indexed once per schedule (pickers call this for every row). */
export function talksOf(schedule: Schedule, person: Person): Talk[] {
  let index = talksByPerson.get(schedule);
  if (!index) {
    index = new Map();
    for (const talk of schedule.events) {
      for (const speaker of talk.persons) {
        const list = index.get(personKey(speaker)) ?? [];
        if (list[list.length - 1] !== talk) list.push(talk);
        index.set(personKey(speaker), list);
      }
    }
    talksByPerson.set(schedule, index);
  }
  return index.get(personKey(person)) ?? [];
}
