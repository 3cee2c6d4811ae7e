import * as assert from 'node:assert/strict';
import { deserializeSchedule, serializeSchedule } from '../../src/core/schedule/cache';
import { DEFAULT_TEMPLATES, formatSpeaker, formatTalk, formatTrack, htmlToText } from '../../src/core/schedule/format';
import { eventUrl, findPersonByUrl, findTalkByUrl, fosdemLinkPattern, parseFosdemUrl, parseScheduleUrl, scheduleLinkKind, trimLinkEnd } from '../../src/core/schedule/links';
import { speakerSlug } from '../../src/core/schedule/slug';
import { parseSchedule, ScheduleError } from '../../src/core/schedule/parse';
import { fallbackUrls } from '../../src/core/schedule/store';
import { fixture } from './helpers';
import { schedule } from './scheduleFixtures';


function rejects(text: string, pattern: RegExp): ScheduleError {
  try {
    parseSchedule(text);
  } catch (error) {
    assert.ok(error instanceof ScheduleError, `expected ScheduleError, got ${String(error)}`);
    assert.match(error.message, pattern);
    return error;
  }
  assert.fail('expected a ScheduleError');
}

describe('schedule: parse', () => {
  it('FOSDEM 2025 (final): event 5388 with url, speaker page, slides, videos and pretalx code', () => {
    const s = schedule('fosdem-2025-schedule.xml');
    assert.equal(s.conference.year, 2025);
    assert.equal(s.conference.timeZone, 'Europe/Brussels');
    assert.equal(s.events.length, 1105);
    assert.deepEqual(s.days, [{ index: 1, date: '2025-02-01' }, { index: 2, date: '2025-02-02' }]);
    const talk = s.events.find(t => t.id === '5388')!;
    assert.equal(talk.title, 'How to monitor the monitoring');
    assert.equal(talk.url, 'https://fosdem.org/2025/schedule/event/fosdem-2025-5388-how-to-monitor-the-monitoring/');
    assert.equal(talk.guid, '0d2a92fd-4da8-53d7-9105-c715c742cf88');
    assert.equal(talk.code, '8LAHJ7');
    assert.equal(talk.date, '2025-02-02T15:50:00+01:00');
    assert.deepEqual([talk.day, talk.start, talk.durationMinutes, talk.room, talk.track, talk.trackSlug], ['2025-02-02', '15:50', 30, 'UD2.120 (Chavanne)', 'Monitoring and Observability', 'monitoring']);
    assert.deepEqual(talk.persons, [{ id: '4344', name: 'Roman Khavronenko', slug: 'roman_khavronenko', url: 'https://fosdem.org/2025/schedule/speaker/roman_khavronenko/' }]);
    assert.deepEqual(talk.slides.map(l => l.href), ['https://fosdem.org/2025/events/attachments/fosdem-2025-5388-how-to-monitor-the-monitoring/slides/238820/Monitorin_pO6DFG2.pdf']);
    assert.deepEqual(talk.videos.map(l => l.href.replace(/.*\//, '')), ['fosdem-2025-5388-how-to-monitor-the-monitoring.av1.webm', 'fosdem-2025-5388-how-to-monitor-the-monitoring.mp4']);
    assert.deepEqual(talk.links.map(l => l.kind), ['other', 'chat', 'chat', 'feedback']); // .vtt subtitles, 2 chat rooms, feedback
    assert.match(talk.abstract, /^<p>Monitoring serves as a shield/);
    assert.equal(s.trackSlugs['Monitoring and Observability'], 'monitoring');
    assert.equal(s.events.filter(t => t.videos.length).length, 955);
    const jose = s.persons.find(p => p.name === 'Jose Gomez-Selles')!;
    assert.equal(jose.slug, 'jose_gomez-selles');
    assert.equal(s.persons.find(p => p.name === 'Richard "RichiH" Hartmann')?.slug, 'richard_richih_hartmann');
  });

  it('FOSDEM 2026: person slugs from <persons>, code slugs', () => {
    const s = schedule('fosdem-2026-schedule-2026-01-30.xml');
    assert.equal(s.events.length, 1070);
    const welcome = s.events.find(t => t.id === '8376')!;
    assert.deepEqual([welcome.slug, welcome.code, welcome.url], ['SFKNTZ-welcome_to_fosdem_2026', 'SFKNTZ', 'https://fosdem.org/2026/schedule/event/SFKNTZ-welcome_to_fosdem_2026/']);
    assert.equal(s.persons.find(p => p.id === '1324')?.slug, 'richard_richih_hartmann');
    // The derivation reproduces every slug the file carries (incl. CJK names: 胡玮文 → Hu_Wei_Wen).
    assert.deepEqual(s.persons.filter(p => speakerSlug(p.name) !== p.slug).map(p => p.name), []);
    assert.equal(s.persons.find(p => p.name === '胡玮文')?.slug, 'Hu_Wei_Wen');
  });

  it('FOSDEM 2024 re-downloaded copy: URLs saying 2025 are rebuilt for 2024, with a warning', () => {
    const s = schedule('fosdem-2024-rederived-2025-12-excerpt.xml');
    assert.equal(s.conference.year, 2024);
    assert.equal(s.conference.baseUrl, 'https://fosdem.org/2024/schedule/');
    assert.equal(s.events[0].url, 'https://fosdem.org/2024/schedule/event/fosdem-2024-3023-welcome-to-fosdem-2024/');
    assert.ok(s.events.every(t => t.url?.startsWith('https://fosdem.org/2024/')));
    assert.match(s.warnings.join('\n'), /say 2025 although the conference is in 2024; they were corrected to 2024/);
    // 2024 speaker pages use pretalx codes that are not in the XML: no URL rather than a wrong one.
    assert.equal(s.events[0].persons[0].url, undefined);
  });

  it('FOSDEM 2023: raw spaces in video URLs are percent-encoded; URLs built from slugs', () => {
    const s = schedule('fosdem-2023-excerpt.xml');
    const talk = s.events.find(t => t.slug === 'graphics_a_frames_journey')!;
    assert.equal(talk.url, 'https://fosdem.org/2023/schedule/event/graphics_a_frames_journey/');
    assert.deepEqual(talk.videos.map(v => v.href), ['https://video.fosdem.org/2023/K.1.105%20(La%20Fontaine)/graphics_a_frames_journey.webm', 'https://video.fosdem.org/2023/K.1.105%20(La%20Fontaine)/graphics_a_frames_journey.mp4']);
    assert.equal(talk.date, `${talk.day}T${talk.start}:00+01:00`);
    assert.ok(formatTalk(talk, s, DEFAULT_TEMPLATES.video).includes('K.1.105%20%28La%20Fontaine%29'));
    assert.equal(s.events.find(t => t.slug === 'keynotes_welcome')?.persons[1].url, 'https://fosdem.org/2023/schedule/speaker/richard_hartmann/');
  });

  it('FOSDEM 2007: events directly under <day>, no slugs', () => {
    const s = schedule('fosdem-2007-excerpt.xml');
    const aiglx = s.events.find(t => t.title === 'AIGLX')!;
    assert.deepEqual([aiglx.id, aiglx.room, aiglx.day, aiglx.start, aiglx.url], ['0', 'Chavanne', '2007-02-25', '15:00', undefined]);
    assert.equal(aiglx.persons[0].name, 'Kristian Høgsberg');
    assert.equal(aiglx.videos[0].href, 'http://video.fosdem.org/2007/FOSDEM2007-AIGLX.ogg');
    assert.match(s.warnings.join('\n'), /have no slug/);
  });

  it('DebConf (wafer): <date> in UTC, <start> local → local day/time with the +05:30 offset', () => {
    const s = schedule('debconf23-schedule-wafer.xml');
    assert.equal(s.conference.timeZone, 'Asia/Kolkata');
    const opening = s.events.find(t => t.id === '35')!;
    assert.deepEqual([opening.title, opening.day, opening.start, opening.date], ['Opening Ceremony', '2023-09-10', '10:30', '2023-09-10T10:30:00+05:30']);
    assert.equal(opening.url, 'https://debconf23.debconf.org/talks/18-opening-ceremony/');
    assert.equal(s.days[0].date, '2023-09-10'); // day@start 2023-09-09T21:30Z is the 10th in Kolkata
    assert.equal(opening.persons[0].url, undefined);
  });

  it('frab schedule.json (CCC camp 2019)', () => {
    const s = schedule('ccc-camp2019-schedule-frab.json');
    assert.equal(s.conference.title, 'Chaos Communication Camp 2019');
    assert.equal(s.events.length, 79);
    const opening = s.events.find(t => t.id === '10386')!;
    assert.deepEqual([opening.title, opening.room, opening.date, opening.persons.map(p => p.name).join(', ')], ['Opening Ceremony', 'Curie', '2019-08-21T11:00:00+02:00', 'jinxx, smtw']);
    assert.equal(opening.url, 'https://fahrplan.events.ccc.de/camp/2019/Fahrplan/events/10386.html');
    const withSlides = s.events.find(t => t.slides.length)!;
    assert.match(withSlides.slides[0].href, /^https:\/\/.+\/system\/event_attachments\//);
  });

  it('bad inputs give a ScheduleError with a location, never a crash', () => {
    assert.equal(rejects('', /empty/).code, 'empty');
    assert.equal(rejects('  \n', /empty/).line, 1);
    assert.equal(rejects('<!DOCTYPE html><html><body>Not found</body></html>', /looks like an HTML page, not a schedule/).code, 'html');
    const full = fixture('schedules', 'fosdem-2023-excerpt.xml');
    const truncated = rejects(full.slice(0, 5000), /truncated or malformed at line \d+, column \d+/);
    assert.equal(truncated.code, 'malformed');
    assert.ok((truncated.line ?? 0) > 50, String(truncated.line));
    const broken = rejects('<schedule>\n  <conference><title>X</titel></conference>\n</schedule>', /line 2, column \d+/);
    assert.equal(broken.line, 2);
    assert.equal(rejects('<rss><channel/></rss>', /not a schedule/).code, 'not-schedule');
    const bomb = '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n<schedule><conference><title>&lol2;</title></conference></schedule>';
    assert.match(rejects(bomb, /entities/).message, /refused/);
    rejects('<?xml version="1.0"?><!DOCTYPE s SYSTEM "file:///etc/passwd"><schedule><x>&ext;</x></schedule>', /malformed/);
    rejects('{"schedule": {"conference": {"days": [', /malformed JSON at line 1/);
    rejects('{"hello": 1}', /not a frab schedule/);
    rejects('BEGIN:VCALENDAR\nEND:VCALENDAR', /iCalendar/);
  });

  it('an unknown time zone is a warning, and the times stay as the file gives them', () => {
    const xml = (zone: string) => `<schedule><conference><title>X 2025</title><time_zone_name>${zone}</time_zone_name></conference><day index="1" date="2025-02-01"><room name="R"><event id="1"><date>2025-02-01T10:00:00+01:00</date><start>10:00</start><title>T</title></event></room></day></schedule>`;
    const s = parseSchedule(xml('Europe/Bruxelles'));
    assert.equal(s.events[0].date, '2025-02-01T10:00:00+01:00');
    assert.equal(s.conference.timeZone, undefined);
    assert.deepEqual(s.warnings, ['The time zone "Europe/Bruxelles" is unknown; times are kept as the file gives them.']);
    assert.deepEqual(parseSchedule(xml('Europe/Brussels')).warnings, []);
  });

  it('cache round trip keeps the model, shares person objects, and refuses another version', () => {
    const s = schedule('fosdem-2025-schedule.xml');
    const back = deserializeSchedule(serializeSchedule(s));
    assert.deepEqual(back, s);
    const talk = back.events.find(t => t.id === '5388')!;
    assert.ok(back.persons.includes(talk.persons[0]));
    const text = serializeSchedule(s).replace('"version":1', '"version":99');
    assert.throws(() => deserializeSchedule(text), (e: unknown) => e instanceof ScheduleError && /version 99/.test(e.message));
    assert.throws(() => deserializeSchedule('not json'), ScheduleError);
  });
});

describe('schedule: links', () => {
  it('parses fosdem.org and archive.fosdem.org event, speaker and track URLs', () => {
    assert.deepEqual(parseScheduleUrl('https://fosdem.org/2025/schedule/event/fosdem-2025-5388-how-to-monitor-the-monitoring/'), { host: 'fosdem.org', year: 2025, kind: 'event', slug: 'fosdem-2025-5388-how-to-monitor-the-monitoring' });
    assert.deepEqual(parseScheduleUrl('https://archive.fosdem.org/2019/schedule/event/some_slug'), { host: 'archive.fosdem.org', year: 2019, kind: 'event', slug: 'some_slug' });
    assert.deepEqual(parseScheduleUrl('https://fosdem.org/schedule/speaker/roman_khavronenko/'), { host: 'fosdem.org', kind: 'speaker', slug: 'roman_khavronenko' });
    assert.deepEqual(parseScheduleUrl('https://www.fosdem.org/2026/schedule/track/ai/'), { host: 'fosdem.org', year: 2026, kind: 'track', slug: 'ai' });
    assert.equal(parseScheduleUrl('https://example.org/2025/schedule/event/x/'), undefined);
    assert.equal(parseScheduleUrl('https://fosdem.org/2025/schedule/'), undefined);
    assert.equal(parseScheduleUrl('not a url'), undefined);
  });

  it('parses any fosdem.org page with its edition year; schedule.xml moves to archive.fosdem.org', () => {
    const page = parseFosdemUrl('http://www.fosdem.org/2025/schedule/xml?x=1');
    assert.deepEqual(page && { host: page.host, year: page.year, path: page.path }, { host: 'fosdem.org', year: 2025, path: '/schedule/xml' });
    const current = parseFosdemUrl('https://fosdem.org/schedule/');
    assert.deepEqual(current && { year: current.year, path: current.path }, { year: undefined, path: '/schedule/' });
    assert.equal(parseFosdemUrl('https://fosdem.org/12345/')?.year, undefined, 'four digits, then a slash');
    assert.equal(parseFosdemUrl('https://video.fosdem.org/2025/x.webm'), undefined);
    assert.equal(parseFosdemUrl('https://fosdem.org.evil.example/2025/'), undefined);
    assert.deepEqual(fallbackUrls('https://fosdem.org/2023/schedule/xml'), ['https://archive.fosdem.org/2023/schedule/xml']);
    assert.deepEqual(fallbackUrls('http://www.FOSDEM.org/2023/schedule/xml?a=b#c'), ['https://archive.fosdem.org/2023/schedule/xml?a=b#c']);
    assert.deepEqual(fallbackUrls('https://archive.fosdem.org/2023/schedule/xml'), []);
    assert.deepEqual(fallbackUrls('https://fosdem.org/schedule/xml'), [], 'no year: no archive');
    assert.deepEqual(fallbackUrls('https://example.org/2023/schedule/xml'), []);
  });

  it('finds fosdem.org links in prose, each search with its own pattern, without the punctuation after them', () => {
    const text = 'See https://fosdem.org/2025/schedule/event/x/. Or (https://archive.fosdem.org/2019/schedule/speaker/y/), **https://fosdem.org/**, https://video.fosdem.org/2025/a.webm';
    const first = fosdemLinkPattern();
    assert.ok(first.exec(text));
    assert.equal(fosdemLinkPattern().lastIndex, 0, 'a new pattern starts at the beginning');
    assert.deepEqual([...text.matchAll(fosdemLinkPattern())].map(m => trimLinkEnd(m[0])), [
      'https://fosdem.org/2025/schedule/event/x/', 'https://archive.fosdem.org/2019/schedule/speaker/y/', 'https://fosdem.org/',
    ]);
  });

  it('tells a schedule link\'s kind by one test, as the URL parser would', () => {
    const urls = ['https://fosdem.org/2025/schedule/event/x/', 'https://archive.fosdem.org/2019/schedule/speakers/y', 'http://www.fosdem.org/schedule/track/z/#top',
      'https://FOSDEM.org/2025/schedule/EVENT/x/', 'https://fosdem.org/2025/schedule/', 'https://fosdem.org/2025/schedule/event/a/b/', 'https://www.archive.fosdem.org/2019/schedule/event/x/',
      'https://archive.www.fosdem.org/2019/schedule/event/x/', ' https://fosdem.org/2025/schedule/event/x/?lang=en ', 'https://fosdem.orgx/2025/schedule/event/x/'];
    for (const url of urls) assert.equal(scheduleLinkKind(url), parseScheduleUrl(url)?.kind, url);
  });

  it('finds talks by exact slug, code, numeric id or -/_ variants; persons by slug', () => {
    const s25 = schedule('fosdem-2025-schedule.xml');
    assert.equal(findTalkByUrl(s25, 'https://fosdem.org/2025/schedule/event/fosdem-2025-5388-how-to-monitor-the-monitoring/')?.id, '5388');
    assert.equal(findTalkByUrl(s25, 'https://archive.fosdem.org/2025/schedule/event/fosdem-2025-5388-updated-how-to-monitor/')?.id, '5388');
    assert.equal(findTalkByUrl(s25, 'https://fosdem.org/2024/schedule/event/fosdem-2025-5388-how-to-monitor-the-monitoring/'), undefined);
    assert.equal(findTalkByUrl(s25, 'https://fosdem.org/2025/schedule/event/fosdem-2025-9999-nope/'), undefined);
    const s26 = schedule('fosdem-2026-schedule-2026-01-30.xml');
    assert.equal(findTalkByUrl(s26, 'https://fosdem.org/2026/schedule/event/SFKNTZ-welcome-to-fosdem-2026/')?.id, '8376');
    assert.equal(findTalkByUrl(s26, 'https://fosdem.org/2026/schedule/event/SFKNTZ-old-title/')?.id, '8376');
    assert.equal(findPersonByUrl(s25, 'https://fosdem.org/2025/schedule/speaker/roman_khavronenko/')?.name, 'Roman Khavronenko');
    assert.equal(findPersonByUrl(s25, 'https://fosdem.org/2025/schedule/speaker/roman_khavronenk/'), undefined);
    assert.equal(speakerSlug('Jose Gomez-Selles'), 'jose_gomez-selles');
    assert.equal(speakerSlug('Michaël Marcozzi'), 'michael_marcozzi');
    assert.equal(speakerSlug('Richard "RichiH" Hartmann'), 'richard_richih_hartmann');
    assert.equal(speakerSlug('Julien Lengrand-Lambert', 2019), 'julien_lengrand_lambert');
    const s07 = schedule('fosdem-2007-excerpt.xml');
    assert.equal(eventUrl(s07.events[0], s07), undefined);
  });
});

describe('schedule: format', () => {
  it('default talk and talk-with-links templates', () => {
    const s = schedule('fosdem-2025-schedule.xml');
    const talk = s.events.find(t => t.id === '5388')!;
    assert.equal(formatTalk(talk, s), '[How to monitor the monitoring](https://fosdem.org/2025/schedule/event/fosdem-2025-5388-how-to-monitor-the-monitoring/) by [Roman Khavronenko](https://fosdem.org/2025/schedule/speaker/roman_khavronenko/)');
    assert.equal(formatTalk(talk, s, DEFAULT_TEMPLATES.talkWithLinks), `${formatTalk(talk, s)} ([slides](https://fosdem.org/2025/events/attachments/fosdem-2025-5388-how-to-monitor-the-monitoring/slides/238820/Monitorin_pO6DFG2.pdf), [video](https://video.fosdem.org/2025/ud2120/fosdem-2025-5388-how-to-monitor-the-monitoring.av1.webm))`);
    const noMedia = s.events.find(t => !t.slides.length && !t.videos.length && t.persons.length === 2)!;
    assert.doesNotMatch(formatTalk(noMedia, s, DEFAULT_TEMPLATES.talkWithLinks), /\(\[|slides|video\]/);
    assert.match(formatTalk(noMedia, s), / by \[.+\]\(.+\) and \[.+\]\(.+\)$/);
    assert.equal(formatTalk(talk, s, '{weekday} {start}–{end} in {room}: {title} ({speakerNames}, {year}) {unknown}'), 'Sunday 15:50–16:20 in UD2.120 (Chavanne): How to monitor the monitoring (Roman Khavronenko, 2025) {unknown}');
    assert.equal(formatSpeaker(talk.persons[0], s), '[Roman Khavronenko](https://fosdem.org/2025/schedule/speaker/roman_khavronenko/)');
    assert.equal(formatTrack('Monitoring and Observability', s), '[Monitoring and Observability](https://fosdem.org/2025/schedule/track/monitoring/)');
  });

  it('escapes Markdown in titles; three speakers read "A, B and C"', () => {
    const s = schedule('fosdem-2025-schedule.xml');
    const talk = { ...s.events[0], title: 'Arrays [a] <b> *c*', persons: [{ name: 'A', slug: 'a' }, { name: 'B', slug: 'b' }, { name: 'C', slug: 'c' }] };
    assert.equal(formatTalk(talk, s, '{title} by {speakerNames}'), 'Arrays \\[a\\] \\<b\\> \\*c\\* by A, B and C');
    assert.equal(htmlToText('<p>a &amp; b</p><p>c&#39;d</p>'), "a & b c'd");
  });
});
