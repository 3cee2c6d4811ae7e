// The schedule parser's shortcuts give what the long way gives: cleanUrl's fast path for plain URLs is checked
// against the URL parser, text is collected only inside the elements whose text is read (with mixed content,
// CDATA, comments and entities read as before, and well-formedness still checked everywhere), and whole real
// schedules keep their counts and sample talks.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSchedule, ScheduleError } from '../../src/core/schedule/parse';
import { cleanUrl, encodeHref } from '../../src/core/schedule/text';
import { readXmlStream, XmlSyntaxError } from '../../src/core/schedule/xml';
import { fixture } from './helpers';
import { schedule } from './scheduleFixtures';

/** cleanUrl without a base, the long way: encode, then let the URL parser judge. */
function cleanUrlByUrlParser(href: string): string | undefined {
  const encoded = encodeHref(href);
  if (!encoded) return undefined;
  try {
    const url = new URL(encoded);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.') ? encoded : undefined;
  } catch {
    return undefined;
  }
}

const SCHEMES = ['https://', 'http://', 'HTTPS://', 'Http://', 'ftp://', 'https:/', 'https:', 'mailto:', 'https:///', ' https://', ''];
const HOSTS = [
  'fosdem.org', 'video.fosdem.org', 'a.b', 'A.B', 'EXAMPLE.COM', 'localhost', 'xn--80ak6aa92e.com', 'xn--zz.com', 'a--b.com', '-a.com', 'a-.com', 'a.-b',
  '1.2.3.4', '1.2.3.256', '256.1.1.1', 'a.123', 'a.0x1f', '0x7f.1', 'a.1b', 'a..b', '.a.b', 'a.b.', 'a.b..', 'a', '1password.com', 'x.y-z.io',
  'user@a.com', 'a.com:8080', 'a.com:99999', 'a.com:', '[::1]', 'a_b.com', 'a b.com', 'ä.com', 'a.com%2F', 'a%41.com', `${'a'.repeat(70)}.com`,
];
const RESTS = ['', '/', '/x/y.pdf', '?q=1&r=2', '#frag', '/a b', '/%20', '/%zz', '/%', '/[x]', '/\\x', '/é', '/\t', "/'()*", '/@x', '/a?b#c#d', '/~:x', '\n', ' '];

describe('schedule: cleanUrl fast path agrees with the URL parser', () => {
  it('every scheme × host × rest from a table of awkward cases', () => {
    for (const scheme of SCHEMES) for (const host of HOSTS) for (const rest of RESTS) {
      const href = scheme + host + rest;
      assert.equal(cleanUrl(href), cleanUrlByUrlParser(href), JSON.stringify(href));
    }
  });

  it('generated URLs made of URL-ish pieces', () => {
    const piece = fc.oneof(fc.constantFrom(...SCHEMES, ...HOSTS, ...RESTS, '.', '-', '--', ':', '/', '%', 'xn--', '0', '9', 'z'), fc.string({ maxLength: 4 }));
    fc.assert(fc.property(fc.array(piece, { maxLength: 8 }), parts => {
      const href = parts.join('');
      assert.equal(cleanUrl(href), cleanUrlByUrlParser(href), JSON.stringify(href));
    }), { numRuns: 3000 });
  });

  it('every link, url and feedback URL of the real fixtures', () => {
    let count = 0;
    for (const name of ['fosdem-2025-schedule.xml', 'fosdem-2026-schedule-2026-01-30.xml', 'fosdem-2023-excerpt.xml', 'fosdem-2007-excerpt.xml', 'debconf23-schedule-wafer.xml']) {
      const xml = fixture('schedules', name);
      for (const m of xml.matchAll(/href="([^"]*)"|<(?:url|feedback_url)>([^<]*)</g)) {
        const href = (m[1] ?? m[2]).replace(/&amp;/g, '&');
        assert.equal(cleanUrl(href), cleanUrlByUrlParser(href), href);
        count++;
      }
    }
    assert.ok(count > 10_000, `${count} URLs`);
  });

  it('a huge host takes the long way and gets its answer', () => {
    const href = `https://${'a.'.repeat(200_000)}-`;
    assert.equal(cleanUrl(href), cleanUrlByUrlParser(href));
    const long = `https://${'ab-c1.'.repeat(400)}x/`;
    assert.equal(cleanUrl(long), long);
  });
});

/** Collects what readXmlStream reports, wanting text only for the named elements. */
function closes(xml: string, wanted: string[]): string[] {
  const seen: string[] = [];
  readXmlStream(xml, { open: name => wanted.includes(name), close: (name, text) => { seen.push(`${name}=${text}`); } });
  return seen;
}

