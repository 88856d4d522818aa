import { test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  buildTopologyIndex, computeMatrix, diffIndexes, evaluateCell, keyOfVm, listDeliveredPorts, NO_DIP, sampleSiteAddress, type FlowSource,
  type ReachClass, type TopologyIndex, type TopologyModel,
} from '../../src/topology/index.js';
import { editService, editVm, endpoint, ip, makeClassicWorld, rule } from './fixtures.js';
import { applyChangesSlowly, arbWorld, arbWorldWithChanges } from './random-world.js';

/**
 * Matrix and diff answer one representative per class pair; these properties check that every member pair of every
 * class pair gets exactly the answer the representatives got, by evaluating all member pairs one by one.
 */

interface End {
  key: string;
  source: FlowSource;
}

/** Every VM (by name) and every on-premises site of a world, keyed the way class members are. */
function listEnds(index: TopologyIndex): End[] {
  const ends: End[] = [...index.vmsByKey.values()].map((vm) => ({ key: keyOfVm(vm), source: { kind: 'vm', vm, via: 'name' } }));
  for (const site of index.sitesByName.values()) {
    const address = sampleSiteAddress(site);
    if (!index.vnetsBySiteName.has(site.name) && address !== undefined) ends.push({ key: site.name, source: { kind: 'site', site, address } });
  }
  return ends;
}

/** The delivered port labels of every ordered pair of distinct ends, evaluated one pair at a time. */
function listPairFlows(index: TopologyIndex): Map<string, string> {
  const flows = new Map<string, string>();
  const ends = listEnds(index);
  for (const a of ends) {
    for (const b of ends) {
      if (a.key === b.key) continue;
      const ports = listDeliveredPorts(evaluateCell(index, a.source, b.source));
      if (ports.length > 0) flows.set(`${a.key} → ${b.key}`, ports.join(' '));
    }
  }
  return flows;
}

/** Spreads class-to-class flows over the member pairs they stand for. */
function expandClassFlows(classes: readonly ReachClass[], flows: readonly { from: string; to: string; ports: string[] }[]): Map<string, string> {
  const byId = new Map(classes.map((c) => [c.id, c]));
  const expanded = new Map<string, string>();
  for (const flow of flows) {
    for (const a of byId.get(flow.from)?.members ?? []) {
      for (const b of byId.get(flow.to)?.members ?? []) if (a !== b) expanded.set(`${a} → ${b}`, flow.ports.join(' '));
    }
  }
  return expanded;
}

describe('reachability classes', () => {
  test.prop([arbWorld], { numRuns: 200 })('the matrix gives every member pair the ports that pair reaches on its own', (model) => {
    const index = buildTopologyIndex(model);
    const matrix = computeMatrix(index);
    expect(Object.fromEntries(expandClassFlows(matrix.classes, matrix.flows))).toEqual(Object.fromEntries(listPairFlows(index)));
  }, 60_000);

  // Each service twinned (same VNet, VIP one higher, its VMs copied): sources in several services of one kind call
  // the same targets over public endpoints, the cells the matrix judges once per target and kind of caller.
  const arbTwinnedWorld = arbWorld.map((model): TopologyModel => ({
    ...model,
    services: model.services.flatMap((s) => [s, { ...s, name: `${s.name}t`, vip: s.vip === undefined ? undefined : s.vip + 1 }]),
    vms: model.vms.flatMap((vm) => [vm, { ...vm, service: `${vm.service}t`, name: `${vm.name}t`, dip: vm.dip === NO_DIP ? NO_DIP : vm.dip + 100 }]),
  }));

  test.prop([arbTwinnedWorld], { numRuns: 100 })('the matrix gives every member pair of twinned services the ports that pair reaches on its own', (model) => {
    const index = buildTopologyIndex(model);
    const matrix = computeMatrix(index);
    expect(Object.fromEntries(expandClassFlows(matrix.classes, matrix.flows))).toEqual(Object.fromEntries(listPairFlows(index)));
  }, 60_000);

  test.prop([arbWorld], { numRuns: 100 })('every VM and on-premises site is in exactly one class', (model) => {
    const index = buildTopologyIndex(model);
    const members = computeMatrix(index).classes.flatMap((c) => c.members);
    expect([...members].sort()).toEqual(listEnds(index).map((e) => e.key).sort());
  });

  test.prop([arbWorldWithChanges], { numRuns: 150 })('diff lists exactly the member pairs whose ports changed', ({ model, changes }) => {
    const before = buildTopologyIndex(model);
    const after = buildTopologyIndex(applyChangesSlowly(model, changes));
    const diff = diffIndexes(before, after);
    const [was, now] = [listPairFlows(before), listPairFlows(after)];
    const expected = new Set<string>();
    for (const pair of new Set([...was.keys(), ...now.keys()])) {
      const [portsBefore, portsAfter] = [new Set(was.get(pair)?.split(' ')), new Set(now.get(pair)?.split(' '))];
      for (const port of portsBefore) if (!portsAfter.has(port) && !portsAfter.has('any')) expected.add(`lost ${pair} ${port}`);
      for (const port of portsAfter) if (!portsBefore.has(port) && !portsBefore.has('any')) expected.add(`gained ${pair} ${port}`);
    }
    const listed = new Set<string>();
    for (const [title, changesOfKind] of [['lost', diff.lost], ['gained', diff.gained]] as const) {
      for (const change of changesOfKind) {
        const expanded = expandClassFlows(diff.classes, [{ from: change.from, to: change.to, ports: [change.port] }]);
        for (const [pair, port] of expanded) listed.add(`${title} ${pair} ${port}`);
      }
    }
    expect([...listed].sort()).toEqual([...expected].sort());
  }, 60_000);
});

