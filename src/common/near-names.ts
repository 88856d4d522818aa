/** Most suggestions an unknown-name error lists. */
export const MAX_SUGGESTIONS = 5;

/**
 * Edit distance between two strings (insert, delete, substitute, or swap two neighbours — the commonest typo, so
 * `prot` is one edit from `port`, not two), case-insensitive.
 */
export function measureEditDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitute = (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1);
      let best = Math.min(substitute, (previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) best = Math.min(best, (beforePrevious[j - 2] ?? 0) + 1);
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[y.length] ?? 0;
}

/**
 * The known names closest to a misspelt one: those within a third of its length in edits (at least 2), or that
 * contain it, nearest first.
 */
export function findNearNames(wanted: string, known: Iterable<string>): string[] {
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  const needle = wanted.toLowerCase();
  const scored: { name: string; distance: number }[] = [];
  for (const name of known) {
    const distance = measureEditDistance(wanted, name);
    if (distance <= limit || name.toLowerCase().includes(needle)) scored.push({ name, distance });
  }
  scored.sort((p, q) => p.distance - q.distance || p.name.localeCompare(q.name));
  return scored.slice(0, MAX_SUGGESTIONS).map((s) => s.name);
}

/** The known names nearest a misspelt one, only those tied for nearest: what a "did you mean" offers. */
export function findNearestNames(wanted: string, known: Iterable<string>): string[] {
  const near = findNearNames(wanted, known);
  const best = near[0] === undefined ? 0 : measureEditDistance(wanted, near[0]);
  return near.filter((name) => measureEditDistance(wanted, name) === best);
}
