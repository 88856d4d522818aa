import { formatPrefix } from '../ipam/index.js';
import { checkVnetMembership } from './flow-trace.js';
import { isInPrefixes } from './gateway-route.js';
import type { TopoAclRule, TopoEndpoint, TopoService, TopoVm } from './model.js';
import { isVmRunning } from './model.js';
import type { TopologyIndex } from './topology-index.js';
import { TupleIds } from './tuple-ids.js';

/**
 * Computes VM signatures for one world: equal signatures mean equal answers in every name-addressed flow, both ways.
 * A signature is the id of the tuple (component, status, endpoints, sites holding the DIP), each part coded as small
 * integers: a VM costs a few map reads, never a composed string. A VM whose tuple equals the previous VM's (a
 * service's VMs come one after another and are mostly alike) gets its id back without reading the tuple trie.
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
  // The previous VM's service and state, with what they coded to: consecutive VMs mostly share both.
  let serviceName: string | undefined;
  let component = 0;
  let inVnet = false;
  let state: string | undefined;
  let stateCode = 0;
  // The tuple being read and the previous VM's, with its id: written by position and never shrunk (an array's
  // length set to 0 drops its storage, which every VM would then allocate again).
  let tuple: number[] = [];
  let length = 0;
  let previous: number[] = [];
  let previousLength = -1;
  let previousId = -1;
  return (vm) => {
    if (vm.service !== serviceName) {
      const service = index.serviceOf(vm);
      serviceName = vm.service;
      component = componentOf(service);
      inVnet = index.vnetOfService(service) !== undefined;
    }
    if (vm.state !== state) {
      state = vm.state;
      stateCode = codeOf(isVmRunning(vm) ? 'running' : vm.state);
    }
    const { endpoints } = vm;
    tuple[0] = component;
    tuple[1] = stateCode;
    tuple[2] = endpoints.length;
    length = 3;
    for (let i = 0; i < endpoints.length; i++) tuple[length++] = codeEndpoint(endpoints[i]!, codeOf);
    sortSmall(tuple, 3, length);
    const sites = inVnet ? findSitesHolding(vm.dip) : NO_SITES;
    tuple[length++] = sites.length;
    for (let i = 0; i < sites.length; i++) tuple[length++] = sites[i]!;
    if (isSameTuple(tuple, length, previous, previousLength)) return previousId;
    let at = tuples.start;
    for (let i = 0; i < length; i++) at = tuples.step(at, tuple[i]!);
    [previous, tuple] = [tuple, previous];
    previousLength = length;
    previousId = at.id;
    return at.id;
  };
}

const NO_SITES: readonly number[] = [];

function isSameTuple(a: readonly number[], aLength: number, b: readonly number[], bLength: number): boolean {
  if (aLength !== bLength) return false;
  for (let i = 0; i < aLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Sorts a VM's few codes in [start, end), in place (insertion sort: a VM has a handful of endpoints, and sort() costs more to call). */
function sortSmall(codes: number[], start: number, end: number): void {
  for (let i = start + 1; i < end; i++) {
    const code = codes[i]!;
    let j = i - 1;
    for (; j >= start && codes[j]! > code; j--) codes[j + 1] = codes[j]!;
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
  index.forEachVm((vm) => {
    for (const endpoint of vm.endpoints) for (const rule of endpoint.acl) prefixes.set(formatPrefix(rule.remoteSubnet), rule.remoteSubnet);
  });
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
  const lengths = [...byLength.keys()];
  const networks = [...byLength.values()];
  return (address) => {
    let found: number[] | undefined;
    for (let l = 0; l < lengths.length; l++) {
      const holders = networks[l]!.get(networkOf(address, lengths[l]!));
      if (holders === undefined) continue;
      for (const ordinal of holders) {
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
