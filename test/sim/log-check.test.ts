import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { parseScenario, runScenario } from '../../src/scenario/index.js';
import { checkEventLog, formatEventLine, replayEvents, serializeWorld, type SimEvent } from '../../src/sim/index.js';
import { BASE_SETUP, frontEndVm } from './fixtures.js';
import { makePlan, mustExecute, startSimulation } from './helpers.js';

/*
 * A log read from disk is checked line by line against the event catalogue and the world so far, and refused at
 * its first bad line; every story's log reads back to the same world, line for line.
 */

const stories = readdirSync('scenarios').filter((name) => name.endsWith('.yaml') && !name.startsWith('plan-')).sort();

function logOf(file: string): { events: readonly SimEvent[]; text: string } {
  const path = `scenarios/${file}`;
  const events = [...runScenario(parseScenario(readFileSync(path, 'utf8'), path)).events];
  return { events, text: events.map((event) => `${formatEventLine(event)}\n`).join('') };
}

const SHARED_KEY = logOf('05-site-to-site-shared-key.yaml');
const LINES = SHARED_KEY.text.trimEnd().split('\n');

/** The 1-based number of the first line that satisfies `test`. */
function lineWhere(test: (event: Record<string, unknown>) => boolean): number {
  return LINES.findIndex((line) => test(JSON.parse(line) as Record<string, unknown>)) + 1;
}

function edited(edit: (lines: string[]) => void): string {
  const lines = [...LINES];
  edit(lines);
  return `${lines.join('\n')}\n`;
}

function problemOf(text: string): { line: number; message: string } {
  const reading = checkEventLog(text);
  if (reading.ok) return expect.unreachable('a damaged log was accepted');
  return reading.problem;
}

describe('every story log reads back', () => {
  it.each(stories)('%s: every line validates and the log folds to the same world, line for line', (file) => {
    const { events, text } = logOf(file);
    const reading = checkEventLog(text);
    if (!reading.ok) expect.unreachable(`line ${reading.problem.line}: ${reading.problem.message}`);
    expect(reading.events.map((event) => `${formatEventLine(event)}\n`).join('')).toBe(text);
    expect(serializeWorld(reading.world)).toBe(serializeWorld(replayEvents(events)));
  });
});

describe('an emulator session log reads back', () => {
  it('a network configuration replaced under a running VM (VNets removed and redefined) folds to the same world', () => {
    const sim = startSimulation();
    mustExecute(sim, ...BASE_SETUP, frontEndVm('web', 'web1'));
    sim.advanceTo(3_600_000);
    const plan = makePlan([{ name: 'CorpNet', affinityGroup: 'CorpAG', addressSpace: ['10.1.0.0/16'], subnets: { FrontEnd: '10.1.1.0/24', BackEnd: '10.1.2.0/29', Data: '10.1.3.0/24' } }]);
    mustExecute(sim, { type: 'setNetworkConfig', plan });
    expect([...sim.events].some((event) => event.type === 'vnet.removed')).toBe(true);
    const reading = checkEventLog([...sim.events].map((event) => `${formatEventLine(event)}\n`).join(''));
    if (!reading.ok) expect.unreachable(`line ${reading.problem.line}: ${reading.problem.message}`);
    expect(serializeWorld(reading.world)).toBe(serializeWorld(sim.world));
  });
});

