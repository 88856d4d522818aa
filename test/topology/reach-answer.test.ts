import { describe, expect, it } from 'vitest';
import {
  buildTopologyIndex, queryReach, queryReachOnAnyPort, reach, summariseFlow, type ReachAnswer, type TopologyModel,
} from '../../src/topology/index.js';
import { editVm, endpoint, makeClassicWorld, vm } from './fixtures.js';

function ask(model: TopologyModel, from: string, to: string, protocol: 'tcp' | 'udp' = 'tcp', port = 80): ReachAnswer {
  const result = reach(model, from, to, { protocol, port });
  if (!result.ok) throw new Error(result.error.message);
  return result.answer;
}

const world = makeClassicWorld();

describe('reach: hops name the objects that decided them', () => {
  it('traces a site-to-site flow through gateway, tunnel and site, pointing at the site declaration', () => {
    const answer = ask(world, 'Web:web1', '192.168.7.9');
    expect(answer.hops.map((h) => h.kind)).toEqual(['originate', 'vnet', 'gateway', 'tunnel', 'local-site']);
    expect(answer.hops.every((h) => h.ok)).toBe(true);
    const site = answer.hops.find((h) => h.kind === 'local-site');
    expect(site?.object).toBe('site:Branch');
    expect(site?.source).toEqual({ file: 'world.yaml', line: 50, column: 3 });
    expect(answer.assumptions.some((a) => a.includes('Branch'))).toBe(true);
  });

  it('marks the failing hop and points the blocker at the VM declaration', () => {
    const stopped = editVm(world, 'Db/sql1', (v) => ({ ...v, state: 'StoppedDeallocated' }));
    const answer = ask(stopped, 'web1', 'sql1');
    const deliver = answer.hops.find((h) => h.kind === 'deliver');
    expect(deliver?.ok).toBe(false);
    expect(answer.blockers[0]?.source).toEqual({ file: 'world.yaml', line: 33, column: 7 });
    expect(answer.blockers[0]?.fix).toContain('Start-AzureVM -ServiceName Db -Name sql1');
  });

  it('names the ACL rule that denied, and the caller VIP the ACL saw', () => {
    const answer = ask(world, 'WebRole_IN_0', 'sql1', 'tcp', 1433);
    const acl = answer.hops.find((h) => h.kind === 'acl');
    expect(acl?.ok).toBe(false);
    expect(acl?.detail).toContain('23.0.0.5');
    expect(answer.blockers[0]?.message).toContain('23.0.0.5');
  });

  it('summarises a flow on one line', () => {
    expect(summariseFlow(ask(world, 'solo', 'sql1', 'tcp', 1433))).toBe('Lone/solo → Db/sql1 tcp/1433: reachable (delivered)');
  });
});

describe('reach: both directions', () => {
  it('answers the reverse of a site-to-site flow from the on-premises address', () => {
    const answer = ask(world, 'web1', '192.168.7.9');
    expect(answer.reverse.from).toBe('192.168.7.9 (on-premises site Branch)');
    expect(answer.reverse.to).toBe('Web/web1');
    expect(answer.reverse.path).toBe('site-to-site');
    expect(answer.reverse.verdict).toBe('reachable');
  });

  it('answers an asymmetric public flow: solo may call sql1, sql1 cannot call solo back on 1433', () => {
    const answer = ask(world, 'solo', 'sql1', 'tcp', 1433);
    expect(answer.verdict).toBe('reachable');
    expect(answer.reverse.disposition).toBe('no-endpoint');
    expect(answer.reverse.blockers.map((b) => b.object)).toEqual(['vm:Lone/solo']);
  });

  it('sends the reverse of a VIP:port flow from the VM behind the port', () => {
    const answer = ask(world, 'solo', '23.0.0.2:1433', 'tcp', 1433);
    expect(answer.to).toBe('VIP 23.0.0.2:1433 (Db)');
    expect(answer.verdict).toBe('reachable');
    expect(answer.reverse.from).toBe('Db/sql1');
  });

  it('carries the forward blockers into the reverse of a VIP port with nothing behind it', () => {
    const answer = ask(world, 'solo', '23.0.0.2:9999', 'tcp', 9999);
    expect(answer.disposition).toBe('no-endpoint');
    expect(answer.reverse.disposition).toBe('no-endpoint');
    expect(answer.reverse.hops).toEqual([]);
  });

  it('reads a load-balanced set: a running member that admits the caller is chosen', () => {
    const balanced: TopologyModel = {
      ...world,
      vms: [...world.vms.filter((v) => v.service !== 'Web'),
        vm('Web', 'web1', '10.1.1.4', { state: 'StoppedDeallocated', endpoints: [endpoint('HTTP', 'tcp', 80, 80)] }),
        vm('Web', 'web2', '10.1.1.5', { endpoints: [endpoint('HTTP', 'tcp', 80, 80)] })],
    };
    const answer = ask(balanced, 'solo', '23.0.0.1:80');
    expect(answer.verdict).toBe('reachable');
    expect(answer.assumptions.some((a) => a.includes('Web/web2'))).toBe(true);
  });
});

