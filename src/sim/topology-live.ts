import { TopologyError, type TopologyIndex } from '../topology/index.js';
import { findVm, vmKey } from '../vm/index.js';
import type { EventLog } from './event-store.js';
import type { SimEvent } from './events.js';
import {
  hasRoleInstances, readGatewayHead, readTopoNetwork, readTopoService, readTopoSite, readTopoVm, readTopoVnet, toTopologyIndex,
} from './topology-view.js';
import type { World } from './world.js';

/**
 * The reachability index of a world that only moves forward, kept in step event by event, never rebuilt for an IaaS
 * world: a VM's or a service's event re-reads that one record (added, changed or removed in place), a gateway's or
 * tunnel's state is set on the indexed record, and an event about the networks (VNets, gateways, connections, sites,
 * affinity groups, a few hundred records) re-reads them without touching the VM tables. Only PaaS role instances,
 * which follow their service's deployment and sit after every VM in the model, make it rebuild once. The page's reach
 * answers and the reach expectations ask it instead of rebuilding per question.
 */
export class LiveTopology {
  private index: TopologyIndex | undefined;
  private seen = 0;
  /** Whether the indexed world shows role instances: a VM or service added in place would then sit out of order. */
  private showsRoleInstances = false;

  /** Follows `world`, which the caller folds forward (the engine's or a replayed one). */
  constructor(private readonly world: World) {}

  /**
   * The index as of `events`, the world's whole log so far (already folded into the world). Only the events since
   * the last call are looked at; a log that shrank (a different run) rebuilds.
   */
  indexAt(events: EventLog): TopologyIndex {
    if (this.index === undefined || events.length < this.seen) return this.rebuild(events.length);
    for (; this.seen < events.length; this.seen++) {
      const event = events.at(this.seen);
      if (event !== undefined && !this.follow(this.index, event)) return this.rebuild(events.length);
    }
    return this.index;
  }

  private rebuild(seen: number): TopologyIndex {
    this.index = toTopologyIndex(this.world);
    this.showsRoleInstances = Object.values(this.world.services).some(hasRoleInstances);
    this.seen = seen;
    return this.index;
  }

  /** Applies one event's changes; false when the index cannot follow it in place. */
  private follow(index: TopologyIndex, event: SimEvent): boolean {
    switch (event.type) {
      case 'vm.created':
      case 'vm.reconfigured':
      case 'vm.stateChanged':
      case 'dip.allocated':
      case 'dip.released':
      case 'endpoint.added':
      case 'endpoint.removed':
      case 'endpoint.aclChanged':
        return this.followVm(index, event.service, event.vm);
      case 'vm.deleted':
        if (index.vmsByKey.has(vmKey(event.service, event.vm))) index.applyChange({ type: 'vmRemoved', service: event.service, vm: event.vm });
        return true;
      case 'service.created':
      case 'service.kindSet':
      case 'deployment.created':
      case 'deployment.statusChanged':
      case 'deployment.deleted':
      case 'vip.assigned':
      case 'vip.released':
      case 'vip.swapped':
      case 'service.deleted':
        return this.followService(index, event.service);
      case 'role.instancesChanged':
        return false;
      case 'gateway.stateChanged':
        return this.followGateway(index, event.vnet);
      case 'connection.stateChanged':
        return this.followConnection(index, event.vnet, event.site);
      case 'affinityGroup.created':
      case 'affinityGroup.deleted':
        return this.rereadNetwork(index);
      case 'vnet.defined':
      case 'vnet.removed':
      case 'connection.removed':
        return this.rereadVnet(index, event.vnet);
      // addSite may re-define the site it connects (new prefixes or device address).
      case 'connection.added':
        return this.rereadSite(index, event.site) && this.rereadVnet(index, event.vnet);
      case 'localSite.defined':
      case 'localSite.removed':
        return this.rereadSite(index, event.site);
      // Both may be the first word of a gateway the world did not show yet (its status is created on first mention).
      case 'gateway.operation':
      case 'connection.sharedKeySet':
        return this.showsGateway(index, event.vnet) ? true : this.rereadVnet(index, event.vnet);
      // Facts reach never reads: the tunnel's IKE steps and devices, MACs, disks, images, public and reserved IPs,
      // internal load balancers, refusals, Azure Connect.
      case 'world.started':
      case 'connection.ike':
      case 'connection.deviceChanged':
      case 'vm.macAssigned':
      case 'disk.added':
      case 'disk.leased':
      case 'disk.released':
      case 'disk.deleted':
      case 'image.added':
      case 'publicIp.allocated':
      case 'reservedIp.created':
      case 'reservedIp.deleted':
      case 'internalLoadBalancer.added':
      case 'internalLoadBalancer.removed':
      case 'command.refused':
      case 'connect.agentActivated':
      case 'connect.agentInstalled':
      case 'connect.agentRemoved':
      case 'connect.groupDeleted':
      case 'connect.groupSet':
      case 'connect.roleEnabled':
        return true;
      default:
        return false;
    }
  }

