import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  buildTopologyIndex, evaluateFlow, keyOfVm, type FlowEnd, type FlowSource, type TopologyIndex, type TopologyModel,
} from '../../src/topology/index.js';
import { ip } from './fixtures.js';
import { judgeFlow, type OracleEnd } from './oracle.js';
import { applyChangesSlowly, arbWorld, arbWorldWithChanges, SITE_PROBES } from './random-world.js';

const FLOWS = [
  { protocol: 'tcp', port: 22 }, { protocol: 'tcp', port: 80 }, { protocol: 'udp', port: 3389 }, { protocol: 'tcp', port: 3389 },
] as const;
const PUBLIC_PORTS = [22, 80, 50001];
const INTERNET = ip('8.8.4.4');

interface Probe {
  engine: [FlowSource, FlowEnd];
  oracle: [OracleEnd, OracleEnd];
  label: string;
}

/** Every question worth asking of a small world: all VM pairs both ways, sites, VIP ports and the Internet. */
function listProbes(index: TopologyIndex, flow: (typeof FLOWS)[number]): Probe[] {
  const probes: Probe[] = [];
  const vms = [...index.vmsByKey.values()];
  const sites = SITE_PROBES.flatMap((address) => {
    const site = [...index.sitesByName.values()].find((s) => !index.vnetsBySiteName.has(s.name) && s.addressPrefixes.some((p) => ((address ^ p.network) >>> 0) >>> (32 - p.length) === 0));
    return site === undefined ? [] : [{ site, address }];
  });
  for (const a of vms) {
    const va = { kind: 'vm', key: keyOfVm(a), via: 'name' } as const;
    const fa: FlowSource = { kind: 'vm', vm: a, via: 'name' };
    for (const b of vms) {
      for (const via of ['name', 'dip'] as const) {
        probes.push({ engine: [fa, { kind: 'vm', vm: b, via }], oracle: [va, { kind: 'vm', key: keyOfVm(b), via }], label: `${keyOfVm(a)} → ${keyOfVm(b)} by ${via}` });
      }
    }
    for (const { site, address } of sites) {
      probes.push({ engine: [fa, { kind: 'site', site, address }], oracle: [va, { kind: 'site', site: site.name, address }], label: `${keyOfVm(a)} → ${site.name}` });
      probes.push({ engine: [{ kind: 'site', site, address }, fa], oracle: [{ kind: 'site', site: site.name, address }, va], label: `${site.name} → ${keyOfVm(a)}` });
    }
    for (const service of index.servicesByName.values()) {
      if (service.vip === undefined) continue;
      for (const publicPort of PUBLIC_PORTS) {
        probes.push({
          engine: [fa, { kind: 'vip-port', service, vip: service.vip, protocol: flow.protocol, publicPort }],
          oracle: [va, { kind: 'vip', service: service.name, protocol: flow.protocol, publicPort }],
          label: `${keyOfVm(a)} → ${service.name}:${publicPort}`,
        });
      }
    }
    probes.push({ engine: [fa, { kind: 'internet', address: INTERNET }], oracle: [va, { kind: 'internet', address: INTERNET }], label: `${keyOfVm(a)} → Internet` });
    probes.push({ engine: [{ kind: 'internet', address: INTERNET }, fa], oracle: [{ kind: 'internet', address: INTERNET }, va], label: `Internet → ${keyOfVm(a)}` });
  }
  return probes;
}

/** Lists every probe on which the engine and the judge disagree (one assertion per world keeps the run fast). */
function listDisagreements(index: TopologyIndex, model: TopologyModel): string[] {
  const disagreements: string[] = [];
  for (const flow of FLOWS) {
    for (const probe of listProbes(index, flow)) {
      const answer = evaluateFlow(index, probe.engine[0], probe.engine[1], flow);
      const judged = judgeFlow(model, probe.oracle[0], probe.oracle[1], flow.protocol, flow.port);
      const engineBlockers = answer.blockers.map((b) => `${b.code} ${b.object}`).sort().join('; ');
      const oracleBlockers = [...judged.blockers].sort().join('; ');
      const verdictAgrees = answer.verdict === (judged.disposition === 'delivered' ? 'reachable' : 'unreachable');
      if (engineBlockers !== oracleBlockers || answer.disposition !== judged.disposition || !verdictAgrees) {
        disagreements.push(`${probe.label} ${flow.protocol}/${flow.port}: engine ${answer.disposition} [${engineBlockers}] vs judge ${judged.disposition} [${oracleBlockers}]`);
      }
    }
  }
  return disagreements;
}

describe('reach agrees with a brute-force judge of the rules', () => {
  test.prop([arbWorld], { numRuns: 200 })('on random small worlds: verdict, disposition and the set of blockers', (model) => {
    expect(listDisagreements(buildTopologyIndex(model), model)).toEqual([]);
  }, 60_000);

  test.prop([arbWorldWithChanges], { numRuns: 150 })('after event-sized changes applied in place', ({ model, changes }) => {
    const index = buildTopologyIndex(model);
    for (const change of changes) index.applyChange(change);
    const changed = applyChangesSlowly(model, changes);
    expect(listDisagreements(index, changed)).toEqual([]);
    expect(index.toModel()).toEqual(changed);
  }, 60_000);

  test.prop([arbWorldWithChanges], { numRuns: 50 })('never mutates the model it was built from', ({ model, changes }) => {
    const before = structuredClone(model);
    const index = buildTopologyIndex(model);
    for (const change of changes) index.applyChange(change);
    expect(model).toEqual(before);
  });
});
