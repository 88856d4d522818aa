import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkEventLog, formatEventLine, replayEvents, serializeWorld, type SimEventOf } from '../../src/sim/index.js';
import { parseScenario, runScenarioToWorld } from '../../src/scenario/index.js';

/** Stories whose timelines hold commands the engine refuses (each has a commandRefused expectation). */
const STORIES_WITH_REFUSALS = [
  'scenarios/01-vnet-spans-two-services.yaml',
  'scenarios/02-image-vs-disk.yaml',
  'scenarios/03-service-becomes-paas.yaml',
  'scenarios/05-site-to-site-shared-key.yaml',
  'scenarios/12-too-many-tunnels.yaml',
];

function runToLog(path: string) {
  const { report, world } = runScenarioToWorld(parseScenario(readFileSync(path, 'utf8'), path));
  return { report, world, log: [...report.events].map((e) => `${formatEventLine(e)}\n`).join('') };
}

describe('refused commands are in the --log as events that change nothing', () => {
  it.each(STORIES_WITH_REFUSALS)('%s: one command.refused per refusal, same bytes twice, and the log replays to the run’s world', (path) => {
    const first = runToLog(path);
    expect(runToLog(path).log).toBe(first.log);

    const refusedEvents = [...first.report.events].filter((e): e is SimEventOf<'command.refused'> => e.type === 'command.refused');
    expect(refusedEvents.map((e) => [e.time, e.command, e.code, e.message, e.at])).toEqual(first.report.refused.map((r) => [
      r.atMs, r.command.type, r.code, r.message, r.at === undefined ? undefined : `${r.at.file}:${r.at.line}:${r.at.column}`,
    ]));

    const reading = checkEventLog(first.log);
    if (!reading.ok) expect.unreachable(`line ${reading.problem.line}: ${reading.problem.message}`);
    expect(serializeWorld(reading.world)).toBe(serializeWorld(first.world));
    const withoutRefusals = [...first.report.events].filter((e) => e.type !== 'command.refused');
    expect(serializeWorld(replayEvents(withoutRefusals))).toBe(serializeWorld(first.world));
  });

  it('names the objects the refusal is about', () => {
    const { report } = runToLog('scenarios/03-service-becomes-paas.yaml');
    expect([...report.events].find((e) => e.type === 'command.refused')).toMatchObject({ command: 'createVm', code: 'service-kind-mismatch', objects: expect.arrayContaining(['service:shop']) });
  });
});
