import { formatPrefix } from '../ipam/index.js';
import { checkVnetMembership } from './flow-trace.js';
import { isInPrefixes } from './gateway-route.js';
import type { TopoAclRule, TopoEndpoint, TopoService, TopoVm } from './model.js';
import { isVmRunning } from './model.js';
import type { TopologyIndex } from './topology-index.js';
import { TupleIds, type TupleNode } from './tuple-ids.js';

/**
 * Computes VM signatures for one world: equal signatures mean equal answers in every name-addressed flow, both ways.
 * A signature is the id of the tuple (component, status, endpoints, sites holding the DIP), each part coded as small
 * integers: a VM costs a few map reads, never a composed string. For signing VMs in any order it walks every VM once
 * first, for the ACL subnets that judge each VIP; {@link VmSignatures} signs a whole world in one walk instead.
 */
export function makeVmSigner(index: TopologyIndex): (vm: TopoVm) => number {
  const signatures = new VmSignatures(index);
  index.forEachVm((vm) => signatures.noteAclSubnets(vm));
  return (vm) => signatures.complete(signatures.signPartly(vm));
}

/**
 * Signs a world's VMs in one walk: each VM is first signed with its service's own VIP in place of how the world's
 * ACLs judge it (which needs every ACL subnet, known only once the walk is over), and {@link complete} turns such
 * a partial signature into the signature makeVmSigner gives. A VM whose tuple equals the previous VM's (a service's
 * VMs come one after another and are mostly alike) gets its id back without reading the tuple trie.
 */
export class VmSignatures {
  private readonly aclSubnets = new Map<string, TopoAclRule['remoteSubnet']>();
  private readonly findSitesHolding: (address: number) => readonly number[];
  private readonly partial = new TupleIds();
  /** What each partial signature leaves out: the tuple node before its VIP, and the VIP. */
  private readonly partialParts = new Map<number, { rest: TupleNode; vip: number | undefined }>();
  private readonly complete_ = new TupleIds();
  private readonly completeIds = new Map<number, number>();
  private readonly vipCodes = new Map<number | undefined, number>();
  private readonly codes = new Map<string, number>();
  private readonly componentByService = new Map<string, number>();
  // The previous VM's service and state, with what they coded to: consecutive VMs mostly share both.
  private serviceName: string | undefined;
  private component = 0;
  private inVnet = false;
  private vip: number | undefined;
  private state: string | undefined;
  private stateCode = 0;
  // The tuple being read and the previous VM's, with its id: written by position and never shrunk (an array's
  // length set to 0 drops its storage, which every VM would then allocate again).
  private tuple: number[] = [];
  private previous: number[] = [];
  private previousLength = -1;
  private previousId = -1;

  constructor(private readonly index: TopologyIndex) {
    this.findSitesHolding = makeSiteFinder(index);
  }

  /** Notes the ACL subnets of a VM's endpoints (signPartly does too): each judges every VIP. */
  noteAclSubnets(vm: TopoVm): void {
    for (const endpoint of vm.endpoints) if (endpoint.acl.length !== 0) this.noteRules(endpoint.acl);
  }

