import { formatPrefix } from '../ipam/index.js';
import type { FlowSource } from './flow-end.js';
import { isInPrefixes } from './gateway-route.js';
import { sampleSiteAddress } from './endpoint-resolve.js';
import type { TopoLocalSite, TopoVm } from './model.js';
import { isVmRunning, keyOfVm } from './model.js';
import type { TopologyIndex } from './topology-index.js';

/**
 * Equivalence classes of the world for reachability: two VMs are in one class when no rule can tell them apart —
 * same cloud service (hence same VNet, VIP and membership), same running status, the same endpoints by protocol,
 * private port and ACL, and the same local sites holding their DIP (the only thing gateway routes look at).
 * Matrix and diff evaluate one representative per class pair instead of every pair of VMs.
 */

/** A class of interchangeable VMs, or one on-premises site. */
export interface ReachClass {
  id: string;
  kind: 'vms' | 'site';
  label: string;
  /** `service/vm` keys, or the site name. */
  members: string[];
}

/** The signature of a VM: equal signatures mean equal answers in every name-addressed flow, in both directions. */
export function signVm(index: TopologyIndex, vm: TopoVm): string {
  const service = index.serviceOf(vm);
  const endpoints = vm.endpoints
    .map((e) => `${e.protocol}/${e.privatePort}[${e.acl.map((r) => `${r.order}${r.action}${formatPrefix(r.remoteSubnet)}`).join(',')}]`)
    .sort()
    .join(';');
  const sites = index.vnetOfService(service) === undefined ? [] : listSitesHolding(index, vm.dip);
  return `${service.name}|${isVmRunning(vm) ? 'running' : 'stopped'}|${endpoints}|${sites.join(',')}`;
}

function listSitesHolding(index: TopologyIndex, address: number): string[] {
  const names: string[] = [];
  for (const site of index.sitesByName.values()) if (isInPrefixes(site.addressPrefixes, address)) names.push(site.name);
  return names;
}

/** The on-premises sites that can be a flow end (a site standing for another VNet's gateway is not on-premises). */
export function listOnPremisesSites(index: TopologyIndex): TopoLocalSite[] {
  return [...index.sitesByName.values()].filter((s) => !index.vnetsBySiteName.has(s.name) && sampleSiteAddress(s) !== undefined);
}

/** Groups keys by signature, ordered by each group's first key so ids are stable. */
export function groupBySignature(entries: Iterable<[key: string, signature: string]>): string[][] {
  const groups = new Map<string, string[]>();
  for (const [key, signature] of entries) {
    const group = groups.get(signature);
    if (group === undefined) groups.set(signature, [key]);
    else group.push(key);
  }
  const result = [...groups.values()].map((g) => g.sort());
  return result.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

/** Labels a class of VMs: its service, status and members. */
export function labelVmClass(index: TopologyIndex, members: readonly string[]): string {
  const first = index.vmsByKey.get(members[0] ?? '');
  if (first === undefined) return members.join(', ');
  const names = members.map((key) => key.slice(key.indexOf('/') + 1));
  return `${first.service} [${isVmRunning(first) ? 'running' : first.state}]: ${names.join(', ')}`;
}

/** A flow source standing for a class member, found in this world, or undefined when it holds no such member. */
export function representClassMember(index: TopologyIndex, kind: ReachClass['kind'], key: string | undefined): FlowSource | undefined {
  if (key === undefined) return undefined;
  if (kind === 'site') {
    const site = index.sitesByName.get(key);
    const address = site === undefined ? undefined : sampleSiteAddress(site);
    return site === undefined || address === undefined ? undefined : { kind: 'site', site, address };
  }
  const vm = index.vmsByKey.get(key);
  return vm === undefined ? undefined : { kind: 'vm', vm, via: 'name' };
}

/** The partition of one world into classes (VM classes, then one class per on-premises site). */
export function partitionWorld(index: TopologyIndex): ReachClass[] {
  const vmGroups = groupBySignature([...index.vmsByKey.values()].map((vm) => [keyOfVm(vm), signVm(index, vm)]));
  const classes: ReachClass[] = vmGroups.map((members, i) => ({ id: `c${i + 1}`, kind: 'vms', label: labelVmClass(index, members), members }));
  for (const site of listOnPremisesSites(index).sort((a, b) => a.name.localeCompare(b.name))) {
    classes.push({ id: `c${classes.length + 1}`, kind: 'site', label: `on-premises ${site.name}`, members: [site.name] });
  }
  return classes;
}
