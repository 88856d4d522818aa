import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  buildTopologyIndex, evaluateFlow, evaluateFlowVerdict, keyOfVm, type FlowEnd, type FlowQuery, type FlowSource, type TopologyIndex,
} from '../../src/topology/index.js';
import { ip } from './fixtures.js';
import { arbWorldWithChanges, SITE_PROBES } from './random-world.js';

const QUERIES: readonly FlowQuery[] = [
  { protocol: 'tcp', port: 0 }, { protocol: 'tcp', port: 22 }, { protocol: 'tcp', port: 80 }, { protocol: 'udp', port: 3389 },
];
const PUBLIC_PORTS = [22, 80, 50001];
const OUTSIDE = [ip('8.8.4.4'), ip('10.250.0.1')];

/** Every pair of ends worth asking about in a small world: VMs by name and DIP, sites, VIP ports, outside addresses. */
function listEndPairs(index: TopologyIndex): Array<[FlowSource, FlowEnd, string]> {
  const pairs: Array<[FlowSource, FlowEnd, string]> = [];
  const sites = SITE_PROBES.flatMap((address) => [...index.sitesByName.values()]
    .filter((s) => s.addressPrefixes.some((p) => ((address ^ p.network) >>> 0) >>> (32 - p.length) === 0))
    .map((site) => ({ kind: 'site', site, address }) as const));
  for (const a of index.vmsByKey.values()) {
    const from: FlowSource = { kind: 'vm', vm: a, via: 'name' };
    for (const b of index.vmsByKey.values()) {
      for (const via of ['name', 'dip'] as const) pairs.push([from, { kind: 'vm', vm: b, via }, `${keyOfVm(a)} → ${keyOfVm(b)} by ${via}`]);
    }
    for (const site of sites) {
      pairs.push([from, site, `${keyOfVm(a)} → ${site.site.name}`], [site, { kind: 'vm', vm: a, via: 'name' }, `${site.site.name} → ${keyOfVm(a)}`]);
    }
    for (const service of index.servicesByName.values()) {
      if (service.vip === undefined) continue;
      for (const publicPort of PUBLIC_PORTS) {
        pairs.push([from, { kind: 'vip-port', service, vip: service.vip, protocol: 'tcp', publicPort }, `${keyOfVm(a)} → ${service.name}:${publicPort}`]);
      }
    }
    for (const address of OUTSIDE) {
      pairs.push([from, { kind: 'internet', address }, `${keyOfVm(a)} → internet`], [{ kind: 'internet', address }, { kind: 'vm', vm: a, via: 'name' }, `internet → ${keyOfVm(a)}`]);
    }
    pairs.push([from, { kind: 'unknown', address: OUTSIDE[1] ?? 0 }, `${keyOfVm(a)} → unknown`]);
  }
  return pairs;
}

describe('verdict-only flows', () => {
  test.prop([arbWorldWithChanges], { numRuns: 60 })('give the path and disposition of the fully explained flow, before and after changes', ({ model, changes }) => {
    const index = buildTopologyIndex(model);
    const disagreements: string[] = [];
    const compare = (): void => {
      for (const [from, to, label] of listEndPairs(index)) {
        for (const query of QUERIES) {
          const full = evaluateFlow(index, from, to, query);
          const verdict = evaluateFlowVerdict(index, from, to, query);
          if (full.path !== verdict.path || full.disposition !== verdict.disposition) {
            disagreements.push(`${label} ${query.protocol}/${query.port}: ${full.path} ${full.disposition} vs ${verdict.path} ${verdict.disposition}`);
          }
        }
      }
    };
    compare();
    for (const change of changes) index.applyChange(change);
    compare();
    expect(disagreements).toEqual([]);
  }, 60_000);
});
