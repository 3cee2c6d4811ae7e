import * as assert from 'node:assert/strict';
import { closestMatch, KEY_MATCH, levenshtein, NAME_MATCH, type MatchOptions } from '../../src/core/text/similarity';

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

  it('closestMatch for keys suggests plurals and small typos, not far-off names', () => {
    assert.equal(closestMatch('tag', ['tags', 'title'], KEY_MATCH), 'tags');
    assert.equal(closestMatch('titl', ['tags', 'title'], KEY_MATCH), 'title');
    assert.equal(closestMatch('zebra', ['tags', 'title'], KEY_MATCH), undefined);
    assert.equal(closestMatch('tag', ['tab', 'tags'], KEY_MATCH), 'tags', 'a plural before a typo');
    assert.equal(closestMatch('box', ['boxes'], KEY_MATCH), 'boxes', 'a plural beyond the typo distance');
  });

  it('closestMatch for names allows more typos and no plurals', () => {
    assert.equal(closestMatch('imgae', ['image', 'note', 'talk'], NAME_MATCH), 'image');
    assert.equal(closestMatch('completely-different', ['image', 'note'], NAME_MATCH), undefined);
    assert.equal(closestMatch('box', ['boxes'], NAME_MATCH), 'boxes', 'two edits: within the least distance of names');
    assert.equal(closestMatch('tag', ['tags', 'TAG'], NAME_MATCH), 'TAG', 'the same name in another case first');
    assert.equal(closestMatch('tag', ['tab', 'tags'], NAME_MATCH), 'tab', 'the first of equal typos, plurals being typos');
    assert.equal(closestMatch('slides', ['slide'], NAME_MATCH), 'slide');
  });

  it('closestMatch with its early-exit distance picks what a full comparison of every candidate picks', () => {
    /** Every distance computed in full, the first best kept. */
    const reference = (name: string, candidates: string[], options: MatchOptions): string | undefined => {
      const lower = name.toLowerCase();
      let best: { candidate: string; score: number } | undefined;
      for (const candidate of candidates) {
        const other = candidate.toLowerCase();
        if (candidate === name) continue;
        const plural = options.plurals && (other === `${lower}s` || `${other}s` === lower || other === `${lower}es`);
        const score = other === lower ? 0 : plural ? 0.5 : levenshtein(lower, other);
        if (score > options.maxDistance(lower.length, other.length)) continue;
        if (!best || score < best.score) best = { candidate, score };
      }
      return best?.candidate;
    };
    const words = ['image', 'images', 'imag', 'Image', 'imgae', 'note', 'notes', 'talk', 'tags', 'tag', 'title', 'titles', 'date', 'data', 'draft', 'drafts',
      'box', 'boxes', 'cover.webp', 'cover-1.webp', 'cover-2.webp', 'covers.webp', 'posts/a', 'posts/b', 'post/a', 'categories', 'category', 'x', ''];
    for (const options of [NAME_MATCH, KEY_MATCH]) {
      for (const name of words) {
        for (let rotation = 0; rotation < words.length; rotation += 5) {
          const candidates = [...words.slice(rotation), ...words.slice(0, rotation)];
          assert.equal(closestMatch(name, candidates, options), reference(name, candidates, options), `${name} among ${candidates.join(',')}`);
        }
      }
    }
  });
});
