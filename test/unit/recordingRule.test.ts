// talk/recording-available on real FOSDEM 2025 talks: a recap written before the recordings were published,
// checked once the schedule has them. Fixes put the links where the post keeps that talk's media; a talk
// named in passing in prose, or whose recording is linked in another format, is left alone.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { resolveConfig } from '../../src/core/site/config';
import type { Finding } from '../../src/core/lint/findings';
import type { FetchHost, FetchResult } from '../../src/core/host';
import { lint } from '../../src/core/lint/lint';
import { buildNewPost } from '../../src/core/recap/newPost';
import { ScheduleStore, type CacheMeta, type CacheStore } from '../../src/core/schedule/store';
import { checkTalks } from '../../src/core/schedule/talkRules';
import { FIXTURES } from './helpers';
import { schedule } from './scheduleFixtures';

const fosdem2025 = () => schedule('fosdem-2025-schedule.xml');
const MONITORING = 'https://fosdem.org/2025/schedule/event/fosdem-2025-5388-how-to-monitor-the-monitoring/';
const SLIDES = 'https://fosdem.org/2025/events/attachments/fosdem-2025-5388-how-to-monitor-the-monitoring/slides/238820/Monitorin_pO6DFG2.pdf';
const VIDEO = 'https://video.fosdem.org/2025/ud2120/fosdem-2025-5388-how-to-monitor-the-monitoring.av1.webm';

const recordings = (text: string) => checkTalks(text, fosdem2025()).filter(f => f.rule === 'talk/recording-available');
const apply = (text: string, finding: Finding, index = 0) => {
  const edit = finding.fixes?.[index].edits[0];
  assert.ok(edit);
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
};

