// Worst-case figures for the renderer (issue 9): adversarial posts at n and 4n. The growth ratio shows
// the complexity (linear ≈ 4×, quadratic ≈ 16×); our render time beside plain markdown-it on the same
// text shows what the plugins and the sanitiser add where markdown-it itself is cheapest or dearest.
import { createPlainRenderer, renderPost } from '../../src/core/render/render';
import { measureGrowth } from '../unit/growth';
import type { Figure } from './timing';

export interface WorstCase {
  name: string;
  /** n: one render takes a few milliseconds at least. */
  n: number;
  make: (n: number) => string;
}

function table(rows: number): string {
  const lines = ['| talk | speaker | room | link |', '|:--|:-:|--:|---|'];
  for (let i = 0; i < rows; i++) {
    lines.push(`| Talk **${i}** <b onclick=x>b</b> | [Speaker ${i}](https://fosdem.org/2025/schedule/speaker/s${i}/) | UD2.${i % 200} | <script>alert(${i})</script> {{< image href="/x${i}.webp" >}} |`);
  }
  return lines.join('\n');
}

// n is chosen so that 4n is the size each class was reported at (issue 9: a 90 KB post of 30,000 `<a `,
// 50,000 stray closers) or the size of the pathological-input unit test.
export const WORST_CASES: WorstCase[] = [
  { name: 'HTML block "<div " then n × "<a " (no >)', n: 7500, make: n => `<div ${'<a '.repeat(n)}` },
  { name: 'the same, then a quote that swallows the last >', n: 7500, make: n => `<div ${'<a '.repeat(n)}x=">` },
  { name: 'n × <b> then n × </i>', n: 12500, make: n => '<b>'.repeat(n) + '</i>'.repeat(n) },
  { name: 'deep nesting: n × <div>', n: 5000, make: n => '<div>'.repeat(n) },
  { name: 'unclosed quotes: n × <a href="', n: 2500, make: n => '<a href="'.repeat(n) },
  { name: 'long attribute list: <a with n attributes>', n: 2500, make: n => `<a ${Array.from({ length: n }, (_, i) => `data-a${i}="v${i}" title='t'`).join(' ')}>x</a>` },
  { name: 'n × {{<', n: 7500, make: n => '{{<'.repeat(n) },
  { name: 'n × [', n: 12500, make: n => '['.repeat(n) },
  { name: 'n × *', n: 25000, make: n => '*'.repeat(n) },
  { name: 'a table of n rows (raw HTML, links, shortcodes)', n: 500, make: table },
];

/** Each class at n and 4n (fastest of interleaved rounds), ours and plain markdown-it. */
export async function benchWorstCase(): Promise<Figure[]> {
  const plain = createPlainRenderer();
  const figures: Figure[] = [];
  for (const { name, n, make } of WORST_CASES) {
    const small = make(n);
    const large = make(4 * n);
    const ours = measureGrowth(small, large, text => renderPost(text), 7);
    const yardstick = measureGrowth(small, large, text => plain.render(text), 7);
    figures.push({ name: `worst case: ${name}, n=${n.toLocaleString('en')} → 4n: ours ${ours.small.toFixed(1)} → ${ours.large.toFixed(1)} ms; growth`, value: ours.ratio, unit: '×', budget: '≤ 5×' });
    figures.push({ name: `  beside plain markdown-it at 4n (${yardstick.large.toFixed(1)} ms, growth ${yardstick.ratio.toFixed(1)}×)`, value: ours.large / Math.max(yardstick.large, 0.05), unit: '×', budget: '≤ 3×' });
  }
  return figures;
}
