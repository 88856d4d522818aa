import { DISPOSITIONS, type TopoAclRule, type TopoEndpoint, type TopologyModel, type TopoService, type TopoVm, type TopoVnet } from '../../src/topology/index.js';
import type { Prefix4 } from '../../src/ipam/index.js';

/**
 * A brute-force judge of the rules, written straight from the issue text over the raw model: linear scans,
 * no index, no classes, its own address arithmetic. The engine must agree with it on verdict, disposition and
 * the set of blockers (`code object`).
 */

/** One end of a judged flow, named by keys rather than engine objects. */
export type OracleEnd =
  | { kind: 'vm'; key: string; via: 'name' | 'dip' }
  | { kind: 'vip'; service: string; protocol: 'tcp' | 'udp'; publicPort: number }
  | { kind: 'site'; site: string; address: number }
  | { kind: 'internet'; address: number };

/** The judge's answer. */
export interface OracleVerdict {
  disposition: string;
  blockers: Set<string>;
}

function holds(p: Prefix4, address: number): boolean {
  if (p.length === 0) return true;
  const shift = 32 - p.length;
  return Math.floor(address / 2 ** shift) === Math.floor(p.network / 2 ** shift);
}

function holdsAny(prefixes: readonly Prefix4[], address: number): boolean {
  return prefixes.some((p) => holds(p, address));
}

/** Classic endpoint ACL: lowest order first, first match wins; with any permit rule, the unmatched are denied. */
export function admitsRemote(acl: readonly TopoAclRule[], remote: number): boolean {
  const sorted = [...acl].sort((a, b) => a.order - b.order);
  const match = sorted.find((r) => holds(r.remoteSubnet, remote));
  if (match !== undefined) return match.action === 'permit';
  return !acl.some((r) => r.action === 'permit');
}

interface Walk {
  legs: { vnet: TopoVnet; site: string; state: string; next: TopoVnet | undefined }[];
  end: 'vnet' | 'site' | 'no-route' | 'loop';
  at: TopoVnet;
}

