// Schedule exports → the `Schedule` model. Pentabarf (FOSDEM 2007–2026), frab, pretalx and wafer XML, and the frab
// `schedule.json`, detected by content. Lenient about structure (events are found anywhere under a day), strict
// about well-formedness: a bad download is a located `ScheduleError`, never a half-empty schedule.
import { isFosdem, type Conference, type LinkKind, type Person, type Schedule, type ScheduleLink, type Talk } from './model';
import { fosdemSlug, legacyFosdemSlug } from './slug';
import { cleanUrl, isoLocal, minutesOf, wallClock } from './text';
import { jsonTooDeep } from '../frontmatter/depth';
import { MAX_SCHEDULE_DEPTH, readXmlStream, XmlSyntaxError, type XmlHandlers } from './xml';

export type ScheduleErrorCode = 'empty' | 'no-events' | 'html' | 'malformed' | 'encoding' | 'too-large' | 'not-schedule' | 'not-found' | 'http' | 'network' | 'offline';

/** A schedule that cannot be used; `message` is written for the user. `line`/`column` are 1-based when known. */
export class ScheduleError extends Error {
  override readonly name = 'ScheduleError';
  constructor(message: string, readonly code: ScheduleErrorCode, readonly line?: number, readonly column?: number) {
    super(message);
  }
}

export interface ParseOptions {
  /** Where the text came from (named in messages; its year is a hint). */
  sourceUrl?: string;
  /** The conference year, when the caller knows it better than the file. */
  year?: number;
}

/**
 * An event as read. Its persons and links are ranges of the schedule's `personFields` and `linkFields` (see
 * RawSchedule) rather than an object or an array each: a FOSDEM year has thousands of links, and arrays grown by
 * push, each with its own spare room, all stay alive until the talks are built.
 */
interface RawEvent {
  id: string; guid: string; date: string; start: string; duration: string; room: string; slug: string; url: string;
  title: string; subtitle: string; track: string; trackSlug: string; type: string; language: string;
  abstract: string; description: string; feedbackUrl: string; personsFrom: number; personsTo: number; linksFrom: number; linksTo: number; dayDate: string;
}
interface RawSchedule {
  conference: Conference;
  days: { index: number; date: string; start?: string }[];
  tracks: { name: string; slug?: string }[];
  persons: { id?: string; name: string; slug?: string }[];
  events: RawEvent[];
  /** Every event's persons in a row, two fields each: id (or undefined) and name. */
  personFields: (string | undefined)[];
  /** Every event's links in a row, three fields each: href, title and the attachment type (`other` for an attachment without one, undefined for a plain link). */
  linkFields: (string | undefined)[];
}

export function parseSchedule(text: string, options: ParseOptions = {}): Schedule {
  const source = options.sourceUrl ? ` (${options.sourceUrl})` : '';
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (!trimmed) throw new ScheduleError(`The schedule${source} is empty.`, 'empty', 1, 1);
  if (looksLikeHtml(trimmed)) throw new ScheduleError(`The schedule${source} looks like an HTML page, not a schedule (a login, error or "not published yet" page?).`, 'html', 1, 1);
  if (/^BEGIN:VCALENDAR/i.test(trimmed)) throw new ScheduleError(`The schedule${source} is an iCalendar file; use the XML export (…/schedule/xml) instead.`, 'not-schedule', 1, 1);
  const nul = text.slice(0, 4096).indexOf('\0');
  if (nul !== -1) {
    const { line, column } = positionOf(text, nul);
    throw new ScheduleError(`The schedule${source} is binary data, not text (a NUL byte at line ${line}, column ${column}).`, 'not-schedule', line, column);
  }
  const raw = trimmed.startsWith('{') || trimmed.startsWith('[') ? readJson(text, source) : readXml(text, source);
  // One message for a file and a download: an empty schedule would only make every search and check come up empty.
  if (!raw.events.length) throw new ScheduleError(`The schedule${source} has no events yet.`, 'no-events');
  return build(raw, options);
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2048).replace(/<!--[\s\S]*?-->/g, '').trimStart();
  return /^<!doctype\s+html/i.test(head) || /^<html[\s>]/i.test(head) || (/^<(head|body|meta|title)[\s>]/i.test(head));
}

