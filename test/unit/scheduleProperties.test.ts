// Property tests (fast-check) over the schedule parser: whatever the bytes, it returns a schedule whose events are
// typed as the model says, or throws a ScheduleError with a message for the user; never anything else, never a hang.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseScheduleBytes } from '../../src/core/schedule/bytes';
import type { Schedule } from '../../src/core/schedule/model';
import { parseSchedule, ScheduleError } from '../../src/core/schedule/parse';
import { assertLinearGrowth } from './growth';
import { fixture } from './helpers';

const EXCERPT = fixture('schedules', 'fosdem-2023-excerpt.xml').slice(0, 6_000);
const JSON_EXCERPT = fixture('schedules', 'ccc-camp2019-schedule-frab.json').slice(0, 6_000);

/** Pieces of schedules, markup and trouble, to be strung together in any order. */
const PIECES = [
  '<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="ISO-8859-1"?>', '<schedule>', '</schedule>', '<conference>', '</conference>',
  '<title>', '</title>', '<start>', '</start>', '2025-02-01', '10:00', '00:30', '<time_zone_name>', '</time_zone_name>', 'Europe/Brussels', 'Not/AZone',
  '<day index="1" date="2025-02-01" start="2025-02-01T09:00:00+01:00">', '</day>', '<room name="H.1301">', '</room>', '<event id="1" guid="g">', '</event>',
  '<date>', '</date>', '2025-02-01T10:00:00+01:00', '<duration>', '</duration>', '<slug>', '</slug>', 'fosdem-2025-1-a', '<persons>', '</persons>',
  '<person id="7">', '</person>', '<links>', '</links>', '<link href="https://fosdem.org/2025/x">', '<link href="http://">', '</link>',
  '<attachments>', '<attachment type="slides" href="/a.pdf">', '</attachment>', '<url>', '</url>', 'https://fosdem.org/2024/schedule/event/a/',
  '<tracks>', '<track slug="t">', '</track>', '<a>', '</a>', '<html>', '<!DOCTYPE html>', '<!DOCTYPE s [<!ENTITY a "b">]>', '&a;', '&amp;', '&#x41;', '&#0;',
  '<![CDATA[', ']]>', '<!--', '-->', '<', '>', '"', "'", '=', '/', '\n', ' ', 'Café', '\uFFFD', '\u0000', '\uD800', '{', '}', '[', ']', ':', ',',
  '"schedule"', '"conference"', '"days"', '"rooms"', '"persons"', '"index"', '"date"', '"title"', '0', '-1', '1e999', 'null', 'true',
];

const piecesText = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 })), { maxLength: 60 }).map(parts => parts.join(''));

/** A real excerpt with one cut, one insertion and one deletion somewhere. */
const mutated = (base: string) => fc.tuple(fc.nat({ max: base.length }), fc.nat({ max: base.length }), fc.constantFrom(...PIECES), fc.nat({ max: 200 }))
  .map(([cut, at, piece, drop]) => {
    const text = base.slice(0, Math.max(cut, at + 1));
    return text.slice(0, at) + piece + text.slice(at + drop);
  });

/** Nesting and long runs: the shapes that make naive parsers recurse or backtrack. */
const deep = fc.tuple(fc.constantFrom('<a>', '<event id="1">', '<day>', '[', '{"a":', '<!--', '<![CDATA[', '&', '<x y="'), fc.integer({ min: 1, max: 5_000 }), fc.boolean())
  .map(([open, depth, wrap]) => (wrap ? `<schedule><day date="2025-02-01"><event id="1"><title>${open.repeat(depth)}` : open.repeat(depth)));

function checkTyped(schedule: Schedule): void {
  assert.ok(schedule.events.length > 0, 'a schedule without events is an error, not a result');
  assert.equal(typeof schedule.conference.title, 'string');
  for (const list of [schedule.rooms, schedule.tracks, schedule.warnings]) assert.ok(list.every(item => typeof item === 'string'));
  for (const day of schedule.days) assert.ok(typeof day.date === 'string' && Number.isFinite(day.index));
  for (const talk of schedule.events) {
    for (const key of ['id', 'slug', 'title', 'subtitle', 'track', 'type', 'language', 'day', 'start', 'duration', 'room', 'abstract', 'description'] as const) {
      assert.equal(typeof talk[key], 'string', key);
    }
    for (const key of ['guid', 'code', 'url', 'trackSlug', 'date'] as const) assert.ok(talk[key] === undefined || typeof talk[key] === 'string', key);
    assert.ok(Number.isFinite(talk.durationMinutes) && talk.durationMinutes >= 0);
    for (const person of talk.persons) {
      assert.ok(typeof person.name === 'string' && person.name.length > 0 && typeof person.slug === 'string');
      assert.ok(schedule.persons.includes(person), 'every speaker is in the schedule-wide list');
    }
    for (const link of [...talk.slides, ...talk.videos, ...talk.links]) {
      assert.ok(/^https?:\/\//i.test(link.href), link.href);
      assert.ok(['video', 'slides', 'chat', 'feedback', 'other'].includes(link.kind));
    }
  }
}

/** The property: a typed schedule or a ScheduleError with a one-paragraph message; nothing else escapes. */
function parsesOrExplains(parse: () => Schedule): void {
  let schedule: Schedule;
  try {
    schedule = parse();
  } catch (error) {
    assert.ok(error instanceof ScheduleError, `not a ScheduleError: ${error instanceof Error ? error.stack : String(error)}`);
    assert.ok(error.message.length > 10 && !error.message.includes('\n    at '), error.message);
    if (error.line !== undefined) assert.ok(Number.isInteger(error.line) && error.line >= 1 && Number.isInteger(error.column) && (error.column ?? 0) >= 1);
    return;
  }
  checkTyped(schedule);
}

describe('schedule parser: properties', () => {
  it('any text: a typed schedule or a ScheduleError', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), text => parsesOrExplains(() => parseSchedule(text))), { numRuns: 200 });
  });

  it('any bytes, with any Content-Type charset', () => {
    const charset = fc.option(fc.constantFrom('utf-8', 'iso-8859-1', 'utf-16', 'utf-16be', 'shift_jis', 'nonsense', ''), { nil: undefined });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), charset, (bytes, cs) => parsesOrExplains(() => parseScheduleBytes(bytes, { contentType: cs === undefined ? undefined : `text/xml; charset=${cs}` }))), { numRuns: 300 });
  });

  it('schedule-shaped text built from markup pieces', () => {
    fc.assert(fc.property(piecesText, text => parsesOrExplains(() => parseSchedule(text))), { numRuns: 300 });
  });

  it('a real FOSDEM excerpt and a real frab JSON, cut and spliced anywhere', () => {
    fc.assert(fc.property(mutated(EXCERPT), text => parsesOrExplains(() => parseSchedule(text))), { numRuns: 150 });
    fc.assert(fc.property(mutated(JSON_EXCERPT), text => parsesOrExplains(() => parseSchedule(text))), { numRuns: 150 });
  });

  it('deep nesting and long runs end quickly, with a message', () => {
    fc.assert(fc.property(deep, text => parsesOrExplains(() => parseSchedule(text))), { numRuns: 100 });
  });

  it('time grows linearly with a huge attribute', () => {
    const wrap = (inner: string) => `<schedule><day index="1" date="2025-02-01"><room name="R">${inner}</room></day></schedule>`;
    assertLinearGrowth('a huge attribute', 500_000, n => wrap(`<event id="1"><links><link href="https://example.org/${'a'.repeat(n)}">L</link></links><title>T</title></event>`), parseSchedule);
  });
});
