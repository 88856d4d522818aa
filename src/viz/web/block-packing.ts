/** A rectangle's extent, in layout units. */
export interface Size {
  width: number;
  height: number;
}

/** Where a packed item's top-left corner goes, relative to the packing's own top-left corner. */
export interface Offset {
  x: number;
  y: number;
}

/** Items placed in rows, and the extent of the whole. */
export interface Packing extends Size {
  offsets: Offset[];
}

/** Packs items left to right in rows of at most `columns`, each row as tall as its tallest item. */
export function packInRows(sizes: readonly Size[], columns: number, gap: number): Packing {
  const offsets: Offset[] = [];
  let width = 0;
  let y = 0;
  for (let start = 0; start < sizes.length; start += columns) {
    const row = sizes.slice(start, start + columns);
    let x = 0;
    for (const size of row) {
      offsets.push({ x, y });
      x += size.width + gap;
    }
    width = Math.max(width, x - gap);
    y += Math.max(...row.map((s) => s.height)) + gap;
  }
  return { offsets, width, height: Math.max(0, y - gap) };
}

/**
 * Packs items in rows, choosing the row length whose overall shape is closest to `aspect` (width / height): a screen
 * is wider than tall, so the drawing fills it instead of growing into a strip. Deterministic: ties keep fewer columns.
 */
export function packToAspect(sizes: readonly Size[], aspect: number, gap: number): Packing {
  let best = packInRows(sizes, Math.max(1, sizes.length), gap);
  let bestMiss = Infinity;
  for (let columns = 1; columns <= sizes.length; columns++) {
    const packing = packInRows(sizes, columns, gap);
    const miss = Math.abs(Math.log(Math.max(packing.width, 1) / Math.max(packing.height, 1) / aspect));
    if (miss < bestMiss) {
      best = packing;
      bestMiss = miss;
    }
  }
  return best;
}

/** Packs items left to right, starting a new row when the next would pass `maxWidth` (text flowing in a paragraph). */
export function flowInRows(sizes: readonly Size[], maxWidth: number, gap: number): Packing {
  const offsets: Offset[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  let width = 0;
  for (const size of sizes) {
    if (x > 0 && x + size.width > maxWidth) {
      x = 0;
      y += rowHeight + gap;
      rowHeight = 0;
    }
    offsets.push({ x, y });
    x += size.width + gap;
    width = Math.max(width, x - gap);
    rowHeight = Math.max(rowHeight, size.height);
  }
  return { offsets, width, height: sizes.length === 0 ? 0 : y + rowHeight };
}
