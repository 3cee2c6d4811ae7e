// Reading iCalendar exports of "my talks": the FOSDEM companion app's bookmarks (written from its format:
// CRLF, lines folded at 75 octets, escaped text, one ATTENDEE per speaker), and the RFC 5545 corners a real
// export meets — folded lines, escaped commas, CRLF or LF, a UTF-8 BOM, UTC, TZID and floating times —
// and broken files, each reported at its line.
import * as assert from 'node:assert/strict';
import { MAX_CALENDAR_DEPTH, readCalendar } from '../../src/core/schedule/ical';
import { assertLinearGrowth } from './growth';
import { fixture } from './helpers';

const calendar = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');
const event = (...lines: string[]) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'];

describe('readCalendar (iCalendar)', () => {
  it('reads the companion app bookmarks export: folded lines, speakers, track, room, UTC times', () => {
    const file = readCalendar(fixture('ical', 'fosdem-2025-bookmarks.ics'));
    assert.deepEqual(file.problems, []);
    assert.equal(file.name, 'FOSDEM 2025 bookmarks');
    assert.equal(file.entries.length, 6);
    const [monitoring, , antitrust, nix] = file.entries;
    assert.equal(monitoring.uid, '5388@2025@be.digitalia.fosdem');
    assert.equal(monitoring.summary, 'How to monitor the monitoring');
    // The URL is folded over two lines in the file.
    assert.equal(monitoring.url, 'https://fosdem.org/2025/schedule/event/fosdem-2025-5388-how-to-monitor-the-monitoring/');
    assert.deepEqual(monitoring.categories, ['Monitoring and Observability']);
    assert.equal(monitoring.location, 'UD2.120 (Chavanne)');
    assert.deepEqual(monitoring.start, { instant: Date.parse('2025-02-02T14:50:00Z'), day: '2025-02-02', time: '14:50', kind: 'utc' });
    assert.equal(monitoring.line, 5);
    assert.deepEqual(antitrust.attendees, [
      { name: 'Karen Sandler', url: 'https://fosdem.org/2025/schedule/speaker/karen_sandler/' },
      { name: 'Alanna Rutherford', url: 'https://fosdem.org/2025/schedule/speaker/alanna_rutherford/' },
    ]);
    assert.equal(antitrust.summary, "Let's talk about anti-trust!");
    assert.equal(nix.summary, 'Go in the Nix ecosystem: vulnerability scanning and experiments towards a next-gen builder');
    // A non-ASCII name folded in the middle of the line.
    assert.equal(file.entries[4].attendees[0].name, 'Aurélien Bombo');
  });

  it('unescapes \\, \\; \\n and \\\\ and keeps quoted parameters with commas and colons whole', () => {
    const file = readCalendar(calendar(...event(
      'UID:1',
      'SUMMARY:Rust\\, Go\\; and C: a tale\\nof three \\\\ languages',
      'CATEGORIES:Rust,Go',
      'ATTENDEE;CN="Doe, Jane: PhD":https://example.org/jane',
      'ATTENDEE;CN=Bob:mailto:bob@example.org',
      'LOCATION:Room A\\, first floor',
    )));
    assert.deepEqual(file.problems, []);
    const [entry] = file.entries;
    // A line break inside a title becomes a space.
    assert.equal(entry.summary, 'Rust, Go; and C: a tale of three \\ languages');
    assert.deepEqual(entry.categories, ['Rust', 'Go']);
    assert.deepEqual(entry.attendees, [{ name: 'Doe, Jane: PhD', url: 'https://example.org/jane' }, { name: 'Bob' }]);
    assert.equal(entry.location, 'Room A, first floor');
  });

  it('reads the same file with LF, with CRLF, and with a UTF-8 BOM', () => {
    const crlf = fixture('ical', 'fosdem-2025-bookmarks.ics');
    const expected = readCalendar(crlf).entries;
    assert.deepEqual(readCalendar(crlf.replace(/\r\n/g, '\n')).entries, expected);
    const bom = readCalendar(`\uFEFF${crlf}`);
    assert.deepEqual(bom.problems, []);
    assert.deepEqual(bom.entries, expected);
  });

  it('unfolds a continuation line that starts with a tab, and a fold inside a multi-byte character sequence', () => {
    const file = readCalendar(calendar(...event('UID:2', 'SUMMARY:Königsberger ', '\tKlopse und Ré', ' sumé')));
    assert.equal(file.entries[0].summary, 'Königsberger Klopse und Résumé');
  });

  it('turns TZID times into instants through the IANA zone, the file\'s own VTIMEZONE, or keeps them local', () => {
    const file = readCalendar(calendar(
      'BEGIN:VTIMEZONE', 'TZID:Romance Standard Time',
      'BEGIN:STANDARD', 'DTSTART:16011028T030000', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'END:STANDARD',
      'BEGIN:DAYLIGHT', 'DTSTART:16010325T020000', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'END:DAYLIGHT',
      'END:VTIMEZONE',
      ...event('UID:iana', 'SUMMARY:A', 'DTSTART;TZID=Europe/Brussels:20250202T155000'),
      ...event('UID:own', 'SUMMARY:B', 'DTSTART;TZID=Romance Standard Time:20250202T155000'),
      ...event('UID:summer', 'SUMMARY:C', 'DTSTART;TZID=Europe/Brussels:20250702T155000'),
      ...event('UID:floating', 'SUMMARY:D', 'DTSTART:20250202T155000'),
      ...event('UID:day', 'SUMMARY:E', 'DTSTART;VALUE=DATE:20250202'),
      ...event('UID:unknown-zone', 'SUMMARY:F', 'DTSTART;TZID=Mars/Olympus_Mons:20250202T155000'),
    ));
    const byUid = new Map(file.entries.map(e => [e.uid, e.start]));
    assert.deepEqual(byUid.get('iana'), { instant: Date.parse('2025-02-02T14:50:00Z'), day: '2025-02-02', time: '15:50', kind: 'zoned' });
    assert.equal(byUid.get('own')?.instant, Date.parse('2025-02-02T14:50:00Z'));
    assert.equal(byUid.get('summer')?.instant, Date.parse('2025-07-02T13:50:00Z'));
    assert.deepEqual(byUid.get('floating'), { day: '2025-02-02', time: '15:50', kind: 'floating' });
    assert.deepEqual(byUid.get('day'), { day: '2025-02-02', time: '', kind: 'date' });
    assert.deepEqual(byUid.get('unknown-zone'), { day: '2025-02-02', time: '15:50', kind: 'floating' });
    assert.equal(file.problems.length, 1);
    assert.match(file.problems[0].message, /Unknown time zone "Mars\/Olympus_Mons"/);
    assert.equal(file.problems[0].line, 47);
  });

  describe('bad input: a located message, never an exception', () => {
    it('a file that is not iCalendar', () => {
      assert.deepEqual(readCalendar('<!doctype html><title>Bookmarks</title>').problems, [{ line: 1, message: 'Not an iCalendar file: it should start with BEGIN:VCALENDAR, not "<!doctype html><title>Bookmarks</title>".' }]);
      assert.deepEqual(readCalendar('\n\n').problems, [{ line: 1, message: 'The file is empty.' }]);
    });

    it('a broken event is skipped at its line; the others are read', () => {
      const file = readCalendar(calendar(
        ...event('UID:good-1', 'SUMMARY:One'),
        ...event('UID:bad', 'SUMMARY:Two', 'THIS LINE HAS NO COLON'),
        ...event('UID:bad-date', 'SUMMARY:Three', 'DTSTART:2025-02-31xx'),
        ...event('UID:good-2', 'SUMMARY:Four'),
      ));
      assert.deepEqual(file.entries.map(e => e.uid), ['good-1', 'bad-date', 'good-2']);
      assert.equal(file.problems.length, 2);
      assert.equal(file.problems[0].line, 11);
      assert.match(file.problems[0].message, /VEVENT \(line 8\) cannot be read: .*THIS LINE HAS NO COLON.*skipped/);
      assert.equal(file.problems[1].line, 16);
      assert.match(file.problems[1].message, /^DTSTART is not a date or date-time/);
    });

    it('a file cut short keeps the complete events before the cut', () => {
      const text = calendar(...event('UID:a', 'SUMMARY:A'), ...event('UID:b', 'SUMMARY:B')).split('\r\n').slice(0, 9).join('\r\n');
      const file = readCalendar(text);
      assert.deepEqual(file.entries.map(e => e.uid), ['a']);
      assert.deepEqual(file.problems, [{ line: 8, message: 'BEGIN:VEVENT is never closed (the file ends without END:VEVENT); the file may be cut short.' }]);
    });

    it('mismatched END, and nesting past the limit', () => {
      assert.deepEqual(readCalendar(calendar('BEGIN:VEVENT', 'SUMMARY:x', 'END:VTODO')).problems, [{ line: 6, message: 'END:VTODO where END:VEVENT was expected (BEGIN:VEVENT is on line 4).' }]);
      const deep = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n${'BEGIN:X\r\n'.repeat(100_000)}${'END:X\r\n'.repeat(100_000)}END:VCALENDAR\r\n`;
      const problems = readCalendar(deep).problems;
      assert.equal(problems.length, 1);
      assert.equal(problems[0].line, 3 + MAX_CALENDAR_DEPTH);
      assert.match(problems[0].message, /nested 9 levels deep/);
    });

    it('stays linear on many events, long folded lines and many parameters', () => {
      const many = (n: number) => calendar(...Array.from({ length: n }, (_, i) => event(`UID:${i}`, `SUMMARY:Talk ${i}\\, part ${i}`, 'DTSTART;TZID=Europe/Brussels:20250202T155000')).flat());
      assertLinearGrowth('events', 500, many, text => readCalendar(text));
      const longLine = (n: number) => calendar(...event('UID:x', `SUMMARY:${'a\\,'.repeat(n)}`.match(/.{1,74}/g)?.join('\r\n ') ?? ''));
      assertLinearGrowth('a long folded line', 50_000, longLine, text => readCalendar(text));
      const categories = (n: number) => calendar(...event('UID:x', `CATEGORIES:${'a\\,b,'.repeat(n)}c`));
      assertLinearGrowth('many values', 20_000, categories, text => readCalendar(text));
      // ical.js is quadratic in a property's parameters (320,000 took 11 s): past 100 the entry is refused first.
      const params = (n: number) => calendar(...event('UID:x', `ATTENDEE${';X-P=a'.repeat(n)}:https://example.org/`), ...event('UID:y'));
      const crowded = readCalendar(params(20_000));
      assert.deepEqual(crowded.entries.map(e => e.uid), ['y']);
      assert.deepEqual(crowded.problems, [{ line: 6, message: 'This VEVENT (line 4) cannot be read: a property with more than 100 parameters; it is skipped.' }]);
      assertLinearGrowth('parameters', 50_000, params, text => readCalendar(text));
    });
  });
});
