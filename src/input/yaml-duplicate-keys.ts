import { isScalar, visit, type Document } from 'yaml';

/**
 * Offsets of every mapping key that repeats an earlier scalar key of the same mapping, found in one pass with a set per
 * mapping. The `yaml` library's own `uniqueKeys` check compares each key with every earlier one: 60,000 keys in one
 * mapping took 254 s (found by `npm run fuzz`). Like the library, keys that are collections are never duplicates.
 */
export function findDuplicateKeys(doc: Document.Parsed): number[] {
  const offsets: number[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        if (!seen.has(key.value)) seen.add(key.value);
        else if (key.range) offsets.push(key.range[0]);
      }
    },
  });
  return offsets;
}