// ---------------------------------------------------------------- XML

function readXml(text: string, source: string): RawSchedule {
  const conference: Conference = { title: '' };
  const tracks: RawSchedule['tracks'] = [];
  const persons: RawSchedule['persons'] = [];
  const days: RawSchedule['days'] = [];
  const events: RawEvent[] = [];
  const personFields: RawSchedule['personFields'] = [];
  const linkFields: RawSchedule['linkFields'] = [];
  let rootSeen = false;
  let dayDate = '';
  let roomName = '';
  let event: RawEvent | undefined;
  let eventDepth = 0;
  /** The event field of the event's child element now open, looked up once when it opens. */
  let eventField: StringField | undefined;
  let attrs: Record<string, string> = {};
  let topPerson: { id?: string; name: string; slug?: string } | undefined;

  const handlers: XmlHandlers = {
    // Returns whether `close` below reads the element's text (see XmlHandlers.open).
    open(name, attributes, path) {
      const depth = path.length;
      if (depth === 1) {
        rootSeen = true;
        if (name.toLowerCase() === 'html') throw new ScheduleError(`The schedule${source} looks like an HTML page, not a schedule.`, 'html', 1, 1);
        if (name !== 'schedule') throw new ScheduleError(`The file${source} is XML but not a schedule: its root element is <${name}>, not <schedule>.`, 'not-schedule', 1, 1);
        return false;
      }
      if (event) {
        const d = depth - eventDepth;
        if (d === 1) {
          if (name === 'track') event.trackSlug = attributes.slug ?? '';
          eventField = eventFieldOf(name);
          return eventField !== undefined;
        }
        if (d === 2) {
          attrs = attributes;
          const parent = path[depth - 2];
          return (parent === 'persons' && name === 'person') || (parent === 'attachments' && name === 'attachment') || (parent === 'links' && name === 'link');
        }
        return false;
      }
      if (name === 'event' && path[1] === 'day') {
        event = { id: (attributes.id ?? '').trim(), guid: (attributes.guid ?? '').trim(), date: '', start: '', duration: '', room: '', slug: '', url: '', title: '', subtitle: '', track: '', trackSlug: '', type: '', language: '', abstract: '', description: '', feedbackUrl: '', personsFrom: personFields.length, personsTo: 0, linksFrom: linkFields.length, linksTo: 0, dayDate };
        eventDepth = depth;
      } else if (depth === 2 && name === 'day') {
        dayDate = (attributes.date ?? '').trim();
        roomName = '';
        days.push({ index: Number(attributes.index) || days.length + 1, date: dayDate, start: optional(attributes.start) });
      } else if (name === 'room' && path[1] === 'day') {
        roomName = (attributes.name ?? '').trim();
      } else if (name === 'track' && (path[1] === 'tracks' || path[1] === 'conference')) {
        attrs = attributes;
        return true;
      } else if (depth === 3 && name === 'person' && path[1] === 'persons') {
        topPerson = { id: optional(attributes.id ?? attributes.guid), name: '' };
        return true;
      }
      if (depth === 3 && path[1] === 'conference') return CONFERENCE_FIELDS.has(name);
      return topPerson !== undefined && depth === 4 && (name === 'name' || name === 'public_name' || name === 'slug');
    },
    close(name, text, path) {
      const depth = path.length;
      if (event) {
        const d = depth - eventDepth;
        if (d === 0) {
          if (!event.room) event.room = roomName;
          event.personsTo = personFields.length;
          event.linksTo = linkFields.length;
          events.push(event);
          event = undefined;
        } else if (d === 1) {
          if (eventField && !event[eventField]) event[eventField] = text.trim();
        } else if (d === 2) {
          const parent = path[depth - 2];
          if (parent === 'persons' && name === 'person') {
            const personName = text.trim();
            if (personName) personFields.push(optional(attrs.id ?? attrs.guid), personName);
          } else if (parent === 'attachments' && name === 'attachment') linkFields.push(attrs.href ?? '', text.trim(), attrs.type ?? 'other');
          else if (parent === 'links' && name === 'link') linkFields.push(attrs.href ?? '', text.trim(), undefined);
        }
        return;
      }
      if (name === 'room' && path[1] === 'day') roomName = '';
      else if (depth === 3 && path[1] === 'conference') {
        const value = text.trim();
        if (name === 'track') { const trackName = (attrs.name ?? value).trim(); if (trackName) tracks.push({ name: trackName, slug: optional(attrs.slug) }); }
        else if (value) {
          if (name === 'title') conference.title = value;
          else if (name === 'acronym') conference.acronym = value;
          else if (name === 'start') conference.start = value.slice(0, 10);
          else if (name === 'end') conference.end = value.slice(0, 10);
          else if (name === 'base_url') conference.baseUrl = value;
          else if (name === 'time_zone_name' || (name === 'time_zone' && !conference.timeZone)) conference.timeZone = value;
        }
      } else if (name === 'track' && (path[1] === 'tracks' || (path[1] === 'conference' && depth === 4))) {
        const trackName = (attrs.name ?? text).trim();
        if (trackName) tracks.push({ name: trackName, slug: optional(attrs.slug) });
      } else if (topPerson && depth === 4) {
        if (name === 'name' || name === 'public_name') topPerson.name = text.trim();
        else if (name === 'slug') topPerson.slug = optional(text.trim());
      } else if (topPerson && depth === 3 && name === 'person') {
        if (!topPerson.name) topPerson.name = text.trim();
        if (topPerson.name) persons.push(topPerson);
        topPerson = undefined;
      }
    },
  };
  try {
    readXmlStream(text, handlers);
  } catch (error) {
    if (error instanceof XmlSyntaxError && error.refused) {
      throw new ScheduleError(`The schedule${source} is refused at line ${error.line}, column ${error.column}: ${error.message}.`, 'malformed', error.line, error.column);
    }
    if (error instanceof XmlSyntaxError) {
      const truncated = /unclosed|end of|unexpected end/i.test(error.message);
      throw new ScheduleError(`The schedule${source} is ${truncated ? 'truncated or malformed' : 'malformed XML'} at line ${error.line}, column ${error.column}: ${error.message}.`, 'malformed', error.line, error.column);
    }
    throw error;
  }
  if (!rootSeen) throw new ScheduleError(`The schedule${source} has no XML element.`, 'not-schedule', 1, 1);
  return { conference, days, tracks, persons, events, personFields, linkFields };
}

