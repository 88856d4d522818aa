import { describe, expect, it } from 'vitest';
import { InputError, type Diagnostic } from '../../src/common/index.js';
import { parseScenario, runScenario } from '../../src/scenario/index.js';

const FILE = 'connect.yaml';
const header = (era: string): string => `name: t\nseed: 1\nera: ${era}\n`;

function problemsOf(text: string): readonly Diagnostic[] {
  try {
    parseScenario(text, FILE);
    return [];
  } catch (error) {
    if (error instanceof InputError) return error.diagnostics;
    throw error;
  }
}

describe('Connect in scenario files', () => {
  it.each([
    ['2013-07', 0],
    ['2012', 0],
    ['2013-08', 1],
    ['2014', 1],
  ])('a Connect command in era %s: %d feature-era problem(s)', (era, count) => {
    const problems = problemsOf(`${header(era)}timeline:\n  - at: 1m\n    installConnectAgent: { machine: laptop, os: Windows }\n`);
    expect(problems.filter((p) => p.rule === 'feature-era')).toHaveLength(count);
    for (const p of problems) {
      expect(p.message).toContain('retired on 2013-07-03');
      expect(p.message).toContain('point-to-site');
      expect(p.message).toContain('an era before 2013-08');
    }
  });

  it.each([
    ['both forms', '{ machine: laptop, os: Windows, service: web, vm: vm1 }'],
    ['a machine without its OS', '{ machine: laptop }'],
    ['a VM without its service', '{ vm: vm1 }'],
  ])('refuses installConnectAgent with %s at load', (_name, parameters) => {
    const problems = problemsOf(`${header('2012')}timeline:\n  - at: 1m\n    installConnectAgent: ${parameters}\n`);
    expect(problems.map((p) => p.message).join('\n')).toContain('name either an on-premises machine ({ machine, os }) or an IaaS VM ({ service, vm })');
  });

  it('checks Connect blocker names in noConnectReach at load', () => {
    const problems = problemsOf(`${header('2012')}expect:\n  - at: 1m\n    noConnectReach: { from: a, to: b, blocker: connect-not-friends }\n`);
    expect(problems.map((p) => p.rule)).toEqual(['invalid-value']);
  });

  it('judges every Connect expectation kind, holding and failing', () => {
    const text = `${header('2012')}timeline:
  - at: 1m
    installConnectAgent: { machine: a, os: Windows }
  - at: 1m
    installConnectAgent: { machine: b, os: Windows }
  - at: 2m
    activateConnectAgent: { machine: a }
  - at: 2m
    activateConnectAgent: { machine: b }
  - at: 3m
    setConnectGroup: { name: G, endpoints: [a, b], interconnected: true }
expect:
  - at: 1m
    connectAgent: { machine: a, is: installed }
  - at: 2m
    noConnectReach: { from: a, to: b, blocker: connect-not-in-group }
  - at: 3m
    connectAgent: { machine: a, is: activated, group: G }
  - at: 3m
    connectReach: { from: a, to: b }
  - at: 3m
    connectName: { from: b, name: a, resolves: true }
  - at: 3m
    connectReach: { from: a, to: nobody }
  - at: 3m
    connectReach: { from: a, to: b, ip: ipv4 }
`;
    const verdicts = runScenario(parseScenario(text, FILE)).expectations.map((r) => [r.description, r.status === 'held', r.actual]);
    expect(verdicts.map(([, holds]) => holds)).toEqual([true, true, true, true, true, false, false]);
    expect(verdicts[5]?.[2]).toBe("no machine with the Connect agent, role instance or VM is named 'nobody'");
    expect(String(verdicts[6]?.[2])).toMatch(/^blocked: connect-ipv4-only/);
    expect(String(verdicts[4]?.[2])).toMatch(/^resolves to 2001:db8:ac:0:/);
  });
});
