import type { FlowSource } from './flow-end.js';
import { sampleSiteAddress } from './endpoint-resolve.js';
import type { TopoLocalSite, TopoVm } from './model.js';
import { isVmRunning } from './model.js';
import type { TopologyIndex } from './topology-index.js';
import { VmSignatures } from './vm-signer.js';

export { makeVmSigner } from './vm-signer.js';

/**
 * Equivalence classes of the world for reachability: two VMs are in one class when no rule can tell them apart.
 * The network boundary comes first: a VNet whose members all belong there (right affinity group or region) is one
 * component, since the platform lets every machine in it talk to every other whatever its service or subnet
 * (azure-classic.md §4.3); a service outside any VNet is its own component (only its private channel). Within a
 * component, VMs split by running status, endpoints by protocol, private port and ACL, the local sites holding
 * their DIP (the only thing gateway routes look at) and how every ACL in the world judges their service's VIP
 * (the address their calls to public endpoints come from). Matrix and diff evaluate one representative per class
 * pair instead of every pair of VMs.
 */

/** A class of interchangeable VMs, or one on-premises site. */
export interface ReachClass {
  id: string;
  kind: 'vms' | 'site';
  /** The label without its members (`data [running]`), for listings that abbreviate a large class. */
  head: string;
  /** The full label: the head and every member. */
  label: string;
  /** `service/vm` keys, or the site name. */
  members: string[];
}

/** The on-premises sites that can be a flow end (a site standing for another VNet's gateway is not on-premises). */
export function listOnPremisesSites(index: TopologyIndex): TopoLocalSite[] {
  return [...index.sitesByName.values()].filter((s) => !index.vnetsBySiteName.has(s.name) && sampleSiteAddress(s) !== undefined);
}

/** Groups keys by signature, ordered by each group's first key so ids are stable. */
export function groupBySignature<S>(entries: Iterable<[key: string, signature: S]>): string[][] {
  const groups = new Map<S, string[]>();
  for (const [key, signature] of entries) addToGroup(groups, signature, key);
  return sortGroups(groups.values());
}

function addToGroup<S>(groups: Map<S, string[]>, signature: S, key: string): void {
  const group = groups.get(signature);
  if (group === undefined) groups.set(signature, [key]);
  else group.push(key);
}

