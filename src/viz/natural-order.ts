/**
 * Orders names as people read them: digit runs compare by value, so vm4 comes before vm12 (text order puts vm12
 * first). Equal-valued runs with different zero padding (vm01, vm1) and otherwise equal names fall back to plain
 * code-unit order, so the result is a total order and sorting stays deterministic.
 */
export function compareNatural(a: string, b: string): number {
  const left = a.match(CHUNKS) ?? [];
  const right = b.match(CHUNKS) ?? [];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i] as string;
    const y = right[i] as string;
    if (x === y) continue;
    if (isDigits(x) && isDigits(y)) {
      const byValue = compareDigitRuns(x, y);
      if (byValue !== 0) return byValue;
      continue;
    }
    return compareText(x, y);
  }
  return left.length - right.length || compareText(a, b);
}

/** Splits a name into alternating runs of digits and non-digits. */
const CHUNKS = /\d+|\D+/g;

function isDigits(chunk: string): boolean {
  return chunk.charCodeAt(0) >= 48 && chunk.charCodeAt(0) <= 57;
}

// Compared as strings without leading zeros, so runs longer than a double's precision still order by value.
function compareDigitRuns(x: string, y: string): number {
  const a = x.replace(/^0+/, '');
  const b = y.replace(/^0+/, '');
  return a.length - b.length || compareText(a, b);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
