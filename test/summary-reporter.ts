import type { Reporter, TestModule } from 'vitest/node';

/** Prints the plain `N passed, N failed` closing line that CI reads (vitest's own summary is not read); skips go on the line before. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      const tests = [...mod.children.allTests()];
      for (const t of tests) {
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else if (state === 'skipped') skipped++;
      }
      // A file that fails to import has no tests but must still count as a failure.
      if (mod.state() === 'failed' && tests.length === 0) failed++;
    }
    failed += unhandledErrors.length;
    if (skipped > 0) console.log(`\n${skipped} skipped`);
    console.log(`\n${passed} passed, ${failed} failed`);
  }
}
