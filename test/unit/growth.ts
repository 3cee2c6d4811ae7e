// Complexity guards that hold on a slow or busy machine: never a limit in milliseconds, only how the
// time of one piece of code grows from input size n to 4n, measured in the same run. Linear code grows
// about 4×, quadratic code 16×; the default limit of 10× leaves room for noise and garbage collection.
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';

export interface GrowthOptions {
  /** The largest acceptable time(4n) / time(n); 10 by default (linear ≈ 4, quadratic ≈ 16). */
  maxRatio?: number;
  /** Timed runs of each size, interleaved; the fastest of each is kept (noise only ever adds time). */
  rounds?: number;
}

/** The fastest of the interleaved runs of `run(small)` and `run(large)`, and their ratio. */
export function measureGrowth<T>(small: T, large: T, run: (input: T) => unknown, rounds = 5): { small: number; large: number; ratio: number } {
  let bestSmall = Infinity;
  let bestLarge = Infinity;
  run(small); // warm-up: the JIT and lazy caches
  for (let i = 0; i < rounds; i++) {
    let start = performance.now();
    run(small);
    bestSmall = Math.min(bestSmall, performance.now() - start);
    start = performance.now();
    run(large);
    bestLarge = Math.min(bestLarge, performance.now() - start);
  }
  // A floor of 0.05 ms keeps a ratio of two near-zero times from meaning anything.
  const ratio = Math.max(bestLarge, 0.05) / Math.max(bestSmall, 0.05);
  return { small: bestSmall, large: bestLarge, ratio };
}

/**
 * Asserts that `run` grows at most `maxRatio`× from `make(n)` to `make(4n)`. Pick n so that one run takes
 * a few milliseconds at least: below that, timer resolution dominates.
 */
export function assertLinearGrowth<T>(what: string, n: number, make: (n: number) => T, run: (input: T) => unknown, options: GrowthOptions = {}): void {
  const small = make(n);
  const large = make(4 * n);
  const maxRatio = options.maxRatio ?? 10;
  // Other processes only ever add time, and to one size more than the other by chance: a second or
  // third measurement that stays under the limit shows the code is linear. Quadratic code is over it
  // every time (16× and more), so retrying never hides it.
  const attempts: string[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const measured = measureGrowth(small, large, run, options.rounds ?? 5);
    if (measured.ratio <= maxRatio) return;
    attempts.push(`${measured.ratio.toFixed(1)}× (${measured.small.toFixed(1)} → ${measured.large.toFixed(1)} ms)`);
  }
  assert.fail(`${what}: time grew ${attempts.join(', then ')} from n=${n} to 4n in three measurements; linear is about 4×, the limit ${maxRatio}×`);
}
