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

/** The best candidate for `name`: same word in another case, singular/plural, or a small typo. */
export function closestMatch(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: { candidate: string; score: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const other = candidate.toLowerCase();
    let score: number;
    if (other === lower) score = 0;
    else if (other === `${lower}s` || `${other}s` === lower || other === `${lower}es`) score = 0.5;
    else {
      const distance = levenshtein(lower, other);
      if (distance > Math.max(1, Math.floor(Math.max(lower.length, other.length) / 4))) continue;
      score = distance;
    }
    if (!best || score < best.score) best = { candidate, score };
  }
  return best?.candidate;
}