  /** The VM's partial signature: equal for VMs alike in every part, their service's VIP standing for its judgement. */
  signPartly(vm: TopoVm): number {
    if (vm.service !== this.serviceName) {
      const service = this.index.serviceOf(vm);
      this.serviceName = vm.service;
      this.component = this.componentOf(service);
      this.inVnet = this.index.vnetOfService(service) !== undefined;
      this.vip = service.vip;
    }
    if (vm.state !== this.state) {
      this.state = vm.state;
      this.stateCode = this.codeOf(isVmRunning(vm) ? 'running' : vm.state);
    }
    const { endpoints } = vm;
    const tuple = this.tuple;
    tuple[0] = this.component;
    tuple[1] = this.stateCode;
    tuple[2] = endpoints.length;
    let length = 3;
    for (let i = 0; i < endpoints.length; i++) {
      const endpoint = endpoints[i]!;
      if (endpoint.acl.length !== 0) this.noteRules(endpoint.acl);
      tuple[length++] = this.codeEndpoint(endpoint);
    }
    sortSmall(tuple, 3, length);
    const sites = this.inVnet ? this.findSitesHolding(vm.dip) : NO_SITES;
    tuple[length++] = sites.length;
    for (let i = 0; i < sites.length; i++) tuple[length++] = sites[i]!;
    // The VIP, as a number past every address (or one more past for none), is the last part: the node before it is the rest.
    tuple[length++] = this.vip ?? NO_VIP;
    if (isSameTuple(tuple, length, this.previous, this.previousLength)) return this.previousId;
    let at = this.partial.start;
    for (let i = 0; i < length - 1; i++) at = this.partial.step(at, tuple[i]!);
    const leaf = this.partial.step(at, tuple[length - 1]!);
    if (!this.partialParts.has(leaf.id)) this.partialParts.set(leaf.id, { rest: at, vip: this.vip });
    this.tuple = this.previous;
    this.previous = tuple;
    this.previousLength = length;
    this.previousId = leaf.id;
    return leaf.id;
  }

  /** The signature of a partial one, once every VM's ACL subnets are noted (a later subnet would change it). */
  complete(partial: number): number {
    const known = this.completeIds.get(partial);
    if (known !== undefined) return known;
    const parts = this.partialParts.get(partial);
    if (parts === undefined) throw new RangeError(`no partial signature ${partial}`);
    const id = this.complete_.step(this.complete_.step(this.complete_.start, parts.rest.id), this.judgeVip(parts.vip)).id;
    this.completeIds.set(partial, id);
    return id;
  }

  /**
   * How the world's ACLs judge a VIP, as a code: equal codes for VIPs every ACL rule treats alike (a caller's VIP is
   * all an endpoint's ACL looks at). Like complete, only once every VM's ACL subnets are noted.
   */
  judgeVip(vip: number | undefined): number {
    let code = this.vipCodes.get(vip);
    if (code === undefined) this.vipCodes.set(vip, (code = this.codeOf(judgeVip([...this.aclSubnets.values()], vip))));
    return code;
  }

  private noteRules(rules: readonly TopoAclRule[]): void {
    for (const rule of rules) this.aclSubnets.set(formatPrefix(rule.remoteSubnet), rule.remoteSubnet);
  }

  private codeOf(text: string): number {
    let code = this.codes.get(text);
    if (code === undefined) this.codes.set(text, (code = this.codes.size));
    return code;
  }

  private componentOf(service: TopoService): number {
    let component = this.componentByService.get(service.name);
    if (component === undefined) this.componentByService.set(service.name, (component = this.codeOf(describeComponent(this.index, service))));
    return component;
  }

  /** An endpoint as an integer: equal codes for endpoints alike in protocol, private port and ACL. */
  private codeEndpoint(e: TopoEndpoint): number {
    const plain = (e.protocol === 'udp' ? 65_536 : 0) + e.privatePort;
    return e.acl.length === 0 ? plain : ACL_CODES + this.codeOf(`${plain}[${e.acl.map(describeRule).join(',')}]`);
  }
}

/** Stands for "no VIP" in a partial signature: past every IPv4 address. */
const NO_VIP = 2 ** 32;

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


/** The VNet a service sits in rightfully, or the service itself when it has no such VNet. */
function describeComponent(index: TopologyIndex, service: TopoService): string {
  const vnet = index.vnetOfService(service);
  const isMember = vnet !== undefined && checkVnetMembership(index, service, vnet, 'forward') === undefined;
  return isMember ? `vnet:${vnet.name}` : `service:${service.name}`;
}

function describeRule(rule: TopoAclRule): string {
  return `${rule.order}${rule.action}${formatPrefix(rule.remoteSubnet)}`;
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
