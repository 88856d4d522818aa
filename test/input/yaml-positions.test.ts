import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { parseYamlDocument } from '../../src/input/index.js';
import { readPlainYaml } from '../../src/input/plain-yaml-reader.js';

/** A plain-subset document of `lines` entries, some lines blank, some commented, so line lengths vary. */
function documentOf(lines: readonly number[]): string {
  return `${lines.map((kind, i) => (kind % 5 === 0 ? '' : kind % 7 === 0 ? `# note ${i}` : `k${i}: ${'v'.repeat(kind % 11 + 1)}`)).join('\n')}\nend: 1\n`;
}

describe('positions in a document the plain reader read', () => {
  test.prop([fc.array(fc.nat(40), { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { minLength: 1, maxLength: 60 })], { numRuns: 300 })(
    'are the yaml LineCounter\'s for offsets asked in any order, forwards, backwards and far apart',
    (lines, picks) => {
      const text = documentOf(lines);
      expect(readPlainYaml(text)).toBeDefined();
      const source = parseYamlDocument(text, 'plan.yaml');
      const counter = new LineCounter();
      parseDocument(text, { lineCounter: counter });
      // mostly small steps forward (as loaders ask), with jumps from the picks' high bits
      let offset = 0;
      for (const pick of picks) {
        offset = pick % 4 === 0 ? pick % (text.length + 1) : Math.min(text.length, offset + (pick % 23));
        expect(source.tree.linePos(offset), `offset ${offset}`).toEqual(counter.linePos(offset));
      }
    },
  );
});