/** Each group's keys sorted, and the groups ordered by their first key. */
function sortGroups(groups: Iterable<string[]>): string[][] {
  const result = [...groups].map((g) => g.sort());
  return result.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

/** Finds a VM of the world by its `service/vm` key. */
export type VmLookup = (key: string) => TopoVm | undefined;

function lookUpIn(index: TopologyIndex): VmLookup {
  return (key) => index.vmsByKey.get(key);
}

/** Labels a class of VMs: its service (or VNet, when it spans services), its status and its members. */
export function labelVmClass(index: TopologyIndex, members: readonly string[]): string {
  return labelWithHead(headVmClass(index, members), members);
}

function labelWithHead(head: string, members: readonly string[]): string {
  return `${head}: ${nameClassMembers(members).join(', ')}`;
}

/** The head of a class label without its members, e.g. `data [running]` or `VNet CorpVNet [running]`. */
export function headVmClass(index: TopologyIndex, members: readonly string[], vmOf: VmLookup = lookUpIn(index)): string {
  const first = vmOf(members[0] ?? '');
  if (first === undefined) return 'VMs';
  const state = isVmRunning(first) ? 'running' : first.state;
  if (!spansServices(members)) return `${first.service} [${state}]`;
  const vnet = index.vnetOfService(index.serviceOf(first));
  return `${vnet === undefined ? 'services' : `VNet ${vnet.name}`} [${state}]`;
}

/**
 * Member names as labels show them: bare VM names within one service, `service/vm` across several. With `limit`,
 * only the first ones (whether the class spans services is still decided over every member).
 */
export function nameClassMembers(members: readonly string[], limit = members.length): string[] {
  const named = members.slice(0, limit);
  return spansServices(members) ? named : named.map((key) => key.slice(key.indexOf('/') + 1));
}

function spansServices(members: readonly string[]): boolean {
  const first = serviceOfMember(members[0] ?? '');
  // Compared in place: slicing each member's service out costs a string per member of a class of thousands.
  return members.some((key) => key.charCodeAt(first.length) !== SLASH || !key.startsWith(first));
}

const SLASH = '/'.charCodeAt(0);

/** The service part of a `service/vm` member key. */
export function serviceOfMember(key: string): string {
  return key.slice(0, key.indexOf('/'));
}

/**
 * The member standing for a class in pairs within it: one from another service when the class spans several, so the
 * path shown is the one most of its pairs take (the VNet, not one service's channel), else the second member.
 */
export function findPartnerKey(members: readonly string[]): string | undefined {
  const first = members[0] ?? '';
  return members.find((key) => serviceOfMember(key) !== serviceOfMember(first)) ?? members[1];
}

/** A flow source standing for a class member, found in this world, or undefined when it holds no such member. */
export function representClassMember(
  index: TopologyIndex, kind: ReachClass['kind'], key: string | undefined, vmOf: VmLookup = lookUpIn(index),
): FlowSource | undefined {
  if (key === undefined) return undefined;
  if (kind === 'site') {
    const site = index.sitesByName.get(key);
    const address = site === undefined ? undefined : sampleSiteAddress(site);
    return site === undefined || address === undefined ? undefined : { kind: 'site', site, address };
  }
  const vm = vmOf(key);
  return vm === undefined ? undefined : { kind: 'vm', vm, via: 'name' };
}

/**
 * False for a class of VMs that are not running in this world: they send and answer nothing (azure-classic.md §4.3),
 * so no flow starts or ends there and matrix and diff skip its pairs without evaluating them.
 */
export function isClassLive(index: TopologyIndex, cls: ReachClass, vmOf: VmLookup = lookUpIn(index)): boolean {
  if (cls.kind === 'site') return true;
  const first = vmOf(cls.members[0] ?? '');
  return first !== undefined && isVmRunning(first);
}

/** The partition of one world into classes (VM classes, then one class per on-premises site). */
export function partitionWorld(index: TopologyIndex): ReachClass[] {
  return partitionWorldWithEnds(index).classes;
}

/**
 * The partition of one world into classes, with a look-up of the VMs standing for each class (its first member and
 * its partner, see findPartnerKey), found in the same walk over the VMs: a matrix then never files every VM by key;
 * and how the world's ACLs judge a VIP (VmSignatures.judgeVip), for cells that depend on their source's VIP alone.
 */
export function partitionWorldWithEnds(index: TopologyIndex): { classes: ReachClass[]; vmOf: VmLookup; judgeVip: (vip: number | undefined) => number } {
  // One walk over the VMs, signing each partly; then the few partial groups (one per service and kind of VM at
  // most) merge by their complete signature. forEachVm, not a generator of [key, signature] pairs: a pair per VM is
  // 200k objects at full size.
  const signatures = new VmSignatures(index);
  const partialGroups = new Map<number, string[]>();
  index.forEachVm((vm, key) => addToGroup(partialGroups, signatures.signPartly(vm), key));
  const groups = new Map<number, string[]>();
  for (const [partial, members] of partialGroups) {
    const signature = signatures.complete(partial);
    const group = groups.get(signature);
    if (group === undefined) groups.set(signature, members);
    else for (const member of members) group.push(member);
  }
  const vmGroups = sortGroups(groups.values());
  const ends = new Set<string>();
  for (const members of vmGroups) {
    const partner = findPartnerKey(members);
    ends.add(members[0] ?? '');
    if (partner !== undefined) ends.add(partner);
  }
  const endVms = index.findVms(ends);
  const vmOf: VmLookup = (key) => endVms.get(key) ?? index.vmsByKey.get(key);
  const classes: ReachClass[] = vmGroups.map((members, i) => {
    const head = headVmClass(index, members, vmOf);
    // Named on first read: the text matrix abbreviates a large class and never reads its full label, which at full
    // size joins 200k member names.
    let label: string | undefined;
    return { id: `c${i + 1}`, kind: 'vms', head, get label() { return (label ??= labelWithHead(head, members)); }, members };
  });
  for (const site of listOnPremisesSites(index).sort((a, b) => a.name.localeCompare(b.name))) {
    const label = `on-premises ${site.name}`;
    classes.push({ id: `c${classes.length + 1}`, kind: 'site', head: label, label, members: [site.name] });
  }
  return { classes, vmOf, judgeVip: (vip) => signatures.judgeVip(vip) };
}
