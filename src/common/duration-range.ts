/**
 * A duration the live API reported as a range (asm-recorded.md §8): each operation draws its own from the seeded RNG,
 * half of the draws at or below the median and half above, so runs show the recorded spread and a seed repeats it.
 */
export interface DurationRange {
  minMs: number;
  medianMs: number;
  maxMs: number;
}

/** A range that always gives `ms`, for a scenario or a test that pins an operation's time. */
export function fixedDurationRange(ms: number): DurationRange {
  return { minMs: ms, medianMs: ms, maxMs: ms };
}

/**
 * Draws one duration within a range: a coin picks the lower or upper half (min–median, median–max), then a uniform
 * draw within it, so the median is the recorded one. Whole milliseconds; a range written out of order is sorted.
 */
export function drawDurationMs(range: DurationRange, random: { nextFloat(): number }): number {
  // Three compare-and-swaps instead of an array sort: every VM draws its boot time here.
  let low = range.minMs;
  let median = range.medianMs;
  let high = range.maxMs;
  if (low > median) [low, median] = [median, low];
  if (median > high) [median, high] = [high, median];
  if (low > median) [low, median] = [median, low];
  const isUpper = random.nextFloat() >= 0.5;
  const from = isUpper ? median : low;
  const to = isUpper ? high : median;
  return Math.round(from + (to - from) * random.nextFloat());
}

/** True when a profile value is a duration range (`{minMs, medianMs, maxMs}`), not a single duration. */
export function isDurationRange(value: unknown): value is DurationRange {
  return value !== null && typeof value === 'object' && 'minMs' in value && 'medianMs' in value && 'maxMs' in value;
}
