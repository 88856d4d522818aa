import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUZZED_LOADERS, corpusDir } from './loaders.js';
import { createRng, mutate } from './mutator.js';

/** Inputs per loader in `npm test`: enough to catch a regression, few enough to keep the suite under a minute. */
const RUNS_PER_LOADER = Number(process.env['FUZZ_TEST_RUNS'] ?? 250);
/** Fixed so a failure here is reproduced by running the test again; `npm run fuzz` explores other seeds. */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_206);

describe.each(FUZZED_LOADERS)('fuzzed loader $name', (loader) => {
  it(`gives a value or a clean diagnostic for ${RUNS_PER_LOADER} mutated inputs (seed ${SEED})`, () => {
    const seeds = loader.seeds();
    const rng = createRng(SEED);
    const outcomes = { value: 0, diagnostic: 0 };
    for (let n = 0; n < RUNS_PER_LOADER; n++) {
      const input = mutate(seeds, rng);
      try {
        outcomes[loader.load(input)]++;
      } catch (error) {
        throw new Error(`input ${n} of seed ${SEED} broke ${loader.name}: ${String(error)}\n--- input (first 500 chars) ---\n${input.slice(0, 500)}`);
      }
    }
    // The mutator must reach both sides of every loader, or it tests nothing.
    expect(outcomes.diagnostic).toBeGreaterThan(0);
    expect(outcomes.value + outcomes.diagnostic).toBe(RUNS_PER_LOADER);
  }, 120_000);

  it('replays every input in its corpus cleanly', () => {
    const dir = corpusDir(loader.name);
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => !f.startsWith('.')) : [];
    for (const file of files) expect(() => loader.load(readFileSync(join(dir, file), 'utf8')), file).not.toThrow();
  });
});