describe('classes on the classic world', () => {
  /** Web/web2 made identical to Db/sql1 (same endpoint and ACL): two services of HubVNet, one network component. */
  const twins = editVm(makeClassicWorld(), 'Web/web2', (v) => ({ ...v, endpoints: [endpoint('SQL', 'tcp', 1433, 1433, [rule(100, 'permit', '23.0.0.4/32')])] }));
  const members = (model: Parameters<typeof buildTopologyIndex>[0]): string[] =>
    computeMatrix(buildTopologyIndex(model)).classes.map((c) => `${c.head} = ${c.members.join(' ')}`);

  it('puts like VMs of different services in one VNet into one class, labelled by the VNet', () => {
    expect(members(twins)).toContain('VNet HubVNet [running] = Db/sql1 Web/web2');
    const index = buildTopologyIndex(twins);
    const cls = computeMatrix(index).classes.find((c) => c.members.includes('Db/sql1'));
    expect(cls?.label).toBe('VNet HubVNet [running]: Db/sql1, Web/web2');
    // The class reaches itself over the VNet: its two members sit in different services.
    expect(computeMatrix(index).flows).toContainEqual({ from: cls?.id, to: cls?.id, path: 'same-vnet', ports: ['any'] });
  });

  it('splits them again when an ACL elsewhere tells their VIPs apart', () => {
    const fenced = editVm(twins, 'Lone/solo', (v) => ({ ...v, endpoints: [endpoint('RDP', 'tcp', 50001, 3389, [rule(1, 'permit', `${'23.0.0.2'}/32`)])] }));
    expect(members(fenced)).toEqual(expect.arrayContaining(['Db [running] = Db/sql1', 'Web [running] = Web/web2']));
    const index = buildTopologyIndex(fenced);
    const matrix = computeMatrix(index);
    const idOf = (key: string): string | undefined => matrix.classes.find((c) => c.members.includes(key))?.id;
    expect(matrix.flows.filter((f) => f.to === idOf('Lone/solo')).map((f) => f.from)).toContain(idOf('Db/sql1'));
    expect(matrix.flows.filter((f) => f.to === idOf('Lone/solo')).map((f) => f.from)).not.toContain(idOf('Web/web2'));
  });

  it('keeps a service that breaks its VNet\'s affinity group apart from the VNet\'s rightful members', () => {
    const stray = editService(twins, 'Web', (svc) => ({ ...svc, affinityGroup: 'ag-east' }));
    expect(members(stray)).toEqual(expect.arrayContaining(['Db [running] = Db/sql1', 'Web [running] = Web/web2']));
  });

  it('evaluates no pair with a stopped class, whose members send and answer nothing', () => {
    const stopped = editVm(twins, 'Db/sql1', (v) => ({ ...v, state: 'StoppedVM', dip: ip('10.1.2.4') }));
    const matrix = computeMatrix(buildTopologyIndex(stopped));
    const id = matrix.classes.find((c) => c.members.includes('Db/sql1'))?.id;
    expect(matrix.classes.find((c) => c.id === id)?.head).toBe('Db [StoppedVM]');
    expect(matrix.flows.filter((f) => f.from === id || f.to === id)).toEqual([]);
  });
});
