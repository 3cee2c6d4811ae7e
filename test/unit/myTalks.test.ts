// Matching "my talks" against real schedules: the companion app export by URL and UID, a talk retitled since
// the export found by its id, links in the old (2024–2025 `fosdem-2025-5388-…`) and new (2026 `8AS3XD-…`)
// slug forms and on archive.fosdem.org, titles with start times, and entries that match nothing, reported.
import * as assert from 'node:assert/strict';
import { readCalendar } from '../../src/core/schedule/ical';
import { entriesFromCalendar, entriesFromLinks, eventOf, matchTalks, type TalkEntry } from '../../src/core/schedule/myTalks';
import { fixture } from './helpers';
import { schedule } from './scheduleFixtures';

const fosdem2025 = () => schedule('fosdem-2025-schedule.xml');
const fosdem2026 = () => schedule('fosdem-2026-schedule-2026-01-30.xml');

describe('matching my talks to the schedule', () => {
  it('matches the companion app export, reports the unknown UID and the retitled talk', () => {
    const entries = entriesFromCalendar(readCalendar(fixture('ical', 'fosdem-2025-bookmarks.ics')), 'bookmarks.ics');
    assert.deepEqual(eventOf(entries), { fosdem: true, years: [2025] });
    const result = matchTalks(entries, fosdem2025());
    // In time order: Saturday 12:45, 13:00, 13:15, 16:00, then Sunday 15:50.
    assert.deepEqual(result.talks.map(t => t.id), ['5299', '6507', '5654', '6637', '5388']);
    assert.ok(result.matched.every(m => m.by === 'url'));
    const retitled = result.matched.find(m => m.talk.id === '5299');
    assert.equal(retitled?.note, 'now titled "Trust No One: Secure Storage with Confidential Containers"');
    assert.deepEqual(result.unmatched.map(u => [u.entry.source, u.reason]), [['bookmarks.ics:73', 'no talk "fosdem-2025-99999-a-talk-that-was-never-scheduled" in FOSDEM 2025']]);
  });

  it('finds a retitled talk by its UID alone, and says it was retitled', () => {
    const result = matchTalks([{ source: 'x:1', uid: '5299@2025@be.digitalia.fosdem', title: 'Trust no one, secure storage with Kata' }], fosdem2025());
    assert.equal(result.talks[0]?.id, '5299');
    assert.equal(result.matched[0].by, 'uid');
    assert.match(result.matched[0].note ?? '', /now titled "Trust No One/);
  });

  it('reports an unknown UID, and a UID of another year', () => {
    const result = matchTalks([
      { source: 'x:1', uid: '123456@2025@be.digitalia.fosdem' },
      { source: 'x:2', uid: '5388@2024@be.digitalia.fosdem', title: 'Something else entirely' },
    ], fosdem2025());
    assert.deepEqual(result.talks, []);
    assert.deepEqual(result.unmatched.map(u => u.reason), ['no event 123456 in FOSDEM 2025', 'its UID names FOSDEM 2024, not FOSDEM 2025']);
  });

  it('matches links in every form a 2025 talk is linked: http, www, archive host, no slash, the id with an old slug, its recording', () => {
    const links = [
      '# my FOSDEM 2025',
      'https://fosdem.org/2025/schedule/event/fosdem-2025-5388-how-to-monitor-the-monitoring/',
      'http://www.fosdem.org/2025/schedule/event/fosdem-2025-6507-rust-for-linux',
      '- [anti-trust](https://archive.fosdem.org/2025/schedule/event/fosdem-2025-6637-let-s-talk-about-anti-trust-/).',
      'https://fosdem.org/2025/schedule/event/fosdem-2025-5299-secure-storage/',
      'https://video.fosdem.org/2025/k3601/fosdem-2025-5654-go-in-the-nix-ecosystem-vulnerability-scanning-and-experiments-towards-a-next-gen-builder.mp4',
      '',
      'https://fosdem.org/2025/schedule/speaker/roman_khavronenko/',
      'https://fosdem.org/2024/schedule/event/fosdem-2024-1234-x/',
      'https://example.org/not-a-talk',
    ].join('\n');
    const entries = entriesFromLinks(links, 'links.txt');
    assert.deepEqual(eventOf(entries).years, [2025, 2024]);
    const result = matchTalks(entries, fosdem2025());
    assert.deepEqual(result.talks.map(t => t.id).sort(), ['5299', '5388', '5654', '6507', '6637']);
    assert.deepEqual(result.unmatched.map(u => [u.entry.source, u.reason]), [
      ['links.txt:8', 'https://fosdem.org/2025/schedule/speaker/roman_khavronenko/ is a speaker page, not a talk'],
      ['links.txt:9', 'https://fosdem.org/2024/schedule/event/fosdem-2024-1234-x/ is a FOSDEM 2024 page, not FOSDEM 2025'],
      ['links.txt:10', 'https://example.org/not-a-talk is no talk page of FOSDEM 2025'],
    ]);
  });

  it('matches 2026 links by their pretalx code, whatever the slug after it and its - or _', () => {
    const talk = fosdem2026().events.find(t => t.code === '8ETZS3');
    assert.equal(talk?.slug, '8ETZS3-reproducible_builds_meetup');
    const result = matchTalks(entriesFromLinks([
      'https://fosdem.org/2026/schedule/event/8ETZS3-reproducible_builds_meetup/',
      'https://fosdem.org/2026/schedule/event/8ETZS3-reproducible-builds-meetup/',
      'https://fosdem.org/2026/schedule/event/8ETZS3-old-title/',
      'https://pretalx.fosdem.org/fosdem-2026/talk/8ETZS3/',
    ].join('\r\n'), 'links'), fosdem2026());
    assert.deepEqual(result.matched.map(m => m.talk), [talk, talk, talk, talk]);
    assert.deepEqual(result.talks, [talk]);
  });

  it('matches by title and start time; a title shared by several talks needs the time', () => {
    const s = fosdem2025();
    const repeated = [...new Map(s.events.map(t => [t.title, s.events.filter(o => o.title === t.title)])).values()].find(list => list.length > 1);
    assert.ok(repeated, 'the 2025 schedule has a repeated title');
    const [first, second] = repeated;
    const at = (iso: string): TalkEntry['start'] => ({ instant: Date.parse(iso), day: iso.slice(0, 10), time: iso.slice(11, 16), kind: 'utc' });
    const entries: TalkEntry[] = [
      { source: 'a:1', title: second.title, start: at(new Date(Date.parse(second.date ?? '')).toISOString()) },
      { source: 'a:2', title: first.title },
      { source: 'a:3', title: 'how to MONITOR the monitoring', start: { day: '2025-02-02', time: '15:50', kind: 'floating' } },
      { source: 'a:4', title: 'How to monitor the monitoring', start: at('2025-02-01T09:00:00Z') },
      { source: 'a:5', title: 'A talk nobody gave' },
    ];
    const result = matchTalks(entries, s);
    assert.equal(result.matched[0].talk, second);
    assert.equal(result.matched[0].by, 'title and time');
    assert.equal(result.matched[1].entry.source, 'a:3');
    assert.equal(result.matched[1].talk.id, '5388');
    assert.equal(result.matched[2].note, 'now on 2025-02-02 at 15:50');
    assert.deepEqual(result.unmatched.map(u => u.entry.source), ['a:2', 'a:5']);
    assert.match(result.unmatched[0].reason, /talks of FOSDEM 2025 are titled/);
    assert.equal(result.unmatched[1].reason, 'no talk of FOSDEM 2025 is titled "A talk nobody gave"');
  });

  it('finds a talk retitled since a calendar without URL or UID by its time and room', () => {
    const result = matchTalks([{ source: 'c:9', title: 'Monitoring of monitoring (working title)', start: { instant: Date.parse('2025-02-02T14:50:00Z'), day: '2025-02-02', time: '14:50', kind: 'utc' }, location: 'UD2.120 (Chavanne)' }], fosdem2025());
    assert.equal(result.talks[0]?.id, '5388');
    assert.equal(result.matched[0].by, 'time and room');
  });

  it('reads titles from lines without a URL, list markers stripped', () => {
    assert.deepEqual(entriesFromLinks('\uFEFF- Rust for Linux\n\n1. Let\'s talk about anti-trust!\n// note', 'paste'), [
      { source: 'paste:1', title: 'Rust for Linux' },
      { source: 'paste:3', title: "Let's talk about anti-trust!" },
    ]);
  });
});
