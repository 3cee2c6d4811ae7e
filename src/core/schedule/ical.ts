// iCalendar (RFC 5545) exports of the talks an author attended: the FOSDEM companion app's "Export bookmarks",
// pretalx's starred talks, a conference site's per-track calendars. ical.js (Mozilla) does the RFC work: line
// unfolding, `\,` `\;` `\n` escapes, quoted parameters (`CN="Doe, Jane"`), value types. Around it this file keeps
// what a parser alone would not: every VEVENT parsed on its own, so one bad entry is reported at its line and
// skipped instead of losing the file; BEGIN/END nesting checked (and bounded) in one linear pass first; times
// turned into instants through the file's VTIMEZONE, else the IANA zone (Intl), else kept as local wall time.
import ICAL from 'ical.js';
import { offsetAt } from './text';

/** A start or end time as the entry gives it. */
export interface CalendarTime {
  /** Milliseconds since the epoch; absent for a floating time (no zone) or a date without a time. */
  instant?: number;
  /** The wall-clock day as written, YYYY-MM-DD. */
  day: string;
  /** The wall-clock time as written, HH:MM; '' for a whole-day date. */
  time: string;
  /** `utc` (a trailing Z), `zoned` (TZID), `floating` (neither: local time at the event), `date` (a day only). */
  kind: 'utc' | 'zoned' | 'floating' | 'date';
}

export interface CalendarAttendee {
  name?: string;
  /** The attendee's address when it is a web page (the companion app gives speaker pages). */
  url?: string;
}

export interface CalendarEntry {
  /** 1-based line of its BEGIN:VEVENT. */
  line: number;
  uid?: string;
  summary?: string;
  url?: string;
  location?: string;
  categories: string[];
  attendees: CalendarAttendee[];
  start?: CalendarTime;
  end?: CalendarTime;
}

export interface CalendarProblem {
  /** 1-based line the problem is on. */
  line: number;
  message: string;
}

export interface CalendarFile {
  entries: CalendarEntry[];
  problems: CalendarProblem[];
  /** X-WR-CALNAME, when the export names itself. */
  name?: string;
}

/** Exports of a conference's bookmarks are kilobytes; anything this large is not one. */
export const MAX_CALENDAR_CHARS = 8 * 1024 * 1024;
/** VCALENDAR > VEVENT > VALARM is the deepest real nesting; a file nested deeper than this is not a talk list. */
export const MAX_CALENDAR_DEPTH = 8;
/** Real properties have a handful of parameters; ical.js slows down quadratically on thousands of them. */
export const MAX_PARAMETERS = 100;

interface Block {
  name: string;
  /** 0-based index of the BEGIN line and of the END line. */
  begin: number;
  end: number;
}

/** Reads an iCalendar text: the VEVENTs it could read, and a located message for everything it could not. */
export function readCalendar(input: string): CalendarFile {
  const problems: CalendarProblem[] = [];
  if (input.length > MAX_CALENDAR_CHARS) {
    return { entries: [], problems: [{ line: 1, message: `The file is ${(input.length / 1024 / 1024).toFixed(1)} MB: too large for an iCalendar export of talks (at most ${MAX_CALENDAR_CHARS / 1024 / 1024} MB).` }] };
  }
  const text = input.replace(/^\uFEFF/, '');
  const lines = text.split(/\r\n|\n|\r/);
  const first = lines.findIndex(line => line.trim() !== '');
  if (first === -1) return { entries: [], problems: [{ line: 1, message: 'The file is empty.' }] };
  if (!/^BEGIN:VCALENDAR\s*$/i.test(lines[first])) {
    return { entries: [], problems: [{ line: first + 1, message: `Not an iCalendar file: it should start with BEGIN:VCALENDAR, not "${shorten(lines[first])}".` }] };
  }

  const blocks = structure(lines, problems);
  if (!blocks) return { entries: [], problems };
  const timezones = new Map<string, ICAL.Timezone>();
  for (const block of blocks.filter(b => b.name === 'VTIMEZONE')) {
    const component = parseBlock(lines, block, problems);
    const tzid = component?.getFirstPropertyValue('tzid');
    if (component && typeof tzid === 'string') {
      try {
        timezones.set(tzid, new ICAL.Timezone(component));
      } catch {
        problems.push({ line: block.begin + 1, message: `The time zone ${tzid} could not be read; its times are taken from the zone's name instead.` });
      }
    }
  }
  const entries: CalendarEntry[] = [];
  for (const block of blocks.filter(b => b.name === 'VEVENT')) {
    const component = parseBlock(lines, block, problems);
    if (component) entries.push(readEvent(component, block, lines, timezones, problems));
  }
  const name = calendarName(lines, blocks);
  problems.sort((a, b) => a.line - b.line);
  return name ? { entries, problems, name } : { entries, problems };
}

