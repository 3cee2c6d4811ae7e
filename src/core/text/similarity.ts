// "Did you mean": the closest known name to a misspelt one.

/**
 * Edit distance between `a` and `b`. With `max`, stops as soon as the distance must exceed it and
 * returns `max + 1`: "did you mean" over thousands of file names only needs to know "close or not".
 */
export function levenshtein(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  // The common prefix and suffix never change the distance (paths share most of theirs).
  let start = 0;
  while (start < a.length && start < b.length && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) { endA--; endB--; }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0) return Math.min(n + m, max + 1);
  if (Math.abs(n - m) > max) return max + 1;
  let previous = new Uint32Array(m + 1);
  let current = new Uint32Array(m + 1);
  for (let j = 0; j <= m; j++) previous[j] = j;
  for (let i = 1; i <= n; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(start + i - 1);
    for (let j = 1; j <= m; j++) {
      const cost = ca === b.charCodeAt(start + j - 1) ? 0 : 1;
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[m], max + 1);
}

/** How near a candidate must be to suggest it. */
export interface MatchOptions {
  /** The largest edit distance still suggested, from the lengths of the misspelt name and of a candidate. */
  maxDistance: (nameLength: number, candidateLength: number) => number;
  /** A name's singular or plural (`tag`/`tags`, `box`/`boxes`) comes before any typo. */
  plurals?: boolean;
}

/** Paths, file names and shortcode names: up to a third of the name's length, at least 2. */
export const NAME_MATCH: MatchOptions = { maxDistance: nameLength => Math.max(2, Math.floor(nameLength / 3)) };

/** Front-matter keys, short words: up to a quarter of the longer one's length, at least 1; plurals first. */
export const KEY_MATCH: MatchOptions = { maxDistance: (nameLength, candidateLength) => Math.max(1, Math.floor(Math.max(nameLength, candidateLength) / 4)), plurals: true };

/**
 * The best candidate for `name`, compared case-insensitively: the same name in another case, then (with `plurals`)
 * its singular or plural, then the smallest typo within `maxDistance`; the first of equals. Undefined when none is near.
 */
export function closestMatch(name: string, candidates: Iterable<string>, options: MatchOptions): string | undefined {
  const lower = name.toLowerCase();
  let best: { candidate: string; score: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const other = candidate.toLowerCase();
    let score: number;
    if (other === lower) score = 0;
    else if (options.plurals && (other === `${lower}s` || `${other}s` === lower || other === `${lower}es`)) score = 0.5;
    else {
      const limit = options.maxDistance(lower.length, other.length);
      if (Math.abs(other.length - lower.length) > limit) continue;
      // Only a candidate nearer than the best so far matters: the distance can stop counting there.
      score = levenshtein(lower, other, best ? Math.min(best.score, limit) : limit);
      if (score > limit) continue;
    }
    if (!best || score < best.score) best = { candidate, score };
  }
  return best?.candidate;
}
