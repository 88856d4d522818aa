import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runPsScript } from '../../src/cli/ps-run.js';
import { formatPsRecording } from '../../src/cli/ps-world.js';
import { summarizeWorld } from '../../src/powershell/index.js';
import { parseScenario, runScenario } from '../../src/scenario/index.js';
import { formatEventLine, replayEvents } from '../../src/sim/index.js';

const CORPUS = 'test/powershell/corpus';

/** What a corpus script must do: its exit code, console lines (in order, each a prefix match) and the world it leaves. */
interface Expectation {
  worldFile?: string;
  exitCode: number;
  console: string[];
  world: Record<string, unknown>;
}

describe('corpus: the era\'s scripts run end to end', () => {
  for (const name of readdirSync(CORPUS).sort()) {
    it(name, async () => {
      const dir = join(CORPUS, name);
      const expected = parse(readFileSync(join(dir, 'expect.yaml'), 'utf8')) as Expectation;
      const answers = join(dir, 'answers.yaml');
      const run = await runPsScript(join(dir, 'script.ps1'), {
        answers: existsSync(answers) ? answers : undefined,
        world: expected.worldFile === undefined ? undefined : join(dir, expected.worldFile),
      });
      const console = run.host.lines;
      let from = 0;
      for (const line of expected.console) {
        const at = console.findIndex((printed, i) => i >= from && printed.startsWith(line));
        expect(at, `console line starting "${line}" after line ${from} in:\n${console.join('\n')}`).toBeGreaterThanOrEqual(0);
        from = at + 1;
      }
      expect(run.result.exitCode).toBe(expected.exitCode);
      expect(summarizeWorld(run.world.engine.sim.world, run.world.engine.state.compute)).toMatchObject(expected.world);
      // --record: the run written as a scenario replays to the same world; with no refused command in between, to the
      // same event log byte for byte (a refusal is logged by the run but never recorded as a command).
      const replayed = runScenario(parseScenario(formatPsRecording(run.world), `${name}.recorded.yaml`), {});
      const events = run.world.engine.sim.events;
      if ([...events].every((e) => e.type !== 'command.refused')) expect([...replayed.events].map(formatEventLine)).toEqual([...events].map(formatEventLine));
      expect(summarizeWorld(replayEvents(replayed.events), run.world.engine.state.compute)).toEqual(summarizeWorld(run.world.engine.sim.world, run.world.engine.state.compute));
    });
  }
});
