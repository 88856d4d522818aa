import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findFreePrefixes } from '../../../src/cli/free.js';
import { InputError } from '../../../src/common/index.js';
import { checkPlan } from '../../../src/ipam/index.js';
import { parseNetworkPlan } from '../../../src/input/network-load.js';

const EXAMPLES = ['scenarios/multi-site.netcfg.xml', 'scenarios/plan-mistakes.yaml', 'scenarios/plan-hybrid-multisite.yaml'].map(
  (file) => readFileSync(file, 'utf8'),
);

/** Fragments that break markup, YAML structure, names and prefixes in interesting ways. */
const FRAGMENTS = ['<', '>', '&', '&a;', '&#0;', '"', "'", '/', ':', '- ', '\n', '{', '}', '[', ']', '*a', '&a ', '!', '/33', '::', '\t', '\u0000', '<!--', ']]>', 'x'];

/** One edit of a text: insert a fragment, delete a few characters, or copy a slice of the text elsewhere. */
type Edit =
  | { kind: 'insert'; at: number; fragment: string }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'copy'; at: number; from: number; count: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), fragment: fc.constantFrom(...FRAGMENTS) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('copy' as const), at: fc.nat(), from: fc.nat(), count: fc.integer({ min: 1, max: 40 }) }),
);

function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const e of edits) {
    const at = e.at % (out.length + 1);
    if (e.kind === 'insert') out = out.slice(0, at) + e.fragment + out.slice(at);
    else if (e.kind === 'delete') out = out.slice(0, at) + out.slice(at + e.count);
    else {
      const from = e.from % (out.length + 1);
      out = out.slice(0, at) + out.slice(from, from + e.count) + out.slice(at);
    }
  }
  return out;
}

/** Generous: this bounds a hang, it does not measure speed. */
const FUZZ_TIMEOUT_MS = 60_000;

describe('damaged plan files', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test.prop([fc.nat({ max: EXAMPLES.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 4 })], { numRuns: 400 })(
    'either load and check, or fail as an InputError with positions: never another exception',
    (example, edits) => {
      const text = applyEdits(EXAMPLES[example] as string, edits);
      try {
        const { plan } = parseNetworkPlan(text, 'damaged');
        for (const d of checkPlan(plan)) expect(d.line >= 1 && d.column >= 1).toBe(true);
        for (const vnet of plan.vnets) {
          try {
            findFreePrefixes(plan, { vnet: vnet.name, length: 27, count: 2 });
          } catch (error) {
            if (!(error instanceof InputError)) throw error;
          }
        }
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        expect(error.diagnostics.length).toBeGreaterThan(0);
        for (const d of error.diagnostics) {
          expect([d.file, d.line >= 1, d.column >= 1, d.message.length > 0]).toEqual(['damaged', true, true, true]);
        }
      }
    },
    // 400 parse-and-check runs take ~3 s alone and over 12 s beside the rest of the suite on 2 shared cores
    FUZZ_TIMEOUT_MS,
  );

  it('reports a collection used as a key at its map, without the YAML library warning on stderr', () => {
    const warn = vi.spyOn(process, 'emitWarning');
    const text = 'network:\n  virtualNetworkSites:\n    - name: V\n      location: X\n      addressSpace: [10.0.0.0/16]\n      ? [a, b]\n      : 1\n';
    let error: unknown;
    try {
      parseNetworkPlan(text, 'key.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).diagnostics.map((d) => [d.line, d.column, d.rule])).toEqual([[3, 7, 'unknown-key']]);
    expect(warn).not.toHaveBeenCalled();
  });
});