describe('reach: naming the ends', () => {
  const index = buildTopologyIndex(world);
  const table: { text: string; expected: string }[] = [
    { text: 'web1', expected: 'Web/web1' },
    { text: 'Web:web1', expected: 'Web/web1' },
    { text: 'Web/web1', expected: 'Web/web1' },
    { text: '10.1.1.4', expected: '10.1.1.4 (Web/web1)' },
    { text: '23.0.0.2:1433', expected: 'VIP 23.0.0.2:1433 (Db)' },
    { text: 'site:Branch', expected: '192.168.0.1 (on-premises site Branch)' },
    { text: '192.168.3.3', expected: '192.168.3.3 (on-premises site Branch)' },
    { text: '8.8.4.4', expected: '8.8.4.4 (Internet)' },
    { text: '10.77.0.1', expected: '10.77.0.1 (on-premises, in no declared local site)' },
    { text: '10.1.99.1', expected: '10.1.99.1' },
  ];
  for (const row of table) {
    it(`resolves ${row.text}`, () => {
      const result = queryReach(index, 'app1', row.text, { protocol: 'tcp', port: 1433 });
      expect(result.ok && result.answer.to).toBe(row.expected);
    });
  }

  const errors: { from: string; to: string; code: string; suggestions: string[] }[] = [
    { from: 'web1', to: 'sq1', code: 'unknown-name', suggestions: ['sql1'] },
    { from: 'web1', to: 'Db:sql9', code: 'unknown-name', suggestions: ['Db:sql1'] },
    { from: 'web1', to: 'site:Brnch', code: 'unknown-name', suggestions: ['site:Branch'] },
    { from: 'web1', to: '23.0.0.2', code: 'vip-needs-port', suggestions: ['23.0.0.2:1433'] },
    { from: 'web1', to: '99.9.9.9:80', code: 'unknown-name', suggestions: ['23.0.0.1 (Web)', '23.0.0.2 (Db)', '23.0.0.3 (Spoke)', '23.0.0.4 (Lone)', '23.0.0.5 (Paas)'] },
    { from: '23.0.0.2:1433', to: 'web1', code: 'outside-model', suggestions: ['Db:sql1'] },
    { from: 'site:Branch', to: '8.8.8.8', code: 'outside-model', suggestions: [] },
  ];
  for (const row of errors) {
    it(`refuses ${row.from} → ${row.to} with ${row.code}`, () => {
      const result = queryReach(index, row.from, row.to, { protocol: 'tcp', port: 80 });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe(row.code);
      expect(result.error.suggestions).toEqual(row.suggestions);
      expect(result.error.message.length).toBeGreaterThan(10);
    });
  }

  it('refuses a VM name held by two services and lists both', () => {
    const twice = { ...world, vms: [...world.vms, vm('Lone', 'web1', '10.0.0.9')] };
    const result = reach(twice, 'web1', 'sql1', { protocol: 'tcp', port: 80 });
    expect(!result.ok && result.error.code).toBe('ambiguous-name');
    expect(!result.ok && result.error.suggestions).toEqual(['Web:web1', 'Lone:web1']);
  });

  it('reads a shared DIP from the source\'s own network, and refuses it from outside', () => {
    const shared = { ...world, vms: [...world.vms, vm('Spoke', 'twin', '10.0.0.4')] };
    const fromSpoke = reach(shared, 'app1', '10.0.0.4', { protocol: 'tcp', port: 80 });
    expect(fromSpoke.ok && fromSpoke.answer.to).toBe('10.0.0.4 (Spoke/twin)');
    const fromWeb = reach(shared, 'web1', '10.0.0.4', { protocol: 'tcp', port: 80 });
    expect(!fromWeb.ok && fromWeb.error.code).toBe('ambiguous-address');
  });
});

describe('a question on any port', () => {
  it('answers each direction on a port of the endpoints that direction meets', () => {
    const result = queryReachOnAnyPort(buildTopologyIndex(makeClassicWorld()), 'Web:web1', 'Lone:solo');
    if (!result.ok) throw new Error(result.error.message);
    expect([result.port, result.answer.port, result.answer.reverse.port]).toEqual(['tcp/3389', 3389, 80]);
    expect([result.answer.verdict, result.answer.reverse.verdict]).toEqual(['reachable', 'reachable']);
  });

  it('says a VM publishes no endpoint at all, never that it lacks one for port 0', () => {
    const bare = editVm(makeClassicWorld(), 'Web/web1', (v) => ({ ...v, endpoints: [] }));
    const result = queryReachOnAnyPort(buildTopologyIndex(bare), 'Lone:solo', 'Web:web1');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.answer.blockers.map((b) => `${b.code}: ${b.message}`)).toEqual([
      'no-endpoint: Web/web1 publishes no endpoint, and across cloud services only public endpoints on the VIP are reachable',
    ]);
    expect(result.answer.assumptions.join('\n')).not.toContain('/0');
  });
});