  /** Re-reads the networks (a few hundred records) in place of the indexed ones; VMs and services stay as they are. */
  private rereadNetwork(index: TopologyIndex): boolean {
    index.applyChange({ type: 'networkReplaced', network: readTopoNetwork(this.world) });
    return true;
  }

  /** Re-reads one VNet with its gateway and connections (added, replaced in place, or removed). */
  private rereadVnet(index: TopologyIndex, name: string): boolean {
    const vnet = readTopoVnet(this.world, name);
    if (vnet !== undefined) index.applyChange({ type: 'vnetPut', vnet });
    else if (index.vnetsByName.has(name)) index.applyChange({ type: 'vnetRemoved', vnet: name });
    return true;
  }

  /** Re-reads one local site (added, replaced in place, or removed). */
  private rereadSite(index: TopologyIndex, name: string): boolean {
    const site = readTopoSite(this.world, name);
    if (site !== undefined) index.applyChange({ type: 'sitePut', site });
    else if (index.sitesByName.has(name)) index.applyChange({ type: 'siteRemoved', site: name });
    return true;
  }

  /** Whether the index shows the gateway the world holds for a VNet (or neither has one to show). */
  private showsGateway(index: TopologyIndex, vnetName: string): boolean {
    const inWorld = this.world.vnets[vnetName] !== undefined && this.world.gateway.gateways[vnetName] !== undefined;
    return !inWorld || index.vnetsByName.get(vnetName)?.gateway !== undefined;
  }

  private followVm(index: TopologyIndex, service: string, name: string): boolean {
    const vm = findVm(this.world, service, name);
    if (vm === undefined) return false;
    const isNew = !index.vmsByKey.has(vmKey(service, name));
    if (isNew && this.showsRoleInstances) return false;
    index.applyChange({ type: 'vmPut', vm: readTopoVm(vm) });
    return true;
  }

  private followService(index: TopologyIndex, name: string): boolean {
    const service = this.world.services[name];
    if (service !== undefined && hasRoleInstances(service)) return false;
    if (this.showsRoleInstances) return false;
    if (service !== undefined) index.applyChange({ type: 'servicePut', service: readTopoService(service) });
    else if (index.servicesByName.has(name)) index.applyChange({ type: 'serviceRemoved', service: name });
    return true;
  }

  private followGateway(index: TopologyIndex, vnetName: string): boolean {
    const indexed = index.vnetsByName.get(vnetName)?.gateway;
    const now = readGatewayHead(this.world, vnetName);
    const isSameGateway = this.world.gateway.gateways[vnetName] !== undefined && indexed !== undefined && now.type === indexed.type && now.vip === indexed.vip;
    if (!isSameGateway) return this.rereadVnet(index, vnetName);
    index.applyChange({ type: 'gatewayState', vnet: vnetName, state: now.state });
    return true;
  }

  private followConnection(index: TopologyIndex, vnetName: string, site: string): boolean {
    const state = this.world.gateway.gateways[vnetName]?.connections[site]?.ConnectivityState;
    if (state === undefined) return this.rereadVnet(index, vnetName);
    try {
      index.applyChange({ type: 'connectionState', vnet: vnetName, site, state });
      return true;
    } catch (error) {
      // A tunnel the index does not show yet (a status mentioning a site before its connection was configured).
      if (error instanceof TopologyError) return this.rereadVnet(index, vnetName);
      throw error;
    }
  }
}
