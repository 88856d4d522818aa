import { formatPrefix } from '../ipam/index.js';
import type { FlowSource } from './flow-end.js';
import { checkVnetMembership } from './flow-trace.js';
import { isInPrefixes } from './gateway-route.js';
import { sampleSiteAddress } from './endpoint-resolve.js';
import type { TopoAclRule, TopoEndpoint, TopoLocalSite, TopoService, TopoVm } from './model.js';
import { isVmRunning } from './model.js';
import type { TopologyIndex } from './topology-index.js';
import { TupleIds } from './tuple-ids.js';

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

/**
 * Computes VM signatures for one world: equal signatures mean equal answers in every name-addressed flow, both ways.
 * A signature is the id of the tuple (component, status, endpoints, sites holding the DIP), each part coded as small
 * integers: a VM costs a few map reads, never a composed string.
 */
export function makeVmSigner(index: TopologyIndex): (vm: TopoVm) => number {
  const aclPrefixes = listAclPrefixes(index);
  const findSitesHolding = makeSiteFinder(index);
  const tuples = new TupleIds();
  const codes = new Map<string, number>();
  const codeOf = (text: string): number => {
    let code = codes.get(text);
    if (code === undefined) codes.set(text, (code = codes.size));
    return code;
  };
  const componentByService = new Map<string, number>();
  const componentOf = (service: TopoService): number => {
    let component = componentByService.get(service.name);
    if (component === undefined) {
      component = codeOf(`${describeComponent(index, service)}|${judgeVip(aclPrefixes, service.vip)}`);
      componentByService.set(service.name, component);
    }
    return component;
  };
  const endpointCodes: number[] = [];
  return (vm) => {
    const service = index.serviceOf(vm);
    let at = tuples.step(tuples.start, componentOf(service));
    at = tuples.step(at, codeOf(isVmRunning(vm) ? 'running' : vm.state));
    endpointCodes.length = 0;
    for (const e of vm.endpoints) endpointCodes.push(codeEndpoint(e, codeOf));
    sortSmall(endpointCodes);
    at = tuples.step(at, endpointCodes.length);
    for (const code of endpointCodes) at = tuples.step(at, code);
    const sites = index.vnetOfService(service) === undefined ? NO_SITES : findSitesHolding(vm.dip);
    at = tuples.step(at, sites.length);
    for (const ordinal of sites) at = tuples.step(at, ordinal);
    return at.id;
  };
}

const NO_SITES: readonly number[] = [];

/** Sorts a VM's few codes in place (insertion sort: a VM has a handful of endpoints, and sort() costs more to call). */
function sortSmall(codes: number[]): void {
  for (let i = 1; i < codes.length; i++) {
    const code = codes[i]!;
    let j = i - 1;
    for (; j >= 0 && codes[j]! > code; j--) codes[j + 1] = codes[j]!;
    codes[j + 1] = code;
  }
}
/** Endpoint codes below this are a protocol and a private port alone (ports are 1–65535); ACL'd ones are coded above. */
const ACL_CODES = 2 * 65_536;

/** An endpoint as an integer: equal codes for endpoints alike in protocol, private port and ACL. */
function codeEndpoint(e: TopoEndpoint, codeOf: (text: string) => number): number {
  const plain = (e.protocol === 'udp' ? 65_536 : 0) + e.privatePort;
  return e.acl.length === 0 ? plain : ACL_CODES + codeOf(`${plain}[${e.acl.map(describeRule).join(',')}]`);
}

/** The VNet a service sits in rightfully, or the service itself when it has no such VNet. */
function describeComponent(index: TopologyIndex, service: TopoService): string {
  const vnet = index.vnetOfService(service);
  const isMember = vnet !== undefined && checkVnetMembership(index, service, vnet, 'forward') === undefined;
  return isMember ? `vnet:${vnet.name}` : `service:${service.name}`;
}

function describeRule(rule: TopoAclRule): string {
  return `${rule.order}${rule.action}${formatPrefix(rule.remoteSubnet)}`;
}

/** Every distinct remote subnet named by an endpoint ACL in the world. */
function listAclPrefixes(index: TopologyIndex): TopoAclRule['remoteSubnet'][] {
  const prefixes = new Map<string, TopoAclRule['remoteSubnet']>();
  for (const vm of index.vmsByKey.values()) {
    for (const endpoint of vm.endpoints) for (const rule of endpoint.acl) prefixes.set(formatPrefix(rule.remoteSubnet), rule.remoteSubnet);
  }
  return [...prefixes.values()];
}

