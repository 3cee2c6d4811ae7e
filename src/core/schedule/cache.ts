// The cached model: compact JSON (events and persons as arrays, persons shared by index) with a format version,
// so loading a full year is one JSON.parse plus a light rebuild instead of an XML parse.
import type { LinkKind, Person, Schedule, ScheduleLink, Talk } from './model';
import { ScheduleError } from './parse';

export const CACHE_FORMAT = 'conference-recap/schedule';
export const CACHE_VERSION = 1;

type LinkRow = [string, string, LinkKind];
type PersonRow = [string, string, string, string];
type EventRow = [
  string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, number,
  string, string, string, number[], LinkRow[], LinkRow[], LinkRow[],
];

interface CacheFile {
  format: string;
  version: number;
  conference: Schedule['conference'];
  days: Schedule['days'];
  rooms: string[];
  tracks: string[];
  trackSlugs: Record<string, string>;
  warnings: string[];
  persons: PersonRow[];
  events: EventRow[];
}

const linkRow = (l: ScheduleLink): LinkRow => [l.href, l.title, l.kind];
const fromLinkRow = (r: LinkRow): ScheduleLink => ({ href: r[0], title: r[1], kind: r[2] });

export function serializeSchedule(schedule: Schedule): string {
  const personIndex = new Map<Person, number>();
  const persons: PersonRow[] = [];
  const indexOf = (p: Person): number => {
    let i = personIndex.get(p);
    if (i === undefined) {
      i = persons.length;
      personIndex.set(p, i);
      persons.push([p.id ?? '', p.name, p.slug, p.url ?? '']);
    }
    return i;
  };
  for (const p of schedule.persons) indexOf(p);
  const events: EventRow[] = schedule.events.map(t => [
    t.id, t.guid ?? '', t.code ?? '', t.slug, t.url ?? '', t.title, t.subtitle, t.track, t.trackSlug ?? '', t.type, t.language,
    t.date ?? '', t.day, t.start, t.duration, t.durationMinutes, t.room, t.abstract, t.description,
    t.persons.map(indexOf), t.slides.map(linkRow), t.videos.map(linkRow), t.links.map(linkRow),
  ]);
  const file: CacheFile = {
    format: CACHE_FORMAT, version: CACHE_VERSION, conference: schedule.conference, days: schedule.days, rooms: schedule.rooms,
    tracks: schedule.tracks, trackSlugs: schedule.trackSlugs, warnings: schedule.warnings, persons, events,
  };
  return JSON.stringify(file);
}

/** Throws a ScheduleError when the text is not a cache file of this version. */
export function deserializeSchedule(text: string): Schedule {
  let file: CacheFile;
  try {
    file = JSON.parse(text) as CacheFile;
  } catch {
    throw new ScheduleError('The cached schedule is damaged (not JSON).', 'malformed');
  }
  if (!file || file.format !== CACHE_FORMAT) throw new ScheduleError('The cached file is not a Conference Recap schedule cache.', 'malformed');
  if (file.version !== CACHE_VERSION) throw new ScheduleError(`The cached schedule has format version ${String(file.version)}, this version reads ${CACHE_VERSION}.`, 'malformed');
  const persons: Person[] = file.persons.map(r => {
    const p: Person = { name: r[1], slug: r[2] };
    if (r[0]) p.id = r[0];
    if (r[3]) p.url = r[3];
    return p;
  });
  const events: Talk[] = file.events.map(r => {
    const t: Talk = {
      id: r[0], slug: r[3], title: r[5], subtitle: r[6], track: r[7], type: r[9], language: r[10], day: r[12], start: r[13],
      duration: r[14], durationMinutes: r[15], room: r[16], abstract: r[17], description: r[18],
      persons: r[19].map(i => persons[i]), slides: r[20].map(fromLinkRow), videos: r[21].map(fromLinkRow), links: r[22].map(fromLinkRow),
    };
    if (r[1]) t.guid = r[1];
    if (r[2]) t.code = r[2];
    if (r[4]) t.url = r[4];
    if (r[8]) t.trackSlug = r[8];
    if (r[11]) t.date = r[11];
    return t;
  });
  return {
    conference: file.conference, days: file.days, rooms: file.rooms, tracks: file.tracks, trackSlugs: file.trackSlugs ?? {},
    events, persons, warnings: file.warnings ?? [],
  };
}
