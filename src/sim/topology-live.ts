import { buildTopologyIndex, TopologyError, type TopologyIndex } from '../topology/index.js';
import { vmKey } from '../vm/index.js';
import type { SimEvent } from './events.js';
import { readGatewayHead, readTopoVm, toTopologyModel } from './topology-view.js';
import type { World } from './world.js';

/**
 * The reachability index of a world that only moves forward, kept in step event by event: the events that change a
 * VM's state, DIP or endpoints, a gateway's state or a tunnel's state become TopologyIndex changes (O(1) each);
 * events that add or remove objects, or change what applyChange cannot express (a VIP, a gateway's type or address),
 * make it rebuild once. The page's reach answers and the reach expectations ask it instead of rebuilding per question.
 */
export class LiveTopology {
  private index: TopologyIndex | undefined;
  private seen = 0;

  /** Follows `world`, which the caller folds forward (the engine's or a replayed one). */
  constructor(private readonly world: World) {}

  /**
   * The index as of `events`, the world's whole log so far (already folded into the world). Only the events since
   * the last call are looked at; a log that shrank (a different run) rebuilds.
   */
  indexAt(events: readonly SimEvent[]): TopologyIndex {
    if (this.index === undefined || events.length < this.seen) return this.rebuild(events.length);
    for (; this.seen < events.length; this.seen++) {
      const event = events[this.seen];
      if (event !== undefined && !this.follow(this.index, event)) return this.rebuild(events.length);
    }
    return this.index;
  }

  private rebuild(seen: number): TopologyIndex {
    this.index = buildTopologyIndex(toTopologyModel(this.world), { ownsModel: true });
    this.seen = seen;
    return this.index;
  }

  /** Applies one event's changes; false when the index cannot follow it in place. */
  private follow(index: TopologyIndex, event: SimEvent): boolean {
    switch (event.type) {
      case 'vm.stateChanged':
      case 'dip.allocated':
      case 'dip.released':
      case 'endpoint.added':
      case 'endpoint.removed':
      case 'endpoint.aclChanged':
        return this.followVm(index, event.service, event.vm);
      case 'gateway.stateChanged':
        return this.followGateway(index, event.vnet);
      case 'connection.stateChanged':
        return this.followConnection(index, event.vnet, event.site);
      // Facts reach never reads: the tunnel's IKE steps, keys, devices, MACs, disks, images, operations, refusals.
      case 'connection.ike':
      case 'connection.sharedKeySet':
      case 'connection.deviceChanged':
      case 'gateway.operation':
      case 'vm.macAssigned':
      case 'disk.added':
      case 'disk.leased':
      case 'disk.released':
      case 'disk.deleted':
      case 'image.added':
      case 'command.refused':
        return true;
      default:
        return false;
    }
  }

  private followVm(index: TopologyIndex, service: string, name: string): boolean {
    const vm = this.world.vms[vmKey(service, name)];
    const indexed = index.vmsByKey.get(vmKey(service, name));
    if (vm === undefined || indexed === undefined) return false;
    const now = readTopoVm(vm);
    if (indexed.state !== now.state) index.applyChange({ type: 'vmState', service, vm: name, state: now.state });
    if (indexed.dip !== now.dip) index.applyChange({ type: 'vmDip', service, vm: name, dip: now.dip });
    index.applyChange({ type: 'vmEndpoints', service, vm: name, endpoints: now.endpoints });
    return true;
  }

  private followGateway(index: TopologyIndex, vnetName: string): boolean {
    const indexed = index.vnetsByName.get(vnetName)?.gateway;
    if (this.world.gateway.gateways[vnetName] === undefined || indexed === undefined) return false;
    const now = readGatewayHead(this.world, vnetName);
    if (now.type !== indexed.type || now.vip !== indexed.vip) return false;
    index.applyChange({ type: 'gatewayState', vnet: vnetName, state: now.state });
    return true;
  }

  private followConnection(index: TopologyIndex, vnetName: string, site: string): boolean {
    const state = this.world.gateway.gateways[vnetName]?.connections[site]?.ConnectivityState;
    if (state === undefined) return false;
    try {
      index.applyChange({ type: 'connectionState', vnet: vnetName, site, state });
      return true;
    } catch (error) {
      if (error instanceof TopologyError) return false;
      throw error;
    }
  }
}
