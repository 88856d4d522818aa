/** Most suggestions an unknown-name error lists. */
export const MAX_SUGGESTIONS = 5;

/** Edit distance between two strings (insert, delete, substitute), case-insensitive. */
export function measureEditDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitute = (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1);
      current.push(Math.min(substitute, (previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1));
    }
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