/** Which ACL subnets hold a VIP: two VIPs held by the same ones are judged alike by every ACL. */
function judgeVip(aclPrefixes: readonly TopoAclRule['remoteSubnet'][], vip: number | undefined): string {
  if (vip === undefined) return 'no-vip';
  return aclPrefixes.map((p) => (isInPrefixes([p], vip) ? '1' : '0')).join('');
}

/**
 * Finds the local sites whose prefixes hold an address, as ordinals in the index's site order, without testing every site: the
 * prefixes are grouped by length, so one lookup per distinct length (a handful) replaces a scan of every prefix of
 * every site, which made classing a large world sites × VMs.
 */
function makeSiteFinder(index: TopologyIndex): (address: number) => readonly number[] {
  const sites = [...index.sitesByName.values()];
  const byLength = new Map<number, Map<number, number[]>>();
  sites.forEach((site, ordinal) => {
    for (const prefix of site.addressPrefixes) {
      const network = networkOf(prefix.network, prefix.length);
      let byNetwork = byLength.get(prefix.length);
      if (byNetwork === undefined) byLength.set(prefix.length, (byNetwork = new Map()));
      const holders = byNetwork.get(network);
      if (holders === undefined) byNetwork.set(network, [ordinal]);
      else if (!holders.includes(ordinal)) holders.push(ordinal);
    }
  });
  const lengths = [...byLength.entries()];
  return (address) => {
    let found: number[] | undefined;
    for (const [length, byNetwork] of lengths) {
      for (const ordinal of byNetwork.get(networkOf(address, length)) ?? NO_SITES) {
        if (found === undefined) found = [ordinal];
        else if (!found.includes(ordinal)) found.push(ordinal);
      }
    }
    return found === undefined ? NO_SITES : found.sort((a, b) => a - b);
  };
}

/** The network address of the /length block holding an address. */
function networkOf(address: number, length: number): number {
  return length === 0 ? 0 : (address & (-1 << (32 - length))) >>> 0;
}

/** The on-premises sites that can be a flow end (a site standing for another VNet's gateway is not on-premises). */
export function listOnPremisesSites(index: TopologyIndex): TopoLocalSite[] {
  return [...index.sitesByName.values()].filter((s) => !index.vnetsBySiteName.has(s.name) && sampleSiteAddress(s) !== undefined);
}

/** Groups keys by signature, ordered by each group's first key so ids are stable. */
export function groupBySignature<S>(entries: Iterable<[key: string, signature: S]>): string[][] {
  const groups = new Map<S, string[]>();
  for (const [key, signature] of entries) {
    const group = groups.get(signature);
    if (group === undefined) groups.set(signature, [key]);
    else group.push(key);
  }
  const result = [...groups.values()].map((g) => g.sort());
  return result.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

/** Labels a class of VMs: its service (or VNet, when it spans services), its status and its members. */
export function labelVmClass(index: TopologyIndex, members: readonly string[]): string {
  return `${headVmClass(index, members)}: ${nameClassMembers(members).join(', ')}`;
}

/** The head of a class label without its members, e.g. `data [running]` or `VNet CorpVNet [running]`. */
export function headVmClass(index: TopologyIndex, members: readonly string[]): string {
  const first = index.vmsByKey.get(members[0] ?? '');
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

/**
 * False for a class of VMs that are not running in this world: they send and answer nothing (azure-classic.md §4.3),
 * so no flow starts or ends there and matrix and diff skip its pairs without evaluating them.
 */
export function isClassLive(index: TopologyIndex, cls: ReachClass): boolean {
  if (cls.kind === 'site') return true;
  const first = index.vmsByKey.get(cls.members[0] ?? '');
  return first !== undefined && isVmRunning(first);
}

/** The partition of one world into classes (VM classes, then one class per on-premises site). */
export function partitionWorld(index: TopologyIndex): ReachClass[] {
  const signVm = makeVmSigner(index);
  const vmGroups = groupBySignature(signEach(index.vmsByKey, signVm));
  const classes: ReachClass[] = vmGroups.map((members, i) => ({
    id: `c${i + 1}`, kind: 'vms', head: headVmClass(index, members), label: labelVmClass(index, members), members,
  }));
  for (const site of listOnPremisesSites(index).sort((a, b) => a.name.localeCompare(b.name))) {
    const label = `on-premises ${site.name}`;
    classes.push({ id: `c${classes.length + 1}`, kind: 'site', head: label, label, members: [site.name] });
  }
  return classes;
}

/** Each VM's key (the index's own string) with its signature. */
function* signEach(vmsByKey: ReadonlyMap<string, TopoVm>, signVm: (vm: TopoVm) => number): Iterable<[string, number]> {
  for (const [key, vm] of vmsByKey) yield [key, signVm(vm)];
}
