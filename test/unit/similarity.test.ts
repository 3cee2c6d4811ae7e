import * as assert from 'node:assert/strict';
import { closestMatch, levenshtein } from '../../src/core/text/similarity';

/** The textbook dynamic programme, to check the trimmed and bounded version against. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

describe('similarity', () => {
  it('levenshtein agrees with the textbook distance, including shared prefixes and suffixes', () => {
    const words = ['', 'a', 'tags', 'tag', 'kitten', 'sitting', 'blog/fosdem-2025/img-x.webp', 'blog/fosdem-2025/img-17.webp', 'blog/fosdem-2024/img-17.webp', 'aaa', 'aaaa', 'abcabc', 'cabcab'];
    for (const a of words) for (const b of words) assert.equal(levenshtein(a, b), reference(a, b), `${a} / ${b}`);
  });

  it('levenshtein with a bound returns max + 1 once the distance must exceed it, and exact values within it', () => {
    assert.equal(levenshtein('kitten', 'sitting', 3), 3);
    assert.equal(levenshtein('kitten', 'sitting', 2), 3);
    assert.equal(levenshtein('short', 'a much longer name', 2), 3);
    assert.equal(levenshtein('', 'abcdef', 2), 3);
    assert.equal(levenshtein('blog/fosdem-2025/img-x.webp', 'blog/fosdem-2025/img-17.webp', 2), 2);
  });

  it('closestMatch suggests plurals and small typos, not far-off names', () => {
    assert.equal(closestMatch('tag', ['tags', 'title']), 'tags');
    assert.equal(closestMatch('titl', ['tags', 'title']), 'title');
    assert.equal(closestMatch('zebra', ['tags', 'title']), undefined);
  });
});
