// Complexity guards that hold on a slow or busy machine: never a limit in milliseconds, only how the
// time of one piece of code grows from input size n to 4n, measured in the same run. Linear code grows
// about 4×, quadratic code 16×; the default limit of 10× leaves room for noise.
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';

export interface GrowthOptions {
  /** The largest acceptable time(4n) / time(n); 10 by default (linear ≈ 4, quadratic ≈ 16). */
  maxRatio?: number;
  /** Timed runs of each size, interleaved; the fastest of each is kept (noise only ever adds time). */
  rounds?: number;
}

/**
 * Below this a run is mostly timer resolution, JIT tiers, a stray collection, or an input that still fits
 * in the processor's caches while 4n does not (seen: 0.5 → 13 ms for a plain scan): n is doubled until
 * a run takes longer.
 */
const MEASURABLE_MS = 15;
/** n is scaled by at most this much to become measurable… */
const MAX_SCALE = 64;
/** …and a text input no longer than this (4n is then 64 M characters at most). */
const MAX_TEXT_LENGTH = 16_000_000;

function canGrow<T>(input: T): boolean {
  return typeof input !== 'string' || input.length * 2 <= 4 * MAX_TEXT_LENGTH;
}

/** Collects garbage (mocha runs with --expose-gc) so that one run does not pay for the last one's garbage. */
const collect: () => void = typeof (globalThis as { gc?: () => void }).gc === 'function' ? (globalThis as unknown as { gc: () => void }).gc : () => undefined;

function timeOnce<T>(input: T, run: (input: T) => unknown): number {
  collect();
  const start = performance.now();
  run(input);
  return performance.now() - start;
}

/** The fastest of the interleaved runs of `run(small)` and `run(large)`, and their ratio. */
export function measureGrowth<T>(small: T, large: T, run: (input: T) => unknown, rounds = 5): { small: number; large: number; ratio: number } {
  let bestSmall = Infinity;
  let bestLarge = Infinity;
  // Warm-up: the JIT's tiers and lazy caches.
  for (let i = 0; i < 3; i++) run(small);
  run(large);
  for (let i = 0; i < rounds; i++) {
    bestSmall = Math.min(bestSmall, timeOnce(small, run));
    bestLarge = Math.min(bestLarge, timeOnce(large, run));
  }
  // A floor of 0.05 ms keeps a ratio of two near-zero times from meaning anything.
  const ratio = Math.max(bestLarge, 0.05) / Math.max(bestSmall, 0.05);
  return { small: bestSmall, large: bestLarge, ratio };
}

/**
 * Asserts that `run` grows at most `maxRatio`× from `make(n)` to `make(4n)`. When one run of `make(n)`
 * is too short to measure, n is doubled first (up to 64×), so a guard stays meaningful on any machine.
 */
export function assertLinearGrowth<T>(what: string, n: number, make: (n: number) => T, run: (input: T) => unknown, options: GrowthOptions = {}): void {
  let size = n;
  let small = make(size);
  let large = make(4 * size);
  const maxRatio = options.maxRatio ?? 10;
  // Other processes only ever add time, and to one size more than the other by chance: a second or
  // third measurement that stays under the limit shows the code is linear. Quadratic code is over it
  // every time (16× and more), so retrying never hides it. A measurement whose n ran faster than
  // MEASURABLE_MS (after warm-up, the fastest of the rounds) does not count: n is doubled instead.
  const attempts: string[] = [];
  while (attempts.length < 3) {
    const measured = measureGrowth(small, large, run, options.rounds ?? 5);
    if (measured.small < MEASURABLE_MS && size < n * MAX_SCALE && canGrow(large)) {
      size *= 2;
      small = make(size);
      large = make(4 * size);
      continue;
    }
    if (measured.ratio <= maxRatio) return;
    attempts.push(`${measured.ratio.toFixed(1)}× (${measured.small.toFixed(1)} → ${measured.large.toFixed(1)} ms)`);
  }
  assert.fail(`${what}: time grew ${attempts.join(', then ')} from n=${size} to 4n in three measurements; linear is about 4×, the limit ${maxRatio}×`);
}
