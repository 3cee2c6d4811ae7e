// Sorted, non-overlapping [start, end) ranges of a text (code, comments, shortcodes) that the talk rules skip.

export type Range = [number, number];

/** Whether `offset` falls inside one of `ranges` (sorted by start, not overlapping): a binary search. */
export function inside(ranges: Range[], offset: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid][1] <= offset) lo = mid + 1;
    else if (ranges[mid][0] > offset) hi = mid - 1;
    else return true;
  }
  return false;
}
