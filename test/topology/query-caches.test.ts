import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  buildTopologyIndex, keyOfVm, queryReach, type ReachResult, type TopologyIndex, type TopologyModel,
} from '../../src/topology/index.js';
import { endpoint, ip, makeClassicWorld, vm } from './fixtures.js';
import { applyChangesSlowly, arbWorld, arbWorldWithChanges } from './random-world.js';

const QUERIES = [{ protocol: 'tcp', port: 22 }, { protocol: 'tcp', port: 80 }, { protocol: 'udp', port: 3389 }] as const;

/** Every VM-to-VM and VM-to-site question of a world, with its full answer, in a fixed order. */
function askEverything(index: TopologyIndex): ReachResult[] {
  const names = [...index.vmsByKey.values()].map((v) => keyOfVm(v).replace('/', ':'));
  const results: ReachResult[] = [];
  for (const query of QUERIES) {
    for (const from of names) {
      for (const to of [...names, '192.168.0.9', '10.9.0.9']) results.push(queryReach(index, from, to, query));
    }
  }
  return results;
}

describe('texts cached per object follow the changes applied in place', () => {
  test.prop([arbWorldWithChanges], { numRuns: 100 })('an index that answered before the changes answers like one built after them', ({ model, changes }) => {
    const index = buildTopologyIndex(model);
    askEverything(index);
    for (const change of changes) index.applyChange(change);
    expect(askEverything(index)).toEqual(askEverything(buildTopologyIndex(applyChangesSlowly(model, changes))));
  }, 60_000);

  test.prop([arbWorld, fc.nat(), fc.nat(), fc.boolean()], { numRuns: 100 })(
    'VMs removed and added, a service re-placed and the networks re-read in place answer like an index built after them',
    (model, vmPick, servicePick, reorder) => {
      const index = buildTopologyIndex(model);
      askEverything(index);
      const next = structuredClone(model);
      const gone = next.vms.splice(vmPick % next.vms.length, 1)[0]!;
      index.applyChange({ type: 'vmRemoved', service: gone.service, vm: gone.name });
      const moved = next.services[servicePick % next.services.length]!;
      Object.assign(moved, { vnet: next.vnets.at(-1)?.name, vip: moved.vip === undefined ? ip('23.0.0.99') : undefined });
      index.applyChange({ type: 'servicePut', service: structuredClone(moved) });
      const again = { ...structuredClone(gone), name: `${gone.name}-again` };
      next.vms.push(again);
      index.applyChange({ type: 'vmPut', vm: structuredClone(again) });
      if (reorder) {
        next.vnets.reverse();
        next.localSites.reverse();
        for (const vnet of next.vnets) vnet.gateway?.connections.reverse();
      }
      index.applyChange({ type: 'networkReplaced', network: structuredClone({ affinityGroups: next.affinityGroups, vnets: next.vnets, localSites: next.localSites }) });
      expect(index.toModel()).toEqual(next);
      expect(askEverything(index)).toEqual(askEverything(buildTopologyIndex(next)));
    },
    60_000,
  );

  it('names the new endpoint after the endpoints of a VM are replaced', () => {
    const index = buildTopologyIndex(makeClassicWorld());
    const before = queryReach(index, 'solo', 'Web:web1', { protocol: 'tcp', port: 80 });
    expect(before.ok && before.answer.hops.map((h) => h.object)).toContain('endpoint:Web/web1/HTTP');
    index.applyChange({ type: 'vmEndpoints', service: 'Web', vm: 'web1', endpoints: [endpoint('Front', 'tcp', 8080, 80)] });
    const after = queryReach(index, 'solo', 'Web:web1', { protocol: 'tcp', port: 80 });
    expect(after.ok && after.answer.hops.map((h) => h.object)).toContain('endpoint:Web/web1/Front');
    expect(after.ok && after.answer.hops.map((h) => h.detail)).toContain('endpoint Front: tcp public 8080 → private 80');
  });

  it('shows the new state and DIP of a VM it already described', () => {
    const index = buildTopologyIndex(makeClassicWorld());
    const before = queryReach(index, 'web1', 'sql1', { protocol: 'tcp', port: 1433 });
    expect(before.ok && before.answer.hops.at(-1)?.detail).toBe('Db/sql1 (10.1.2.4) is ReadyRole');
    index.applyChange({ type: 'vmState', service: 'Db', vm: 'sql1', state: 'StoppedDeallocated' });
    index.applyChange({ type: 'vmDip', service: 'Db', vm: 'sql1', dip: 0 });
    const after = queryReach(index, 'web1', 'Db:sql1', { protocol: 'tcp', port: 1433 });
    expect(after.ok && after.answer.hops.at(-1)?.detail).toBe('Db/sql1 (no DIP) is StoppedDeallocated');
  });
});

describe('a VM named as service:vm or service/vm resolves by the first colon, else the first slash', () => {
  const world: TopologyModel = {
    ...makeClassicWorld(),
    services: [{ name: 'a/b' }, { name: 'a' }, { name: 'x' }],
    vms: [vm('a/b', 'c', '10.0.0.4'), vm('a', 'b:d', '10.0.0.5'), vm('x', 'y/z', '10.0.0.6')],
  };
  const index = buildTopologyIndex(world);
  const resolvedKey = (text: string): string => {
    const result = queryReach(index, text, 'a/b:c', { protocol: 'tcp', port: 80 });
    return result.ok ? result.answer.from : result.error.code;
  };

  it.each([
    ['a/b:c', 'a/b/c'],
    ['a/b/c', 'a/b/c'],
    ['a:b:d', 'a/b:d'],
    ['a/b:d', 'unknown-name'],
    ['x:y/z', 'x/y/z'],
    ['x/y/z', 'x/y/z'],
    ['x:y:z', 'unknown-name'],
  ])('%s names %s', (text, expected) => {
    expect(resolvedKey(text)).toBe(expected);
  });
});
