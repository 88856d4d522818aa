import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/common/index.js';
import { replayEvents } from '../../src/sim/index.js';
import { EXPECTATION_KINDS, parseScenario, runScenario, type ExpectationContext, type Verdict } from '../../src/scenario/index.js';

/*
 * The reach / noReach expectation kinds on the reach-hybrid story: web1 and sql1 share CorpVNet, whose gateway
 * provisions until 16m and connects to HQ; partner/etl1 sits in no VNet; sql1's SQL endpoint ACL denies everyone;
 * sql1 is deallocated at 2h; HQ's internet link breaks at 3h.
 */

const STORY_FILE = 'scenarios/reach-hybrid.yaml';
const STORY = readFileSync(STORY_FILE, 'utf8');
const MINUTE_MS = 60_000;

/** The story's world at a moment, rebuilt from the run's log by the engine's own fold. */
function contextAt(minutes: number): ExpectationContext {
  const report = runScenario(parseScenario(STORY, STORY_FILE), { untilMs: minutes * MINUTE_MS });
  return { world: replayEvents(report.events), events: report.events, refused: report.refused, nowMs: report.endMs };
}

const contexts = new Map([1.5, 20, 150, 210].map((m) => [m, contextAt(m)]));

function kind(key: string) {
  const found = EXPECTATION_KINDS.find((k) => k.key === key);
  if (found === undefined) throw new Error(`no kind ${key}`);
  return found;
}

function check(key: string, parameters: unknown, minutes: number): Verdict {
  const context = contexts.get(minutes);
  if (context === undefined) throw new Error(`no context at ${minutes}m`);
  return kind(key).bind(kind(key).schema.parse(parameters)).evaluate(context);
}

describe('reach and noReach verdicts', () => {
  it.each([
    ['same-VNet flow delivered', 'reach', { from: 'web1', to: 'sql1', port: 'tcp/1433' }, 20, true, 'delivered via same-vnet'],
    ['ACL-denied public endpoint', 'reach', { from: 'etl1', to: 'data:sql1', port: 'tcp/1433' }, 20, false, 'acl-denied; blockers: acl-denied endpoint:data/sql1/sql'],
    ['any port: the RDP endpoint gets through', 'reach', { from: 'etl1', to: 'sql1' }, 20, true, 'delivered via public-endpoint'],
    ['tunnel down at 3h30m', 'reach', { from: 'web1', to: '192.168.1.10' }, 210, false, 'tunnel-not-connected; blockers: tunnel-not-connected connection:CorpVNet->HQ'],
    ['unknown name', 'reach', { from: 'web9', to: 'sql1' }, 20, false, "unknown-name: no VM called 'web9'"],
    ['denied flow, no disposition asked', 'noReach', { from: 'etl1', to: 'data:sql1', port: 'tcp/1433' }, 20, true, 'acl-denied'],
    ['denied flow, the right disposition', 'noReach', { from: 'etl1', to: 'data:sql1', port: 'tcp/1433', disposition: 'acl-denied' }, 20, true, 'acl-denied'],
    ['denied flow, another disposition', 'noReach', { from: 'etl1', to: 'data:sql1', port: 'tcp/1433', disposition: 'no-vip' }, 20, false, 'acl-denied'],
    ['delivered flow', 'noReach', { from: 'web1', to: 'sql1' }, 20, false, 'delivered via same-vnet'],
    ['a lower-ranked blocker counts', 'noReach', { from: 'web1', to: '192.168.1.10', disposition: 'gateway-not-provisioned' }, 1.5, true, 'vm-not-running; blockers: vm-not-running vm:web/web1, gateway-not-provisioned gateway:CorpVNet'],
    ['deallocated target', 'noReach', { from: 'web1', to: 'sql1', disposition: 'vm-not-running' }, 150, true, 'vm-not-running'],
    ['released VIP', 'noReach', { from: 'etl1', to: 'data:sql1', port: 'tcp/1433', disposition: 'no-vip' }, 150, true, 'no-vip service:data'],
    ['unknown name is not a noReach', 'noReach', { from: 'web9', to: 'sql1' }, 20, false, 'unknown-name'],
  ])('%s: %s holds=%s', (_name, key, parameters, minutes, holds, actual) => {
    const verdict = check(key, parameters, minutes);
    expect(verdict.holds).toBe(holds);
    expect(verdict.actual).toContain(actual);
  });

  it('says what was expected, with the disposition when one is asked', () => {
    expect(check('reach', { from: 'web1', to: 'sql1' }, 20).expected).toBe('delivered');
    expect(check('noReach', { from: 'web1', to: 'sql1', disposition: 'vm-not-running' }, 150).expected).toBe('not delivered, vm-not-running');
  });
});

describe('reach and noReach parameters', () => {
  it.each([
    ['a port without protocol', { from: 'a', to: 'b', port: '3389' }],
    ['a numeric port', { from: 'a', to: 'b', port: 3389 }],
    ['a port out of range', { from: 'a', to: 'b', port: 'tcp/70000' }],
    ['port 0, which nothing listens on', { from: 'a', to: 'b', port: 'udp/0' }],
    ['an unknown key', { from: 'a', to: 'b', via: 'vnet' }],
    ['a missing end', { from: 'a' }],
  ])('reach refuses %s', (_name, parameters) => {
    expect(kind('reach').schema.safeParse(parameters).success).toBe(false);
  });

  it('noReach accepts only dispositions that block, never delivered', () => {
    expect(kind('noReach').schema.safeParse({ from: 'a', to: 'b', disposition: 'acl-denied' }).success).toBe(true);
    expect(kind('noReach').schema.safeParse({ from: 'a', to: 'b', disposition: 'delivered' }).success).toBe(false);
    expect(kind('reach').schema.safeParse({ from: 'a', to: 'b', disposition: 'acl-denied' }).success).toBe(false);
  });

  it('names service:vm, bare VM names and site:NAME ends as references, but not DIPs or VIP:port', () => {
    const bound = kind('reach').bind({ from: 'data:sql1', to: 'site:HQ' });
    expect(bound.references).toEqual([
      { kind: 'vm', service: 'data', name: 'sql1', path: ['from'] },
      { kind: 'site', name: 'HQ', path: ['to'] },
    ]);
    expect(kind('noReach').bind({ from: 'web1', to: '23.1.2.3:80' }).references).toEqual([{ kind: 'vmName', name: 'web1', path: ['from'] }]);
    expect(kind('reach').bind({ from: '10.1.1.4', to: 'web/web1' }).references).toEqual([{ kind: 'vm', service: 'web', name: 'web1', path: ['to'] }]);
  });

  it('reports a misspelt service:vm at its line before the run', () => {
    const text = STORY.replace('reach: { from: web1, to: sql1, port: tcp/1433 }', 'reach: { from: web1, to: data:sq1, port: tcp/1433 }');
    expect(() => parseScenario(text, STORY_FILE)).toThrow(InputError);
    try {
      parseScenario(text, STORY_FILE);
    } catch (error) {
      expect((error as InputError).diagnostics.map((d) => `${d.line} ${d.rule}`)).toEqual(['96 undefined-reference']);
    }
  });
});
