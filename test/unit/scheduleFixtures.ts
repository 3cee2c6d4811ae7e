import type { Schedule } from '../../src/core/schedule/model';
import { parseSchedule } from '../../src/core/schedule/parse';
import { fixture } from './helpers';

const cache = new Map<string, Schedule>();

/** A parsed fixture from test/fixtures/schedules (parsed once per run). */
export function schedule(name: string): Schedule {
  let s = cache.get(name);
  if (!s) cache.set(name, s = parseSchedule(fixture('schedules', name)));
  return s;
}