describe('a damaged log is refused at its first bad line', () => {
  const vmLine = lineWhere((e) => e['type'] === 'vm.stateChanged');
  const dipLine = lineWhere((e) => e['type'] === 'dip.allocated');
  it.each([
    ['one line removed', edited((l) => l.splice(9, 1)), 10, 'seq 11 after seq 9: 1 event is missing before this line'],
    ['a renamed field', edited((l) => { l[vmLine - 1] = l[vmLine - 1]!.replace('"vm":', '"name":'); }), vmLine, "vm.stateChanged: field 'vm' missing, field 'name' not part of this event"],
    ['a missing field', edited((l) => { l[vmLine - 1] = l[vmLine - 1]!.replace(/,"to":"\w+"/, ''); }), vmLine, "vm.stateChanged: field 'to' missing"],
    ['a wrong value type', edited((l) => { l[dipLine - 1] = l[dipLine - 1]!.replace('"static":false', '"static":"no"'); }), dipLine, "dip.allocated: field 'static': expected boolean, received string"],
    ['a value outside its set', edited((l) => { l[vmLine - 1] = l[vmLine - 1]!.replace(/"to":"\w+"/, '"to":"Running"'); }), vmLine, "vm.stateChanged: field 'to'"],
    ['a duplicated line', edited((l) => l.splice(5, 0, l[5]!)), 7, 'seq 6 after seq 6: a line is repeated or out of order'],
    ['a truncated last line', edited((l) => { l[l.length - 1] = l[l.length - 1]!.slice(0, 30); }), LINES.length, 'not JSON'],
    ['an unknown type', edited((l) => { l[3] = l[3]!.replace(/"type":"[\w.]+"/, '"type":"vm.teleported"'); }), 4, "unknown event type 'vm.teleported'"],
    ['time going back', edited((l) => { l[l.length - 1] = l[l.length - 1]!.replace(/"time":\d+/, '"time":0'); }), LINES.length, 'goes back'],
    ['an object nobody created', edited((l) => { l[vmLine - 1] = l[vmLine - 1]!.replace(/"service":"\w+"/, '"service":"ghost"'); }), vmLine, 'vm ghost/'],
    ['a DIP outside its subnet', edited((l) => { l[dipLine - 1] = l[dipLine - 1]!.replace(/"ip":"[\d.]+"/, '"ip":"192.0.2.77"'); }), dipLine, 'leaves a world the platform never had'],
    ['a second world.started', edited((l) => l.splice(4, 1, l[0]!.replace('"seq":1', '"seq":5'))), 5, 'a log starts with world.started, once'],
    ['not an object', edited((l) => { l[2] = '[1,2]'; }), 3, 'not an event'],
    ['an empty file', '', 1, 'the log holds no event'],
  ])('%s', (_name, text, line, message) => {
    const problem = problemOf(text);
    expect(problem.line).toBe(line);
    expect(problem.message).toContain(message);
    expect(problem.message).toContain('write the log again with `vnetsim run --log`');
  });
});

describe('mutated logs', () => {
  // A PaaS story and a gateway story: between them every domain of the catalogue.
  const SOURCES = [logOf('03-service-becomes-paas.yaml'), SHARED_KEY].map((log) => log.text.trimEnd().split('\n'));
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('repeat' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.nat() }),
    fc.record({ kind: fc.constant('set' as const), at: fc.nat(), key: fc.constantFrom('seq', 'time', 'type', 'service', 'vm', 'ip', 'vnet', 'to', 'static', 'extra'), value: fc.jsonValue({ maxDepth: 2 }) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), key: fc.constantFrom('seq', 'time', 'type', 'service', 'vm', 'ip', 'subnet', 'from') }),
  );
  type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

  function mutate(lines: string[], m: Mutation): void {
    const at = m.at % lines.length;
    if (m.kind === 'drop') lines.splice(at, 1);
    else if (m.kind === 'repeat') lines.splice(at, 0, lines[at]!);
    else if (m.kind === 'swap') [lines[at], lines[m.with % lines.length]] = [lines[m.with % lines.length]!, lines[at]!];
    else if (m.kind === 'cut') lines[at] = lines[at]!.slice(0, m.length % (lines[at]!.length + 1));
    else if (isJsonObject(lines[at]!)) {
      const event = JSON.parse(lines[at]!) as Record<string, unknown>;
      if (m.kind === 'set') event[m.key] = m.value;
      else delete event[m.key];
      lines[at] = JSON.stringify(event);
    }
  }

  function isJsonObject(line: string): boolean {
    try {
      const value: unknown = JSON.parse(line);
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    } catch {
      return false;
    }
  }

  test.prop([fc.constantFrom(...SOURCES), fc.array(mutation, { minLength: 1, maxLength: 3 })], { numRuns: 150 })(
    'are refused at a line of the file or accepted as a log that folds and re-logs exactly, never a crash',
    (source, mutations) => {
      const lines = [...source];
      for (const m of mutations) mutate(lines, m);
      const text = `${lines.join('\n')}\n`;
      const reading = checkEventLog(text);
      if (!reading.ok) {
        expect(reading.problem.line).toBeGreaterThanOrEqual(1);
        expect(reading.problem.line).toBeLessThanOrEqual(Math.max(1, lines.length));
        return;
      }
      // Accepted: then it is a log the checker stands behind, and reading it twice agrees.
      expect(reading.events.map(formatEventLine)).toEqual(lines.filter((line) => line.trim() !== '').map((line) => formatEventLine(JSON.parse(line) as SimEvent)));
      expect(serializeWorld(replayEvents(reading.events))).toBe(serializeWorld(reading.world));
    },
  );
});
