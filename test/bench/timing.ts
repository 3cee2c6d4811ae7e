// Shared by the bench scripts: one figure of `npm run bench`, and median timing of repeated work.
import { performance } from 'node:perf_hooks';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  budget?: string;
}

export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median milliseconds of `runs` calls of `work`, after `warmup` untimed calls (JIT, caches). */
export function timeMedian(runs: number, work: () => void, warmup: number): number {
  for (let i = 0; i < warmup; i++) work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** The figures as an aligned table on stdout. */
export function printFigures(figures: Figure[]): void {
  const width = Math.max(...figures.map(f => f.name.length));
  for (const f of figures) console.log(`${f.name.padEnd(width)}  ${f.value.toFixed(f.value < 10 ? 2 : 0).padStart(8)} ${f.unit}${f.budget ? `   (budget ${f.budget})` : ''}`);
}
