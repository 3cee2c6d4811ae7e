// "Did you mean": the closest known name to a misspelt one.

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
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