/** Judges one direction of one flow. */
export function judgeFlow(m: TopologyModel, from: OracleEnd, to: OracleEnd, protocol: 'tcp' | 'udp', port: number): OracleVerdict {
  const blockers = new Set<string>();
  const add = (code: string, object: string): void => void blockers.add(`${code} ${object}`);
  const vmOf = (key: string): TopoVm => m.vms.find((v) => `${v.service}/${v.name}` === key) as TopoVm;
  const serviceOf = (name: string): TopoService => m.services.find((s) => s.name === name) ?? { name };
  const vnetOf = (s: TopoService): TopoVnet | undefined => (s.vnet === undefined ? undefined : m.vnets.find((v) => v.name === s.vnet));
  const regionOfGroup = (ag: string | undefined): string | undefined => m.affinityGroups.find((g) => g.name === ag)?.region;
  const isUp = (vm: TopoVm): boolean => vm.state === 'ReadyRole';
  const siteNamed = (name: string) => m.localSites.find((s) => s.name === name);
  const vnetBehind = (device: number | undefined): TopoVnet | undefined => m.vnets.find((v) => v.gateway?.vip !== undefined && v.gateway.vip === device);
  const requireUp = (vm: TopoVm): void => { if (!isUp(vm)) add('vm-not-running', `vm:${vm.service}/${vm.name}`); };

  const checkMember = (s: TopoService, v: TopoVnet): void => {
    if (v.affinityGroup !== undefined) {
      if (s.affinityGroup !== v.affinityGroup) add('different-affinity-group', `service:${s.name}`);
      return;
    }
    const vnetRegion = v.region ?? regionOfGroup(v.affinityGroup);
    const serviceRegion = s.region ?? regionOfGroup(s.affinityGroup);
    if (vnetRegion !== undefined && serviceRegion !== undefined && vnetRegion !== serviceRegion) add('different-region', `service:${s.name}`);
  };

  const walk = (start: TopoVnet, address: number, target: TopoVnet | undefined): Walk => {
    const legs: Walk['legs'] = [];
    const seen: TopoVnet[] = [start];
    let at = start;
    for (;;) {
      const connection = (at.gateway?.connections ?? []).find((c) => {
        const site = siteNamed(c.site);
        return site !== undefined && holdsAny(site.addressPrefixes, address);
      });
      if (connection === undefined) return { legs, end: 'no-route', at };
      const next = vnetBehind(siteNamed(connection.site)?.vpnGatewayAddress);
      legs.push({ vnet: at, site: connection.site, state: connection.state, next });
      if (next === undefined) return { legs, end: 'site', at };
      if (next === target) return { legs, end: 'vnet', at: next };
      if (seen.includes(next)) return { legs, end: 'loop', at: next };
      if (target === undefined && holdsAny(next.addressSpace, address)) return { legs, end: 'vnet', at: next };
      seen.push(next);
      at = next;
    }
  };

  const checkLegs = (w: Walk): void => {
    for (const leg of w.legs) {
      if (leg.vnet.gateway?.state !== 'Provisioned') add('gateway-not-provisioned', `gateway:${leg.vnet.name}`);
      if (leg.state !== 'Connected') add('tunnel-not-connected', `connection:${leg.vnet.name}->${leg.site}`);
      if (leg.next !== undefined) {
        if (leg.next.gateway?.state !== 'Provisioned') add('gateway-not-provisioned', `gateway:${leg.next.name}`);
        if (leg.vnet.gateway?.type === 'StaticRouting') add('gateway-type-unsupported', `gateway:${leg.vnet.name}`);
        if (leg.next.gateway?.type === 'StaticRouting') add('gateway-type-unsupported', `gateway:${leg.next.name}`);
      }
    }
  };

  const checkArrival = (w: Walk, arrived: boolean): void => {
    if (arrived) return;
    if (w.end === 'loop') {
      add('routing-loop', `gateway:${w.at.name}`);
      return;
    }
    const stuck = w.end === 'no-route' ? w.at : w.legs[w.legs.length - 1]?.vnet;
    if (stuck === undefined) return;
    if (w.end === 'no-route' && stuck.gateway?.state !== 'Provisioned') add('gateway-not-provisioned', `gateway:${stuck.name}`);
    add('prefix-not-in-local-site', `gateway:${stuck.name}`);
  };

  const judgePublic = (target: TopoService, candidates: { vm: TopoVm; endpoint: TopoEndpoint }[], named: TopoVm | undefined, label: string): void => {
    let remote: number | undefined;
    if (from.kind === 'vm') {
      remote = serviceOf(vmOf(from.key).service).vip;
      if (remote === undefined) add('no-vip', `service:${vmOf(from.key).service}`);
    } else if (from.kind === 'site') {
      remote = siteNamed(from.site)?.vpnGatewayAddress;
    } else if (from.kind === 'internet') {
      remote = from.address;
    }
    if (target.vip === undefined) add('no-vip', `service:${target.name}`);
    if (candidates.length === 0) {
      if (named !== undefined) requireUp(named);
      add('no-endpoint', label);
      return;
    }
    const admits = (c: { endpoint: TopoEndpoint }): boolean => remote === undefined || admitsRemote(c.endpoint.acl, remote);
    const choice = candidates.find((c) => isUp(c.vm) && admits(c)) ?? candidates.find(admits) ?? candidates[0]!;
    if (!admits(choice)) add('acl-denied', `endpoint:${choice.vm.service}/${choice.vm.name}/${choice.endpoint.name}`);
    requireUp(choice.vm);
  };

  if (from.kind === 'vm') requireUp(vmOf(from.key));

  if (to.kind === 'vip') {
    const candidates = m.vms.filter((v) => v.service === to.service)
      .flatMap((v) => v.endpoints.filter((e) => e.protocol === to.protocol && e.publicPort === to.publicPort).map((endpoint) => ({ vm: v, endpoint })));
    judgePublic(serviceOf(to.service), candidates, undefined, `vip:${to.service}:${to.protocol}/${to.publicPort}`);
  } else if (to.kind === 'vm') {
    const b = vmOf(to.key);
    const sb = serviceOf(b.service);
    const vb = vnetOf(sb);
    const byName = (): void => judgePublic(sb, b.endpoints.filter((e) => e.protocol === protocol && e.privatePort === port).map((endpoint) => ({ vm: b, endpoint })), b, `vm:${to.key}`);
    if (from.kind === 'vm') {
      const a = vmOf(from.key);
      const sa = serviceOf(a.service);
      const va = vnetOf(sa);
      const forward = va !== undefined && vb !== undefined && va !== vb ? walk(va, b.dip, vb) : undefined;
      if (sa.name === sb.name) {
        requireUp(b);
      } else if (va !== undefined && va === vb) {
        checkMember(sa, va);
        checkMember(sb, va);
        requireUp(b);
      } else if (forward?.end === 'vnet' && va !== undefined && vb !== undefined) {
        checkMember(sa, va);
        checkLegs(forward);
        checkMember(sb, vb);
        const reply = walk(vb, a.dip, va);
        checkLegs(reply);
        checkArrival(reply, reply.end === 'vnet' && reply.at === va);
        requireUp(b);
      } else if (to.via === 'dip') {
        requireUp(b);
        add('no-shared-network', `vm:${to.key}`);
      } else {
        byName();
      }
    } else if (from.kind === 'site') {
      if (vb === undefined) {
        requireUp(b);
        add('no-shared-network', `service:${sb.name}`);
      } else {
        const reply = walk(vb, from.address, undefined);
        const last = reply.legs[reply.legs.length - 1]?.vnet;
        if (reply.end === 'site' && last !== undefined && last !== vb) {
          const forward = walk(last, b.dip, vb);
          checkLegs(forward);
          checkArrival(forward, forward.end === 'vnet' && forward.at === vb);
        }
        checkMember(sb, vb);
        requireUp(b);
        checkLegs(reply);
        checkArrival(reply, reply.end === 'site');
      }
    } else if (from.kind === 'internet' && to.via === 'name') {
      byName();
    } else {
      requireUp(b);
      add('no-shared-network', `vm:${to.key}`);
    }
  } else if (from.kind === 'vm') {
    const a = vmOf(from.key);
    const sa = serviceOf(a.service);
    if (to.kind === 'internet') {
      if (sa.vip === undefined) add('no-vip', `service:${sa.name}`);
    } else {
      const va = vnetOf(sa);
      if (va === undefined) {
        add('no-shared-network', `service:${sa.name}`);
      } else {
        checkMember(sa, va);
        const w = walk(va, to.address, undefined);
        checkLegs(w);
        checkArrival(w, w.end === 'site');
        const last = w.legs[w.legs.length - 1]?.vnet;
        if (w.end === 'site' && last !== undefined && last !== va) {
          const reply = walk(last, a.dip, va);
          checkLegs(reply);
          checkArrival(reply, reply.end === 'vnet' && reply.at === va);
        }
      }
    }
  }
  const disposition = DISPOSITIONS.find((d) => [...blockers].some((b) => b.startsWith(`${d} `))) ?? 'delivered';
  return { disposition, blockers };
}