/** The `<conference>` children whose text `close` reads. */
const CONFERENCE_FIELDS = new Set(['title', 'acronym', 'start', 'end', 'base_url', 'time_zone_name', 'time_zone']);

type StringField = 'date' | 'start' | 'duration' | 'room' | 'slug' | 'url' | 'title' | 'subtitle' | 'track' | 'type' | 'language' | 'abstract' | 'description' | 'feedbackUrl';
/**
 * The event field an event's child element fills. A switch, not a table: the names saxes reports are fresh strings,
 * which a table lookup hashes first, while comparing them mostly stops at their length. It returns the literal, not
 * `name`: a literal is internalized, so `event[field]` finds the property at once instead of looking the fresh string up.
 */
function eventFieldOf(name: string): StringField | undefined {
  switch (name) {
    case 'date': return 'date';
    case 'start': return 'start';
    case 'duration': return 'duration';
    case 'room': return 'room';
    case 'slug': return 'slug';
    case 'url': return 'url';
    case 'title': return 'title';
    case 'subtitle': return 'subtitle';
    case 'track': return 'track';
    case 'type': return 'type';
    case 'language': return 'language';
    case 'abstract': return 'abstract';
    case 'description': return 'description';
    case 'feedback_url':
      return 'feedbackUrl';
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------- frab JSON

function readJson(text: string, source: string): RawSchedule {
  // JSON.parse slows down more than linearly with thousands of levels; no schedule has more than a handful.
  const nesting = jsonTooDeep(text, MAX_SCHEDULE_DEPTH);
  if (nesting) {
    const { line, column } = positionOf(text, nesting.offset);
    throw new ScheduleError(`The schedule${source} is refused at line ${line}, column ${column}: its arrays and objects nest more than ${MAX_SCHEDULE_DEPTH} levels deep, which no schedule does.`, 'malformed', line, column);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : text.length;
    const { line, column } = positionOf(text, offset);
    throw new ScheduleError(`The schedule${source} is truncated or malformed JSON at line ${line}, column ${column}: ${message}.`, 'malformed', line, column);
  }
  const schedule = record(record(data).schedule);
  const conf = record(schedule.conference);
  if (!Object.keys(conf).length || !Array.isArray(conf.days)) throw new ScheduleError(`The file${source} is JSON but not a frab schedule (no schedule.conference.days).`, 'not-schedule', 1, 1);
  const conference: Conference = {
    title: str(conf.title), acronym: optional(str(conf.acronym)), start: optional(str(conf.start).slice(0, 10)), end: optional(str(conf.end).slice(0, 10)),
    baseUrl: optional(str(schedule.base_url) || str(conf.base_url) || str(conf.url)), timeZone: optional(str(conf.time_zone_name)),
  };
  const tracks = (Array.isArray(conf.tracks) ? conf.tracks : []).map(record).filter(t => str(t.name)).map(t => ({ name: str(t.name), slug: optional(str(t.slug)) }));
  const days: RawSchedule['days'] = [];
  const events: RawEvent[] = [];
  const personFields: RawSchedule['personFields'] = [];
  const linkFields: RawSchedule['linkFields'] = [];
  for (const dayValue of conf.days as unknown[]) {
    const day = record(dayValue);
    const date = str(day.date).slice(0, 10);
    days.push({ index: Number(day.index) + (typeof day.index === 'number' && day.index === 0 ? 1 : 0) || days.length + 1, date, start: optional(str(day.day_start)) });
    for (const [roomName, list] of Object.entries(record(day.rooms))) {
      for (const ev of Array.isArray(list) ? list.map(record) : []) {
        const personsFrom = personFields.length;
        for (const p of Array.isArray(ev.persons) ? ev.persons.map(record) : []) {
          const name = str(p.public_name) || str(p.name);
          if (name) personFields.push(optional(str(p.id) || str(p.guid)), name);
        }
        const linksFrom = linkFields.length;
        for (const a of Array.isArray(ev.attachments) ? ev.attachments.map(record) : []) linkFields.push(str(a.url) || str(a.href), str(a.title), str(a.type) || 'other');
        for (const l of Array.isArray(ev.links) ? ev.links.map(record) : []) linkFields.push(str(l.url) || str(l.href), str(l.title), undefined);
        events.push({
          id: str(ev.id), guid: str(ev.guid), date: str(ev.date), start: str(ev.start), duration: str(ev.duration), room: str(ev.room) || roomName,
          slug: str(ev.slug), url: str(ev.url), title: str(ev.title), subtitle: str(ev.subtitle), track: str(ev.track), trackSlug: '',
          type: str(ev.type), language: str(ev.language), abstract: str(ev.abstract), description: str(ev.description),
          feedbackUrl: str(ev.feedback_url), personsFrom, personsTo: personFields.length, linksFrom, linksTo: linkFields.length, dayDate: date,
        });
      }
    }
  }
  return { conference, days, tracks, persons: [], events, personFields, linkFields };
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : {};
}

function str(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

function optional(value: string | undefined): string | undefined {
  return value ? value : undefined;
}

// ---------------------------------------------------------------- normalisation

const FOSDEM_URL = /^(https?:\/\/)(www\.|archive\.)?fosdem\.org\/(\d{4})\//i;

function build(raw: RawSchedule, options: ParseOptions): Schedule {
  const conference = raw.conference;
  const warnings: string[] = [];
  const year = options.year ?? yearOf(conference.start) ?? yearOf(/\b((?:19|20)\d{2})\b/.exec(conference.title)?.[1]) ?? yearOf(/\/((?:19|20)\d{2})\//.exec(options.sourceUrl ?? '')?.[1]);
  conference.year = year;
  const fosdem = isFosdem({ conference }) || /(^|\.)fosdem\.org\//i.test(options.sourceUrl ?? '');
  if (conference.timeZone && !wallClock(0, conference.timeZone)) { // the formatter it builds is cached for the times below
    warnings.push(`The time zone "${conference.timeZone}" is unknown; times are kept as the file gives them.`);
    delete conference.timeZone;
  }
  if (fosdem && !conference.timeZone) conference.timeZone = 'Europe/Brussels';
  const timeZone = conference.timeZone;

  // URLs naming another year (a 2024 copy re-downloaded in 2025 says 2025 everywhere): rebuild from the conference year.
  let wrongYear: string | undefined;
  let wrongYearCount = 0;
  const rightYearPrefix = `https://fosdem.org/${year}/`;
  const fixYear = (url: string): string => {
    if (!fosdem || !year || url.startsWith(rightYearPrefix)) return url;
    const m = FOSDEM_URL.exec(url);
    if (!m || Number(m[3]) === year) return url;
    wrongYear = m[3];
    wrongYearCount++;
    return `${m[1]}${m[2] ?? ''}fosdem.org/${year}/${url.slice(m[0].length)}`;
  };
  if (conference.baseUrl) conference.baseUrl = fixYear(conference.baseUrl);

  // Persons: the top-level list (2026) carries slugs; otherwise derive them.
  const speakerRule: 'file' | 'current' | 'legacy' | 'none' = raw.persons.some(p => p.slug) ? 'file'
    : !fosdem || !year ? 'none' : year >= 2025 ? 'current' : year <= 2023 ? 'legacy' : 'none';
  // A person is the same by id, or by name when the file gives no id.
  const personsById = new Map<string, Person>();
  const personsByName = new Map<string, Person>();
  const persons: Person[] = [];
  const makePerson = (id: string | undefined, name: string, slug?: string): Person => {
    const known = id ? personsById.get(id) : personsByName.get(name);
    if (known) return known;
    const personSlug = slug ?? (speakerRule === 'legacy' ? legacyFosdemSlug(name) : fosdemSlug(name));
    const url = fosdem && year && (slug || speakerRule === 'current' || speakerRule === 'legacy') ? `https://fosdem.org/${year}/schedule/speaker/${personSlug}/` : undefined;
    // Keys in one literal where the person has them all (the common case): no properties added later, which would
    // move them out of the object into a separate, growing array.
    let person: Person;
    if (id && url) person = { name, slug: personSlug, id, url };
    else {
      person = { name, slug: personSlug };
      if (id) person.id = id;
      if (url) person.url = url;
    }
    if (id) personsById.set(id, person);
    else personsByName.set(name, person);
    persons.push(person);
    return person;
  };
  for (const p of raw.persons) makePerson(p.id, p.name, p.slug);

  const trackSlugs: Record<string, string> = {};
  const tracks: string[] = [];
  const trackSet = new Set<string>();
  const addTrack = (name: string, slug?: string) => {
    if (!name) return;
    if (!(name in trackSlugs) && !trackSet.has(name)) { trackSet.add(name); tracks.push(name); }
    if (slug) trackSlugs[name] = slug;
  };
  for (const t of raw.tracks) addTrack(t.name, t.slug);

  const { personFields, linkFields } = raw;
  const rooms: string[] = [];
  const roomSet = new Set<string>();
  let noSlug = 0;
  let junkLinks = 0;
  const events: Talk[] = [];
  const base = conference.baseUrl && /^https?:/.test(conference.baseUrl) ? conference.baseUrl : undefined;
  /** The hrefs a talk already has: a short list, or a set once a talk has many links (linear either way). */
  const seen: string[] = [];
  let seenSet: Set<string> | undefined;
  // A talk's persons and links are gathered in these arrays, reused from talk to talk, and copied out at their exact
  // length: an array grown by push keeps room for 16 or more entries, most of it unused in the model it stays in.
  const talkPersons: Person[] = [];
  const slides: ScheduleLink[] = [];
  const videos: ScheduleLink[] = [];
  const links: ScheduleLink[] = [];
  let slideCount = 0;
  let videoCount = 0;
  let linkCount = 0;
  const addLink = (rawHref: string, title: string, attachmentType: string | undefined) => {
    const href = cleanUrl(rawHref, HTTP_SCHEME.test(rawHref.trim()) ? undefined : base);
    if (!href) { if (rawHref.trim()) junkLinks++; return; }
    if (seenSet ? seenSet.has(href) : seen.includes(href)) return;
    if (seenSet) seenSet.add(href);
    else if (seen.push(href) > 16) seenSet = new Set(seen);
    const kind = classify(href, title, attachmentType);
    const link: ScheduleLink = { href, title: title || defaultTitle(kind), kind };
    if (kind === 'slides') slides[slideCount++] = link;
    else if (kind === 'video') videos[videoCount++] = link;
    else links[linkCount++] = link;
  };
  const time: PlacedTime = { day: '', start: '', date: undefined, hasDate: false };
  for (const e of raw.events) {
    const code = SLUG_CODE.exec(e.slug)?.[1] ?? PRETALX_TALK_CODE.exec(e.feedbackUrl)?.[1];
    placeInTime(time, e.dayDate, normaliseTime(e.start), e.date, timeZone);
    const url = e.url ? fixYear(cleanUrl(e.url) ?? e.url) : fosdem && year && e.slug ? `https://fosdem.org/${year}/schedule/event/${e.slug}/` : undefined;
    if (!e.slug && fosdem) noSlug++;
    const trackSlug = e.trackSlug || trackSlugs[e.track] || (fosdem && year && year <= 2023 && e.track ? legacyFosdemSlug(e.track.replace(/\s+(devroom|track)$/i, '')) : '');

    let personCount = 0;
    for (let i = e.personsFrom; i < e.personsTo; i += 2) talkPersons[personCount++] = makePerson(personFields[i], personFields[i + 1] as string);
    seen.length = 0;
    seenSet = undefined;
    slideCount = videoCount = linkCount = 0;
    for (let i = e.linksFrom; i < e.linksTo; i += 3) addLink(linkFields[i] as string, linkFields[i + 1] as string, linkFields[i + 2]);
    if (e.feedbackUrl) addLink(e.feedbackUrl, 'Submit Feedback', undefined);
    const personsOfTalk = talkPersons.slice(0, personCount);
    const talkSlides = slides.slice(0, slideCount);
    const talkVideos = videos.slice(0, videoCount);
    const talkLinks = links.slice(0, linkCount);

    // The same keys in the same order either way. A talk with every optional key (most talks of recent years) gets
    // them in one literal: keys added to an object later live in a separate array that grows as they come.
    let talk: Talk;
    if (e.guid && code && time.date && url && trackSlug) {
      talk = {
        id: e.id || e.guid || e.slug, slug: e.slug, title: e.title, subtitle: e.subtitle, track: e.track, type: e.type, language: e.language,
        day: time.day, start: time.start, duration: e.duration, durationMinutes: minutesOf(e.duration), room: e.room,
        abstract: e.abstract, description: e.description, persons: personsOfTalk, slides: talkSlides, videos: talkVideos, links: talkLinks,
        guid: e.guid, code, date: time.date, url, trackSlug,
      };
    } else {
      talk = {
        id: e.id || e.guid || e.slug, slug: e.slug, title: e.title, subtitle: e.subtitle, track: e.track, type: e.type, language: e.language,
        day: time.day, start: time.start, duration: e.duration, durationMinutes: minutesOf(e.duration), room: e.room,
        abstract: e.abstract, description: e.description, persons: personsOfTalk, slides: talkSlides, videos: talkVideos, links: talkLinks,
      };
      if (e.guid) talk.guid = e.guid;
      if (code) talk.code = code;
      if (time.hasDate) talk.date = time.date;
      if (url) talk.url = url;
      if (trackSlug) talk.trackSlug = trackSlug;
    }
    addTrack(e.track, e.trackSlug || undefined);
    if (e.room && !roomSet.has(e.room)) { roomSet.add(e.room); rooms.push(e.room); }
    events.push(talk);
  }
  for (const t of raw.tracks) if (t.slug) trackSlugs[t.name] = t.slug;
  if (fosdem && year && year <= 2023) for (const t of tracks) if (!trackSlugs[t]) trackSlugs[t] = legacyFosdemSlug(t.replace(/\s+(devroom|track)$/i, ''));

  if (wrongYear) warnings.push(`${wrongYearCount} URL${wrongYearCount === 1 ? '' : 's'} in the file say ${wrongYear} although the conference is in ${year}; they were corrected to ${year}.`);
  if (noSlug) warnings.push(`${noSlug} event${noSlug === 1 ? ' has' : 's have'} no slug, so no event page URL.`);
  if (junkLinks) warnings.push(`${junkLinks} link${junkLinks === 1 ? '' : 's'} with an unusable URL (e.g. "http://") ${junkLinks === 1 ? 'was' : 'were'} dropped.`);

  const days = raw.days.map(d => {
    let date = d.date;
    if (d.start && timeZone) {
      const epoch = Date.parse(d.start);
      const wall = Number.isNaN(epoch) ? undefined : wallClock(epoch, timeZone);
      if (wall) date = wall.day;
    }
    return { index: d.index, date };
  });
  if (!conference.start && days.length) conference.start = days[0].date;
  if (!conference.end && days.length) conference.end = days[days.length - 1].date;
  return { conference, days, rooms, tracks, trackSlugs, events, persons, warnings };
}

function yearOf(value: string | undefined): number | undefined {
  const m = /^(\d{4})/.exec(value ?? '');
  return m ? Number(m[1]) : undefined;
}

/** `HH:MM`, two digits each. */
function isClockTime(value: string): boolean {
  return value.length === 5 && value.charCodeAt(2) === 0x3a && isDigit(value.charCodeAt(0)) && isDigit(value.charCodeAt(1)) && isDigit(value.charCodeAt(3)) && isDigit(value.charCodeAt(4));
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function normaliseTime(value: string): string {
  if (isClockTime(value)) return value; // what the pattern below gives back for HH:MM, without a match array
  const m = TIME_OF_DAY.exec(value);
  return m ? `${m[1].padStart(2, '0')}:${m[2]}` : value;
}

/**
 * A talk's local day, start and ISO date, as placeInTime works them out (one object reused for every talk).
 * `hasDate`: the talk gets a `date` key, which is undefined when the day and time name no instant in the zone.
 */
interface PlacedTime { day: string; start: string; date: string | undefined; hasDate: boolean }

/**
 * Local day, start and ISO date with the conference's offset, from the day's date, the `<start>` and the `<date>`.
 * Wafer gives `<date>` in UTC but `<start>` local.
 */
function placeInTime(time: PlacedTime, day: string, start: string, date: string, timeZone: string | undefined): void {
  time.day = day;
  time.start = start;
  time.date = undefined;
  time.hasDate = true;
  if (date && DATE_TIME.test(date)) {
    if (date.slice(11, 16) === start || !timeZone) {
      time.date = date;
      time.day = date.slice(0, 10);
      if (!start) time.start = date.slice(11, 16);
      return;
    }
    const epoch = Date.parse(date);
    const wall = Number.isNaN(epoch) ? undefined : wallClock(epoch, timeZone);
    if (wall) {
      time.day = wall.day;
      time.start = wall.time;
      time.date = `${wall.day}T${wall.time}:00${offsetString(wall.offsetMinutes)}`;
      return;
    }
  }
  if (timeZone && day && start) time.date = isoLocal(day, start, timeZone);
  else time.hasDate = false;
}

function offsetString(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

// Patterns per event and per link are constants: a regular expression literal in a function is a new object at
// every call (none of these is global or sticky, so sharing one keeps no state between tests).
const HTTP_SCHEME = /^https?:/i;
/** A pretalx submission code opening the slug, or in a pretalx feedback URL. */
const SLUG_CODE = /^([A-Z0-9]{6})[-_]/;
const PRETALX_TALK_CODE = /\/talk\/([A-Z0-9]{5,8})\/?/;
const TIME_OF_DAY = /(\d{1,2}):(\d{2})/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const SUBTITLE_FILE = /\.vtt(\?|#|$)/i;
const FOSDEM_VIDEO_HOST = /^https?:\/\/video\.fosdem\.org\//i;
const VIDEO_RECORDING_TITLE = /^video recording/i;
const ATTACHMENT_PATH = /\/attachments?\//i;
const SLIDES_WORD = /\bslides?\b/i;
const SLIDES_OR_PRESENTATION = /\bslides?\b|presentation/i;
const CHAT_HOST = /^https?:\/\/(chat\.fosdem\.org|matrix\.to)\//i;
const CHAT_ROOM_TITLE = /^chat room/i;
const FEEDBACK_PATH = /\/feedback\/?$/i;
const FEEDBACK_WORD = /feedback/i;
const VIDEO_FILE = /\.(webm|mp4|m4v|ogv|ogg|mkv|mov|avi)(\?|#|$)/i;
const SLIDE_FILE = /\.(pdf|odp|pptx?|key|sxi)(\?|#|$)/i;

function classify(href: string, title: string, attachmentType: string | undefined): LinkKind {
  if (attachmentType !== undefined) {
    const type = attachmentType.toLowerCase();
    if (type === 'slides') return 'slides';
    if (type === 'video') return VIDEO_FILE.test(href) ? 'video' : 'other';
    return SLIDES_OR_PRESENTATION.test(title) ? 'slides' : 'other';
  }
  if (SUBTITLE_FILE.test(href)) return 'other';
  if (FOSDEM_VIDEO_HOST.test(href) ? VIDEO_FILE.test(href) : VIDEO_FILE.test(href) || VIDEO_RECORDING_TITLE.test(title)) return 'video';
  if (ATTACHMENT_PATH.test(href) && (SLIDE_FILE.test(href) || SLIDES_WORD.test(title))) return 'slides';
  if (SLIDES_WORD.test(title) && SLIDE_FILE.test(href)) return 'slides';
  if (CHAT_HOST.test(href) || CHAT_ROOM_TITLE.test(title)) return 'chat';
  if (FEEDBACK_PATH.test(href) || FEEDBACK_WORD.test(title)) return 'feedback';
  return 'other';
}

/** A switch rather than an object literal, which would be built anew for every untitled link. */
function defaultTitle(kind: LinkKind): string {
  switch (kind) {
    case 'video': return 'Video';
    case 'slides': return 'Slides';
    case 'chat': return 'Chat';
    case 'feedback': return 'Feedback';
    default: return 'Link';
  }
}
