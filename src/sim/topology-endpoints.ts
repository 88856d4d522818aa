import type { SourceRef } from '../common/index.js';
import { parsePrefix4 } from '../ipam/index.js';
import type { TopoAclRule, TopoEndpoint } from '../topology/index.js';
import type { Endpoint, Vm } from '../vm/index.js';
import type { TopologySourceLookup } from './topology-view.js';

/**
 * The rule list of every endpoint without rules, shared: nearly every endpoint of a large world has none, and an
 * empty list each is 400k objects at full size. Frozen, so an edit in place fails loudly instead of reaching them all
 * (the index replaces a VM's endpoints on a change, never edits a rule list).
 */
const NO_RULES = Object.freeze([]) as unknown as TopoAclRule[];

/**
 * Reads VMs' endpoints as the reachability model shows them. Endpoints without rules or a source position that are
 * alike in name, protocol and ports are one shared record per reader: a large world's VMs all publish the default
 * RemoteDesktop and PowerShell endpoints on ports drawn from one range (200k VMs hold about 65k distinct ones), and
 * each endpoint record the index keeps is one more object for every garbage collection to copy and mark. Sharing is
 * safe because the model never edits an endpoint: a change replaces a VM's whole list, and flows pair an endpoint
 * with its VM explicitly, never by finding the VM that holds it.
 */
export class EndpointReader {
  /** Shared endpoints by name, then by public port and protocol (one Map per name; a name has one private port mostly). */
  private readonly shared = new Map<string, Map<number, TopoEndpoint>>();

  /**
   * A VM's endpoints, read into the very list Object.values made: it is exactly as long as the VM's endpoints (a
   * pushed list reserves 17 slots), and a second list per VM is 200k more objects at full size.
   */
  readAll(vm: Vm, findSource: TopologySourceLookup | undefined): TopoEndpoint[] {
    const read = Object.values(vm.endpoints) as unknown[] as TopoEndpoint[];
    for (let i = 0; i < read.length; i++) {
      const endpoint = read[i] as unknown as Endpoint;
      read[i] = findSource === undefined
        ? this.readShared(endpoint)
        : readEndpoint(endpoint, findSource('endpoint', `${vm.service}/${vm.name}/${endpoint.name}`));
    }
    return read;
  }

  /**
   * A VM's endpoints for a passing view (VmSource.forEachView): one list per length, filled afresh for each VM, and a
   * rule-free endpoint is the world's own record, which has every field the model's has (its rule list is empty).
   */
  view(vm: Vm): TopoEndpoint[] {
    const gathered = this.gathered;
    let count = 0;
    for (const name in vm.endpoints) {
      const endpoint = vm.endpoints[name]!;
      gathered[count++] = endpoint.acl.length === 0 ? (endpoint as RuleFreeEndpoint) : readEndpoint(endpoint, undefined);
    }
    const list = (this.viewLists[count] ??= gathered.slice(0, count));
    for (let i = 0; i < count; i++) list[i] = gathered[i]!;
    return list;
  }

  /** The view's endpoints as read, before they are copied into the list of their count (never shrunk). */
  private readonly gathered: TopoEndpoint[] = [];
  /** One list per endpoint count, reused by every view. */
  private readonly viewLists: TopoEndpoint[][] = [];

  private readShared(endpoint: Endpoint): TopoEndpoint {
    if (endpoint.acl.length !== 0) return readEndpoint(endpoint, undefined);
    let byPort = this.shared.get(endpoint.name);
    if (byPort === undefined) this.shared.set(endpoint.name, (byPort = new Map()));
    const slot = endpoint.publicPort * 2 + (endpoint.protocol === 'udp' ? 1 : 0);
    const known = byPort.get(slot);
    if (known !== undefined && known.privatePort === endpoint.privatePort) return known;
    const fresh = readEndpoint(endpoint, undefined);
    // The first private port seen on a slot is kept; another one there is read afresh (rare: a name's private port
    // is usually one per world).
    if (known === undefined) byPort.set(slot, fresh);
    return fresh;
  }
}

/** A world endpoint whose rule list is empty reads as a model endpoint as it is. */
type RuleFreeEndpoint = Endpoint & TopoEndpoint;

function readEndpoint(endpoint: Endpoint, source: SourceRef | undefined): TopoEndpoint {
  const read = { name: endpoint.name, protocol: endpoint.protocol, publicPort: endpoint.publicPort, privatePort: endpoint.privatePort, acl: readAcl(endpoint) };
  return source === undefined ? read : { ...read, source };
}

function readAcl(endpoint: Endpoint): TopoAclRule[] {
  if (endpoint.acl.length === 0) return NO_RULES;
  // A loop, not flatMap: only the rules whose subnet parses are kept.
  const acl: TopoAclRule[] = [];
  for (const rule of endpoint.acl) {
    const remoteSubnet = parsePrefix4(rule.remoteSubnet, { allowHostBits: true });
    if (remoteSubnet.ok) acl.push({ order: rule.order, action: rule.action, remoteSubnet: remoteSubnet.value, description: rule.description });
  }
  return acl;
}
