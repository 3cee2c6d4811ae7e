// Schedule figures for `npm run bench`: parse a full FOSDEM year, load it from the cache, search per keystroke.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { deserializeSchedule, serializeSchedule } from '../../src/core/schedule/cache';
import { parseSchedule } from '../../src/core/schedule/parse';
import { searchTalks } from '../../src/core/schedule/search';
import { checkTalks } from '../../src/core/schedule/talkRules';
import { median, timeMedian, type Figure } from './timing';


const FIXTURE = path.join(__dirname, '..', 'fixtures', 'schedules', 'fosdem-2025-schedule.xml');

export async function benchSchedule(): Promise<Figure[]> {
  const xml = readFileSync(FIXTURE, 'utf8');
  const figures: Figure[] = [];
  const first = parseSchedule(xml);
  const size = `${(xml.length / 1024 / 1024).toFixed(1)} MB, ${first.events.length} events`;
  figures.push({ name: `parse FOSDEM 2025 schedule.xml (${size}; median of 15)`, value: timeMedian(15, () => parseSchedule(xml), 3), unit: 'ms', budget: '< 150 ms' });

  const cached = serializeSchedule(first);
  figures.push({ name: `load the cached model (${(cached.length / 1024 / 1024).toFixed(1)} MB JSON; median of 15)`, value: timeMedian(15, () => deserializeSchedule(cached), 3), unit: 'ms', budget: '< 20 ms' });

  // Search: a fresh schedule each round so the first keystroke also pays for building the index.
  const query = 'roman kha';
  const perKey: number[] = [];
  let firstKey = 0;
  for (let round = 0; round < 10; round++) {
    const schedule = deserializeSchedule(cached);
    for (let i = 1; i <= query.length; i++) {
      const start = performance.now();
      searchTalks(schedule, query.slice(0, i), 50);
      const ms = performance.now() - start;
      if (i === 1) firstKey = Math.max(firstKey, ms);
      else perKey.push(ms);
    }
  }
  figures.push({ name: `search per keystroke typing "${query}" over ${first.events.length} talks (median)`, value: median(perKey), unit: 'ms', budget: '< 5 ms' });
  figures.push({ name: 'search: slowest keystroke seen (p100, excluding first)', value: Math.max(...perKey), unit: 'ms' });
  figures.push({ name: 'search: first keystroke incl. building the index (worst of 10)', value: firstKey, unit: 'ms' });

  const post = longRecap(first, 5000);
  figures.push({ name: 'talk/* checks of a 5,000-line post (median of 20)', value: timeMedian(20, () => checkTalks(post, first), 3), unit: 'ms' });
  return figures;
}

function longRecap(schedule: ReturnType<typeof parseSchedule>, lines: number): string {
  const out = ['---', 'title: "FOSDEM 2025 recap"', '---', ''];
  for (let i = 0; out.length < lines; i++) {
    const talk = schedule.events[i % schedule.events.length];
    out.push(`## ${talk.track}`, '', `We saw [${talk.title}](${talk.url}) in ${talk.room}; ${talk.persons.map(p => p.name).join(' and ')} explained a lot.`, 'Some prose about metrics, logs and traces that mentions nothing in particular.', '');
  }
  return out.join('\n');
}