/**
 * One pass over the lines: BEGIN/END pairs, nesting bounded, each VEVENT and VTIMEZONE as a block of lines.
 * Undefined when the structure is too broken to go on (then `problems` says why and where).
 */
function structure(lines: string[], problems: CalendarProblem[]): Block[] | undefined {
  const open: { name: string; begin: number }[] = [];
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(BEGIN|END):([A-Za-z0-9-]+)\s*$/i.exec(lines[i]);
    if (!m) continue;
    const name = m[2].toUpperCase();
    if (m[1].toUpperCase() === 'BEGIN') {
      if (open.length >= MAX_CALENDAR_DEPTH) {
        problems.push({ line: i + 1, message: `BEGIN:${name} is nested ${open.length + 1} levels deep; an iCalendar export of talks has at most ${MAX_CALENDAR_DEPTH}.` });
        return undefined;
      }
      open.push({ name, begin: i });
      continue;
    }
    const top = open.pop();
    if (!top) {
      problems.push({ line: i + 1, message: `END:${name} closes nothing.` });
      return undefined;
    }
    if (top.name !== name) {
      problems.push({ line: i + 1, message: `END:${name} where END:${top.name} was expected (BEGIN:${top.name} is on line ${top.begin + 1}).` });
      return undefined;
    }
    if ((name === 'VEVENT' || name === 'VTIMEZONE') && open.length === 1 && open[0].name === 'VCALENDAR') blocks.push({ name, begin: top.begin, end: i });
    if (open.length === 0) break; // past END:VCALENDAR: the rest is not part of the calendar
  }
  if (open.length > 0) {
    const top = open[open.length - 1];
    problems.push({ line: top.begin + 1, message: `BEGIN:${top.name} is never closed (the file ends without END:${top.name}); the file may be cut short.` });
    // The complete events before the cut are still worth reading.
  }
  return blocks;
}

/** A block parsed by ical.js inside a calendar of its own; a parse error becomes a problem at the line it names. */
function parseBlock(lines: string[], block: Block, problems: CalendarProblem[]): ICAL.Component | undefined {
  const crowded = crowdedLine(lines, block);
  if (crowded !== undefined) {
    problems.push({ line: crowded + 1, message: `This ${block.name} (line ${block.begin + 1}) cannot be read: a property with more than ${MAX_PARAMETERS} parameters; it is skipped.` });
    return undefined;
  }
  const body = lines.slice(block.begin, block.end + 1).join('\r\n');
  try {
    const calendar = new ICAL.Component(ICAL.parse(`BEGIN:VCALENDAR\r\n${body}\r\nEND:VCALENDAR`) as unknown[]);
    return calendar.getFirstSubcomponent(block.name.toLowerCase()) ?? undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    problems.push({ line: lineOfError(lines, block, message), message: `This ${block.name} (line ${block.begin + 1}) cannot be read: ${message}; it is skipped.` });
    return undefined;
  }
}

/** The first line (0-based) of a property with more than MAX_PARAMETERS parameters, folded lines followed; one pass. */
function crowdedLine(lines: string[], block: Block): number | undefined {
  let start = block.begin;
  let count = 0;
  let quoted = false;
  let inValue = false;
  for (let i = block.begin; i <= block.end; i++) {
    const line = lines[i];
    let from = 0;
    if (/^[ \t]/.test(line)) from = 1;
    else { start = i; count = 0; quoted = false; inValue = false; }
    for (let j = from; j < line.length && !inValue; j++) {
      const ch = line[j];
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === ':') inValue = true;
      else if (!quoted && ch === ';' && ++count > MAX_PARAMETERS) return start;
    }
  }
  return undefined;
}

/** ical.js quotes the offending line in its messages (`invalid line (no token ";" or ":") "FOO"`): find it. */
function lineOfError(lines: string[], block: Block, message: string): number {
  const quoted = /"([^"]{2,})"\s*$/.exec(message)?.[1];
  if (quoted) {
    for (let i = block.begin; i <= block.end; i++) if (lines[i].includes(quoted)) return i + 1;
  }
  return block.begin + 1;
}