describe('schedule: XML text only where it is read', () => {
  it('an element that wants its text gets the text since its last child, whatever its children want', () => {
    const xml = '<r>\n  <a>one<b>two</b>three &amp; <![CDATA[<4>]]><!-- c -->five<?pi x?></a>\n  <c>skip &lt;me&gt;</c>\n</r>';
    assert.deepEqual(closes(xml, ['a']), ['b=', 'a=three & <4>five', 'c=', 'r=']);
    assert.deepEqual(closes(xml, ['b', 'c']), ['b=two', 'a=', 'c=skip <me>', 'r=']);
    assert.deepEqual(closes(xml, ['r', 'a', 'b', 'c']), ['b=two', 'a=three & <4>five', 'c=skip <me>', 'r=\n']);
  });

  it('well-formedness is checked in text nobody reads', () => {
    assert.throws(() => closes('<r><x>a ]]> b</x></r>', []), XmlSyntaxError);
    assert.throws(() => closes('<r><x>a &nope; b</x></r>', []), XmlSyntaxError);
    assert.throws(() => closes('<r><x>a &#0; b</x></r>', []), XmlSyntaxError);
    assert.throws(() => closes('<r></r>tail', []), XmlSyntaxError);
    assert.throws(() => closes('<!DOCTYPE r [<!ENTITY e "x">]><r><x>&e;</x></r>', []), (error: unknown) => error instanceof XmlSyntaxError && error.refused);
  });

  it('a schedule with mixed content, CDATA, entities and comments reads as it always did', () => {
    const xml = '<schedule><conference><title><![CDATA[Con <2025>]]> tail</title><track name="N" slug="s">x</track></conference>'
      + '<tracks><track slug="q">  Q </track></tracks><persons><person id="1"><name>P</name><slug>p</slug></person><person guid="2">Flat</person></persons>'
      + '<day index="1" date="2025-02-01"><room name="R &amp; &#65;"><event id="1" guid=" g ">\r\n<title> A <![CDATA[&B]]> &amp; C<!-- x --> </title>'
      + '<subtitle>x<i>y</i>z</subtitle><abstract>line\r\none</abstract><persons><person id="7">  Ann  </person><person>a<b>c</b>d</person></persons>'
      + '<links><link href="https://x.org/a?b=1&amp;c=2">Slides <b>x</b> y</link></links>'
      + '<attachments><attachment type="slides" href="https://x.org/s.pdf"> S </attachment></attachments><track slug="t">  T  </track></event></room></day></schedule>';
    const s = parseSchedule(xml);
    assert.equal(s.conference.title, 'Con <2025> tail');
    assert.deepEqual(s.tracks, ['N', 'Q', 'T']);
    assert.deepEqual(s.persons.map(p => [p.name, p.slug, p.id]), [['P', 'p', '1'], ['Flat', 'flat', '2'], ['Ann', 'ann', '7'], ['d', 'd', undefined]]);
    const talk = s.events[0];
    assert.deepEqual([talk.id, talk.guid, talk.title, talk.subtitle, talk.abstract, talk.room, talk.track, talk.trackSlug], ['1', 'g', 'A &B & C', 'z', 'line\none', 'R & A', 'T', 't']);
    assert.deepEqual(talk.links, [{ href: 'https://x.org/a?b=1&c=2', title: 'y', kind: 'other' }]);
    assert.deepEqual(talk.slides, [{ href: 'https://x.org/s.pdf', title: 'S', kind: 'slides' }]);
  });

  it('abstracts and descriptions: the first non-blank one of an event, whole however long, trimmed', () => {
    const long = `${'x&amp;y\n'.repeat(40_000)}end`;
    const event = (id: number, body: string) => `<event id="${id}"><title>t${id}</title>${body}</event>`;
    const xml = `<schedule><day index="1" date="2025-02-01"><room name="R">${[
      event(1, '<abstract> \n </abstract><abstract> second </abstract><description>d</description><description>e</description>'),
      event(2, `<abstract>${long}</abstract><description> </description>`),
      event(3, '<abstract>first</abstract><abstract>second</abstract>'),
      ...Array.from({ length: 200 }, (_, i) => event(10 + i, `<abstract>a${i}${'z'.repeat(i * 50)}</abstract>`)),
    ].join('')}</room></day></schedule>`;
    const talks = parseSchedule(xml).events;
    assert.deepEqual([talks[0].abstract, talks[0].description], ['second', 'd']);
    assert.equal(talks[1].abstract, long.replace(/&amp;/g, '&'));
    assert.equal(talks[1].description, '');
    assert.equal(talks[2].abstract, 'first');
    talks.slice(3).forEach((talk, i) => assert.equal(talk.abstract, `a${i}${'z'.repeat(i * 50)}`));
  });

  it('errors keep their place and kind', () => {
    const truncated = fixture('schedules', 'fosdem-2025-schedule.xml').slice(0, 200_000);
    assert.throws(() => parseSchedule(truncated), (error: unknown) => error instanceof ScheduleError && error.code === 'malformed' && error.line === 2301 && error.column === 152);
    assert.throws(() => parseSchedule(`<schedule>${'<x>'.repeat(150)}`), (error: unknown) => error instanceof ScheduleError && /nest more than 100/.test(error.message));
  });
});