describe('talk/recording-available', () => {
  it('a post generated before the recordings: one finding per talk on its heading link, fixed beside what it links', () => {
    const s = fosdem2025();
    const talk = s.events.find(t => t.id === '5388');
    assert.ok(talk);
    // As the schedule was before the recording and slides were published.
    const before = { ...talk, videos: [], slides: [] };
    const { text } = buildNewPost({ schedule: { ...s, events: [before] }, talks: [before], now: new Date(2025, 1, 3) });
    assert.ok(!text.includes('[video]'));
    const [finding, ...others] = recordings(text);
    assert.deepEqual(others, []);
    assert.equal(text.slice(finding.start, finding.end), MONITORING);
    assert.equal(finding.severity, 'info');
    assert.equal(finding.message, 'FOSDEM 2025 now has a recording and slides of "How to monitor the monitoring" that this post does not link.');
    assert.deepEqual(finding.fixes?.map(f => [f.title, f.preferred]), [['Add recording and slides links', true], ['Add recording link', false], ['Add slides link', false]]);
    // On a heading, the links go at its end.
    const fixed = apply(text, finding);
    assert.ok(fixed.includes(`### [How to monitor the monitoring](${MONITORING}) ([slides](${SLIDES}), [video](${VIDEO}))\n`), fixed);
    assert.deepEqual(recordings(fixed), []);
  });

  it('slides linked, recording published later: the recording link goes right after the slides link', () => {
    const text = `---\ntitle: FOSDEM 2025\n---\n\n### [How to monitor the monitoring](${MONITORING})\n\nRoman's talk ([slides](${SLIDES})) was great.\n`;
    const [finding] = recordings(text);
    assert.match(finding.message, /now has a recording of "How to monitor the monitoring"/);
    assert.deepEqual(finding.fixes?.map(f => f.title), ['Add recording link']);
    const fixed = apply(text, finding);
    assert.ok(fixed.includes(`([slides](${SLIDES}), [video](${VIDEO})) was great.`), fixed);
    assert.deepEqual(recordings(fixed), []);
  });

  it('a list item gets the links at its end, after the speaker', () => {
    const text = `- [How to monitor the monitoring](${MONITORING}) by [Roman Khavronenko](https://fosdem.org/2025/schedule/speaker/roman_khavronenko/)\n- next\n`;
    const [finding] = recordings(text);
    assert.equal(apply(text, finding, 2).split('\n')[0], `- [How to monitor the monitoring](${MONITORING}) by [Roman Khavronenko](https://fosdem.org/2025/schedule/speaker/roman_khavronenko/) ([slides](${SLIDES}))`);
  });

  it('counts the recording in another format and slides uploaded again under a new id as linked', () => {
    const text = `- [How to monitor the monitoring](${MONITORING}): [mp4](https://video.fosdem.org/2025/ud2120/fosdem-2025-5388-how-to-monitor-the-monitoring.mp4), [pdf](http://www.fosdem.org/2025/events/attachments/fosdem-2025-5388-how-to-monitor-the-monitoring/slides/111111/old-name.pdf)\n`;
    assert.deepEqual(recordings(text), []);
  });

  it('leaves talks named in passing in prose, links in code, and the real VictoriaMetrics recap alone', () => {
    assert.deepEqual(recordings(`Later, [Roman's talk](${MONITORING}) explained it.\n\n\`\`\`\n- ${MONITORING}\n\`\`\`\n`), []);
    const sample = readFileSync(path.join(FIXTURES, 'samples', 'fosdem-2025-victoriametrics.md'), 'utf8');
    // It links eleven 2025 talks, in prose; the one it covers has its slides (uploaded again since) and recording linked.
    assert.deepEqual(recordings(sample), []);
  });

  it('is configurable like every rule', () => {
    const text = `- [How to monitor the monitoring](${MONITORING})\n`;
    const run = (rules: Record<string, 'off' | 'warning'>) => lint({ text, config: resolveConfig({ detectedPreset: 'hugo', ruleOverrides: rules }), schedules: [fosdem2025()] }).findings.filter(f => f.rule === 'talk/recording-available');
    assert.equal(run({})[0]?.severity, 'info');
    assert.equal(run({ 'talk/recording-available': 'warning' })[0]?.severity, 'warning');
    assert.deepEqual(run({ 'talk/recording-available': 'off' }), []);
  });

  describe('weeks later: the cached schedule is revalidated', () => {
    const XML = readFileSync(path.join(FIXTURES, 'schedules', 'fosdem-2023-excerpt.xml'), 'utf8');
    const DAY = 86_400_000;
    class Server implements FetchHost {
      requests: Record<string, string>[] = [];
      async fetchBytes(_url: string, headers: Record<string, string>): Promise<FetchResult> {
        this.requests.push(headers);
        return headers['If-None-Match'] === '"v1"' ? { status: 304, headers: {}, body: new Uint8Array() } : { status: 200, headers: { etag: '"v1"' }, body: new TextEncoder().encode(XML) };
      }
    }
    class Cache implements CacheStore {
      entries = new Map<string, { body: string; meta: CacheMeta }>();
      async read(key: string) { return this.entries.get(key); }
      async write(key: string, body: string, meta: CacheMeta) { this.entries.set(key, { body, meta }); }
    }
    /** How a cache of `year`'s schedule, `age` old, is used on a day of `today`'s year. */
    async function loadAged(year: number, today: string, age: number) {
      let now = Date.parse(today);
      const server = new Server();
      const store = new ScheduleStore(server, new Cache(), () => new Date(now));
      const source = { name: 'FOSDEM', year, url: `https://fosdem.org/${year}/schedule/xml` };
      await store.load(source);
      now += age;
      return { from: (await store.load(source)).from, requests: server.requests.length };
    }

    it('last year\'s after a day (so a recording published since is found), this year\'s after an hour, older years after a week', async () => {
      assert.deepEqual(await loadAged(2023, '2024-03-01T12:00:00Z', 2 * DAY), { from: 'revalidated', requests: 2 });
      assert.deepEqual(await loadAged(2023, '2024-03-01T12:00:00Z', DAY / 2), { from: 'cache', requests: 1 });
      assert.deepEqual(await loadAged(2023, '2023-03-01T12:00:00Z', 2 * 3_600_000), { from: 'revalidated', requests: 2 });
      assert.deepEqual(await loadAged(2023, '2025-03-01T12:00:00Z', 2 * DAY), { from: 'cache', requests: 1 });
      assert.deepEqual(await loadAged(2023, '2025-03-01T12:00:00Z', 8 * DAY), { from: 'revalidated', requests: 2 });
    });
  });
});
