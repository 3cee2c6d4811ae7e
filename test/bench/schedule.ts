// Schedule figures for `npm run bench`: parse a full FOSDEM year, load it from the cache, search per keystroke.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { deserializeSchedule, serializeSchedule } from '../../src/core/schedule/cache';
import { parseSchedule } from '../../src/core/schedule/parse';
import { newSaxesParser } from '../../src/core/schedule/xml';
import { searchTalks } from '../../src/core/schedule/search';
import { checkTalks } from '../../src/core/schedule/talkRules';
import { median, timeMedian, type Figure } from './timing';


const FIXTURES = path.join(__dirname, '..', 'fixtures', 'schedules');
const FIXTURE = path.join(FIXTURES, 'fosdem-2025-schedule.xml');
/** The shared data folder beside the repository (not committed here): full files the fixtures lack, such as 38C3. */
const SHARED = path.join(__dirname, '..', '..', '..', 'shared', 'data', 'schedules');

/** Full year schedules whose parse is measured beside a bare saxes scan; the first file matching each pattern is used. */
const YEAR_FILES: { label: string; file: RegExp }[] = [
  { label: 'FOSDEM 2025', file: /^fosdem-2025-schedule\.xml$/ },
  { label: 'FOSDEM 2026', file: /^fosdem-2026-schedule.*\.xml$/ },
  { label: 'CCC 38C3', file: /38c3.*\.xml$/i },
];

export async function benchSchedule(): Promise<Figure[]> {
  const xml = readFileSync(FIXTURE, 'utf8');
  const figures: Figure[] = [];
  const first = parseSchedule(xml);
  for (const { label, file } of YEAR_FILES) {
    const found = findScheduleFile(file);
    if (found) figures.push(...parseBesideSaxes(label, readFileSync(found, 'utf8')));
    else console.error(`schedule bench: ${label} skipped: no file matching ${file} in test/fixtures/schedules or ../shared/data/schedules`);
  }

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

function findScheduleFile(pattern: RegExp): string | undefined {
  for (const dir of [FIXTURES, SHARED, path.join(SHARED, 'other')]) {
    if (!existsSync(dir)) continue;
    const name = readdirSync(dir).sort().find(entry => pattern.test(entry));
    if (name) return path.join(dir, name);
  }
  return undefined;
}

/**
 * Our parse beside the floor under it: saxes alone on the same text, made as readXmlStream makes it (its options:
 * no entity expansion, no namespaces, positions; its listeners' shape) and with no-op handlers. Beside both, a scan that only keeps what a
 * model must hold (every text inside an event, trimmed, and every href): what holding the text costs in
 * allocation and garbage collection, with no model built. Runs take turns so that the machine's load hits all
 * alike; the ratio is what the parser adds on top of the scan.
 */
function parseBesideSaxes(label: string, xml: string): Figure[] {
  const runs = 21;
  const parse = () => parseSchedule(xml);
  const scan = () => {
    const parser = newSaxesParser();
    parser.on('opentag', () => undefined);
    parser.on('text', () => undefined);
    parser.on('closetag', () => undefined);
    parser.write(xml).close();
  };
  // saxes slices and joins text only for a text listener, and readXmlStream listens only inside elements it reads:
  // the same scan with no text listener is the floor under any reader of this file, a stricter baseline.
  const scanWithoutText = () => {
    const parser = newSaxesParser();
    parser.off('text');
    parser.on('opentag', () => undefined);
    parser.on('closetag', () => undefined);
    parser.write(xml).close();
  };
  const keep = () => keepEventTexts(xml);
  const works = [parse, scan, scanWithoutText, keep];
  const times = new Map<() => unknown, number[]>(works.map(work => [work, []]));
  for (let i = 0; i < 3; i++) for (const work of works) work();
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < works.length; j++) {
      const work = works[(i + j) % works.length];
      const start = performance.now();
      work();
      times.get(work)!.push(performance.now() - start);
    }
  }
  const events = parse().events.length;
  const [ours, saxes, saxesWithoutText, kept] = works.map(work => median(times.get(work)!));
  return [
    { name: `parse ${label} schedule.xml (${(xml.length / 1024 / 1024).toFixed(1)} MB, ${events} events; median of ${runs})`, value: ours, unit: 'ms', budget: '< 150 ms' },
    { name: `  beside a bare saxes scan of the same text (median of ${runs}, interleaved)`, value: saxes, unit: 'ms' },
    { name: `  parse ÷ saxes scan, ${label}`, value: ours / saxes, unit: '×', budget: '≤ 1.5×' },
    { name: `  parse ÷ saxes scan with no text listener (the stricter floor), ${label}`, value: ours / saxesWithoutText, unit: '×' },
    { name: `  a scan keeping only the events' texts and hrefs (no model) ÷ saxes scan`, value: kept / saxes, unit: '×' },
  ];
}

/** Every text inside an <event> (trimmed) and every href there, in one array: the strings a model holds, nothing more. */
function keepEventTexts(xml: string): string[] {
  const kept: string[] = [];
  const parser = newSaxesParser();
  let depth = 0;
  let eventDepth = 0;
  let text = '';
  parser.on('opentag', tag => {
    depth++;
    text = '';
    if (tag.name === 'event' && !eventDepth) eventDepth = depth;
    const href = tag.attributes.href;
    if (eventDepth && typeof href === 'string') kept.push(href);
  });
  parser.on('text', data => { text += data; });
  parser.on('closetag', () => {
    if (eventDepth && depth > eventDepth) kept.push(text.trim());
    if (depth === eventDepth) eventDepth = 0;
    depth--;
    text = '';
  });
  parser.write(xml).close();
  return kept;
}

function longRecap(schedule: ReturnType<typeof parseSchedule>, lines: number): string {
  const out = ['---', 'title: "FOSDEM 2025 recap"', '---', ''];
  for (let i = 0; out.length < lines; i++) {
    const talk = schedule.events[i % schedule.events.length];
    out.push(`## ${talk.track}`, '', `We saw [${talk.title}](${talk.url}) in ${talk.room}; ${talk.persons.map(p => p.name).join(' and ')} explained a lot.`, 'Some prose about metrics, logs and traces that mentions nothing in particular.', '');
  }
  return out.join('\n');
}