describe('schedule: whole real schedules', () => {
  const totals = (name: string) => {
    const s = schedule(name);
    const sum = (key: 'slides' | 'videos' | 'links' | 'persons') => s.events.reduce((total, talk) => total + talk[key].length, 0);
    return { events: s.events.length, persons: s.persons.length, tracks: s.tracks.length, rooms: s.rooms.length, slides: sum('slides'), videos: sum('videos'), links: sum('links'), speakers: sum('persons'), warnings: s.warnings.length };
  };

  it('FOSDEM 2025: counts, and the first talk in full', () => {
    assert.deepEqual(totals('fosdem-2025-schedule.xml'), { events: 1105, persons: 1193, tracks: 79, rooms: 35, slides: 770, videos: 1909, links: 5219, speakers: 1455, warnings: 0 });
    const talk = schedule('fosdem-2025-schedule.xml').events[0];
    assert.deepEqual({ ...talk, persons: talk.persons.map(p => p.url) }, {
      id: '6712', slug: 'fosdem-2025-6712-welcome-to-fosdem-2025', title: 'Welcome to FOSDEM 2025', subtitle: '', track: 'Keynotes', type: 'keynote', language: 'en',
      day: '2025-02-01', start: '09:30', duration: '00:20', durationMinutes: 20, room: 'Janson',
      abstract: '<p>FOSDEM welcome and opening talk.</p>\n<p>Join us for the opening of our 25th event.</p>', description: '',
      persons: ['https://fosdem.org/2025/schedule/speaker/fosdem_staff/', 'https://fosdem.org/2025/schedule/speaker/richard_richih_hartmann/'],
      slides: [{ href: 'https://fosdem.org/2025/events/attachments/fosdem-2025-6712-welcome-to-fosdem-2025/slides/237789/2025-02-0_6CcRbRi.pdf', title: 'Talk slides', kind: 'slides' }],
      videos: [
        { href: 'https://video.fosdem.org/2025/janson/fosdem-2025-6712-welcome-to-fosdem-2025.av1.webm', title: 'Video recording (AV1/WebM) - 56.3 MB', kind: 'video' },
        { href: 'https://video.fosdem.org/2025/janson/fosdem-2025-6712-welcome-to-fosdem-2025.mp4', title: 'Video recording (MP4) - 357.1 MB', kind: 'video' },
      ],
      links: [
        { href: 'https://video.fosdem.org/2025/janson/fosdem-2025-6712-welcome-to-fosdem-2025.vtt', title: 'Video recording subtitle file (VTT)', kind: 'other' },
        { href: 'https://chat.fosdem.org/#/room/#2025-keynote:fosdem.org', title: 'Chat room(web)', kind: 'chat' },
        { href: 'https://matrix.to/#/#2025-keynote:fosdem.org?web-instance[element.io]=chat.fosdem.org', title: 'Chat room(app)', kind: 'chat' },
        { href: 'https://pretalx.fosdem.org/fosdem-2025/talk/XWNGQL/feedback/', title: 'Submit Feedback', kind: 'feedback' },
      ],
      guid: 'fdbc5919-f702-524c-9331-3a2c670f6ff3', code: 'XWNGQL', date: '2025-02-01T09:30:00+01:00',
      url: 'https://fosdem.org/2025/schedule/event/fosdem-2025-6712-welcome-to-fosdem-2025/', trackSlug: 'keynote',
    });
  });

  it('FOSDEM 2026: counts, speaker slugs from <persons>, and the last talk', () => {
    assert.deepEqual(totals('fosdem-2026-schedule-2026-01-30.xml'), { events: 1070, persons: 1185, tracks: 71, rooms: 37, slides: 132, videos: 0, links: 3378, speakers: 1430, warnings: 0 });
    const s = schedule('fosdem-2026-schedule-2026-01-30.xml');
    assert.deepEqual(s.persons.slice(0, 3).map(p => [p.id, p.name, p.slug]), [['2', 'FOSDEM Staff', 'fosdem_staff'], ['1324', 'Richard "RichiH" Hartmann', 'richard_richih_hartmann'], ['1327', 'Luca Boccassi', 'luca_boccassi']]);
    const last = s.events[s.events.length - 1];
    assert.deepEqual([last.id, last.slug, last.title, last.track, last.room, last.date, last.code], ['10056', 'ENDASS-woodpeckerci_user_meetup', 'WoodpeckerCI User Meetup', 'BOF/Unconference', 'UA4.222', '2026-02-01T13:00:00+01:00', 'ENDASS']);
    assert.equal(last.abstract, "<p>Meet and chat what's currently going on.\nHow to solve problems with WoodpeckerCI.\nGet new ideas and feedback.</p>\n<p>Just chat :)</p>");
    assert.deepEqual(last.persons.map(p => [p.name, p.url]), [['6543', 'https://fosdem.org/2026/schedule/speaker/6543/']]);
  });
});