function readEvent(event: ICAL.Component, block: Block, lines: string[], timezones: Map<string, ICAL.Timezone>, problems: CalendarProblem[]): CalendarEntry {
  const text = (name: string): string | undefined => {
    const value: unknown = event.getFirstPropertyValue(name);
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  };
  const entry: CalendarEntry = { line: block.begin + 1, categories: [], attendees: [] };
  const uid = text('uid');
  if (uid) entry.uid = uid;
  const summary = text('summary');
  if (summary) entry.summary = summary.replace(/\s+/g, ' ');
  const url = text('url');
  if (url) entry.url = url;
  const location = text('location');
  if (location) entry.location = location;
  for (const property of event.getAllProperties('categories')) {
    for (const value of property.getValues() as unknown[]) if (typeof value === 'string' && value.trim()) entry.categories.push(value.trim());
  }
  for (const property of event.getAllProperties('attendee')) {
    const attendee: CalendarAttendee = {};
    const name = property.getParameter('cn');
    if (typeof name === 'string' && name.trim()) attendee.name = name.trim();
    const address: unknown = property.getFirstValue();
    if (typeof address === 'string' && /^https?:\/\//i.test(address.trim())) attendee.url = address.trim();
    if (attendee.name || attendee.url) entry.attendees.push(attendee);
  }
  for (const key of ['dtstart', 'dtend'] as const) {
    const time = readTime(event, key, block, lines, timezones, problems);
    if (time) entry[key === 'dtstart' ? 'start' : 'end'] = time;
  }
  return entry;
}

function readTime(event: ICAL.Component, name: 'dtstart' | 'dtend', block: Block, lines: string[], timezones: Map<string, ICAL.Timezone>, problems: CalendarProblem[]): CalendarTime | undefined {
  const property = event.getFirstProperty(name);
  if (!property) return undefined;
  const at = () => {
    for (let i = block.begin; i <= block.end; i++) if (lines[i].toUpperCase().startsWith(name.toUpperCase())) return i + 1;
    return block.begin + 1;
  };
  let value: unknown;
  try {
    value = property.getFirstValue();
  } catch (error) {
    problems.push({ line: at(), message: `${name.toUpperCase()} is not a date or date-time (${error instanceof Error ? error.message : String(error)}).` });
    return undefined;
  }
  if (!(value instanceof ICAL.Time)) {
    problems.push({ line: at(), message: `${name.toUpperCase()} is not a date or date-time.` });
    return undefined;
  }
  const day = `${pad(value.year, 4)}-${pad(value.month)}-${pad(value.day)}`;
  if (value.isDate) return { day, time: '', kind: 'date' };
  const time = `${pad(value.hour)}:${pad(value.minute)}`;
  const wall = Date.UTC(value.year, value.month - 1, value.day, value.hour, value.minute, value.second);
  if (value.zone?.tzid === 'UTC') return { instant: wall, day, time, kind: 'utc' };
  const tzid = property.getParameter('tzid');
  if (typeof tzid !== 'string' || !tzid) return { day, time, kind: 'floating' };
  const own = timezones.get(tzid);
  if (own) {
    try {
      const zoned = new ICAL.Time({ year: value.year, month: value.month, day: value.day, hour: value.hour, minute: value.minute, second: value.second }, own);
      return { instant: zoned.toUnixTime() * 1000, day, time, kind: 'zoned' };
    } catch {
      // fall through to the zone's name
    }
  }
  const offset = offsetAt(day, time, tzid);
  if (offset !== undefined) return { instant: wall - offset * 60_000, day, time, kind: 'zoned' };
  problems.push({ line: at(), message: `Unknown time zone "${tzid}" (no VTIMEZONE in the file and no such IANA zone): the time is taken as local time at the event.` });
  return { day, time, kind: 'floating' };
}

function calendarName(lines: string[], blocks: Block[]): string | undefined {
  const firstBlock = blocks.length ? blocks[0].begin : lines.length;
  for (let i = 0; i < Math.min(firstBlock, lines.length); i++) {
    const m = /^X-WR-CALNAME(?:;[^:]*)?:(.*)$/i.exec(lines[i]);
    if (m) {
      let value = m[1];
      for (let j = i + 1; j < lines.length && /^[ \t]/.test(lines[j]); j++) value += lines[j].slice(1);
      return value.replace(/\\([,;\\])/g, '$1').replace(/\\n/gi, ' ').trim() || undefined;
    }
  }
  return undefined;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
