import { FlowLabels } from './flow-labels.js';
import type { TopoLocalSite, TopologyModel, TopoService, TopoVm, TopoVnet } from './model.js';
import { keyOfVm, NO_DIP } from './model.js';
import { GatewayRoutes } from './route-table.js';
import { appendTo, copyMutableParts, fileSitesStandingForVnets, groupVms, putRecord, removeFrom, removeRecord } from './index-records.js';
import type { TopologyIndexOptions } from './topology-index-options.js';
import { TopologyError, type TopologyChange } from './topology-change.js';
import { SourcedVms } from './vm-source.js';

/**
 * Lookup tables over one world: every query is a handful of map reads plus a walk over at most a few gateway legs.
 * The index owns private copies of the records that events change (VMs, services, gateways, connections), so an
 * event is applied in place by editing one record and a few map entries (or, for the networks, re-reading their few
 * hundred records), never by rebuilding the VM tables.
 */
export class TopologyIndex {
  readonly servicesByName = new Map<string, TopoService>();
  readonly vnetsByName = new Map<string, TopoVnet>();
  readonly sitesByName = new Map<string, TopoLocalSite>();
  readonly regionsByAffinityGroup = new Map<string, string>();
  /** A local site whose device address is another VNet's gateway VIP stands for that VNet (classic VNet-to-VNet). */
  readonly vnetsBySiteName = new Map<string, TopoVnet>();
  /** Bumped by every change so derived views (classes, matrix) know when they are stale. */
  version = 0;
  private readonly model: TopologyModel;
  /**
   * Each `service:vm` / `service/vm` text a query resolved, as typed: repeated queries then skip composing the key.
   * A VM has a few spellings at most, so this grows past a few entries per VM only until a removal clears it.
   */
  private readonly vmsByQualifiedText = new Map<string, TopoVm>();
  private flowLabels = new FlowLabels(this.servicesByName, this.vnetsByName);
  private gatewayRoutes = new GatewayRoutes(this.sitesByName, this.vnetsBySiteName);

  /**
   * With `ownsModel`, the index edits the caller's model in place instead of copying every VM and gateway first; with
   * `vmKeys`, it files the VMs under the caller's keys instead of composing one per VM; with `vmSource`, it reads the
   * VMs from there on first use instead (the model's own VM list must then be empty).
   */
  constructor(model: TopologyModel, options: TopologyIndexOptions = {}) {
    this.model = options.ownsModel === true ? model : copyMutableParts(model);
    for (const ag of this.model.affinityGroups) this.regionsByAffinityGroup.set(ag.name, ag.region);
    for (const service of this.model.services) this.servicesByName.set(service.name, service);
    this.indexNetwork();
    if (options.vmSource !== undefined) {
      if (this.model.vms.length !== 0) throw new TopologyError('vm-keys-mismatch', `${this.model.vms.length} VMs beside a VM source`);
      this.sourced = new SourcedVms(options.vmSource, (vm) => this.shareServiceName(vm));
      return;
    }
    this.fileVms(options.vmKeys);
  }

  /** The caller's keys of the model's VMs, in model order, until vmsByKey is built from them (then undefined). */
  private vmKeys: readonly string[] | undefined;
  private byKey: Map<string, TopoVm> | undefined;
  /** Where the VMs are read from until something needs them all (then undefined, and the model holds them). */
  private sourced: SourcedVms | undefined;

  private fileVms(keys: readonly string[] | undefined): void {
    const { vms } = this.model;
    if (keys === undefined) {
      this.byKey = new Map();
      for (const vm of vms) this.byKey.set(this.keyOfOwnVm(vm), vm);
      return;
    }
    if (keys.length !== vms.length) throw new TopologyError('vm-keys-mismatch', `${keys.length} VM keys for ${vms.length} VMs`);
    // A service's VMs mostly come one after another: the previous VM's service name is the next one's too.
    let shared: TopoService | undefined;
    for (const vm of vms) {
      if (vm.service !== shared?.name) shared = this.servicesByName.get(vm.service);
      if (shared !== undefined) vm.service = shared.name;
    }
    this.vmKeys = keys;
  }

  /** The model's VMs, read whole from the source first when the index has one. */
  private get vms(): TopoVm[] {
    const sourced = this.sourced;
    if (sourced !== undefined) {
      this.sourced = undefined;
      this.model.vms = sourced.readWhole();
      this.fileVms(sourced.source.keys);
    }
    return this.model.vms;
  }

  /** The VM under a `service/vm` key: read from the source alone while the index has one, so no table is built. */
  private lookUpVm(key: string): TopoVm | undefined {
    return this.sourced === undefined ? this.vmsByKey.get(key) : this.sourced.read(key);
  }

  /**
   * VMs by `service/vm` key, in world order. Built on first use when the caller handed the keys over: a matrix
   * walks every VM with forEachVm and looks up a few, and filing 200k keys costs more than all of its look-ups.
   */
  get vmsByKey(): Map<string, TopoVm> {
    const vms = this.vms;
    if (this.byKey === undefined) {
      const byKey = new Map<string, TopoVm>();
      const keys = this.vmKeys ?? [];
      vms.forEach((vm, i) => byKey.set(keys[i]!, vm));
      this.byKey = byKey;
      this.vmKeys = undefined;
    }
    return this.byKey;
  }

  /**
   * Calls `visit` with each VM and its key, in world order, without building vmsByKey. The VM may be a passing view
   * (see VmSource.forEachView): read it, keep none of it.
   */
  forEachVm(visit: (vm: TopoVm, key: string) => void): void {
    if (this.sourced !== undefined) {
      this.sourced.source.forEachView(visit);
      return;
    }
    const keys = this.vmKeys;
    if (keys === undefined) {
      this.vmsByKey.forEach(visit);
      return;
    }
    this.model.vms.forEach((vm, i) => visit(vm, keys[i]!));
  }

  /**
   * The VMs of some keys, found by one walk over every VM instead of through vmsByKey, which a walk over few keys
   * would have to build first (or read one by one from the source); a key naming no VM is left out.
   */
  findVms(keys: ReadonlySet<string>): Map<string, TopoVm> {
    const found = new Map<string, TopoVm>();
    if (this.sourced !== undefined || this.vmKeys === undefined) {
      for (const key of keys) {
        const vm = this.lookUpVm(key);
        if (vm !== undefined) found.set(key, vm);
      }
      return found;
    }
    const vmKeys = this.vmKeys;
    this.model.vms.forEach((vm, i) => {
      if (keys.has(vmKeys[i]!)) found.set(vmKeys[i]!, vm);
    });
    return found;
  }

  /** Hop texts cached per VM and service, so a flow does not rebuild strings identical on every flow through them. */
  get labels(): FlowLabels {
    return this.flowLabels;
  }

  /** Each gateway's legs with its sites' prefixes grouped for lookup, read once per VNet rather than on every walk. */
  get routes(): GatewayRoutes {
    return this.gatewayRoutes;
  }

  // The tables below are built on first use: questions by name, DIP or VIP need them, a matrix never does.
  private byVip: Map<number, TopoService> | undefined;
  private byName: Map<string, TopoVm[]> | undefined;
  private byService: Map<string, TopoVm[]> | undefined;
  private byDip: Map<number, TopoVm[]> | undefined;

  /** Services by VIP, in world order. */
  get servicesByVip(): Map<number, TopoService> {
    if (this.byVip === undefined) {
      this.byVip = new Map();
      for (const service of this.model.services) if (service.vip !== undefined) this.byVip.set(service.vip, service);
    }
    return this.byVip;
  }

  /** VMs by their own name, in world order (a name may repeat across services). */
  get vmsByName(): Map<string, TopoVm[]> {
    return (this.byName ??= groupVms(this.vms, (vm) => vm.name));
  }

  /** The VMs of a name, in world order: read from the source alone while the index has one, so no table is built. */
  findVmsNamed(name: string): readonly TopoVm[] {
    const sourced = this.sourced;
    if (sourced === undefined) return this.vmsByName.get(name) ?? [];
    return sourced.source.keysNamed(name).flatMap((key) => sourced.read(key) ?? []);
  }

  /** VMs by cloud service, in world order. */
  get vmsByService(): Map<string, TopoVm[]> {
    return (this.byService ??= groupVms(this.vms, (vm) => vm.service));
  }

  /**
   * VMs by DIP (several when VNets overlap), in world order, a VM moved by a change last. Built before the first DIP
   * change at the latest, so it reads the DIPs of the build and follows every change from there, as if built eagerly.
   */
  get vmsByDip(): Map<number, TopoVm[]> {
    return (this.byDip ??= groupVms(this.vms.filter((vm) => vm.dip !== NO_DIP), (vm) => vm.dip));
  }

  /** The current world as plain data (the indexed copy, including every change applied since the build). */
  toModel(): TopologyModel {
    return copyMutableParts({ ...this.model, vms: this.vms });
  }

  /**
   * The VM a `service:vm` or `service/vm` text names, split at the first colon, else at the first slash; undefined
   * when the text has neither or names no VM.
   */
  findVmByQualifiedName(text: string): TopoVm | undefined {
    const known = this.vmsByQualifiedText.get(text);
    if (known !== undefined) return known;
    const colon = text.indexOf(':');
    const separator = colon >= 0 ? colon : text.indexOf('/');
    if (separator < 0) return undefined;
    const vm = this.lookUpVm(`${text.slice(0, separator)}/${text.slice(separator + 1)}`);
    if (vm !== undefined) this.vmsByQualifiedText.set(text, vm);
    return vm;
  }

  /** The service a VM belongs to; an imported world may name a service it never declares, which then has no VNet or VIP. */
  serviceOf(vm: TopoVm): TopoService {
    return this.servicesByName.get(vm.service) ?? { name: vm.service };
  }

  /** The VNet a service joined at deployment, if it exists in this world. */
  vnetOfService(service: TopoService): TopoVnet | undefined {
    return service.vnet === undefined ? undefined : this.vnetsByName.get(service.vnet);
  }

  /** The region a service lives in: its own, or its affinity group's. */
  regionOfService(service: TopoService): string | undefined {
    if (service.region !== undefined) return service.region;
    return service.affinityGroup === undefined ? undefined : this.regionsByAffinityGroup.get(service.affinityGroup);
  }

  /** The region a VNet lives in: its own, or its affinity group's. */
  regionOfVnet(vnet: TopoVnet): string | undefined {
    if (vnet.region !== undefined) return vnet.region;
    return vnet.affinityGroup === undefined ? undefined : this.regionsByAffinityGroup.get(vnet.affinityGroup);
  }

  /** Applies one event-sized change in place; throws {@link TopologyError} when it names an unknown object. */
  applyChange(change: TopologyChange): void {
    switch (change.type) {
      case 'vmState':
        this.requireVm(change.service, change.vm).state = change.state;
        break;
      case 'vmDip': {
        const vm = this.requireVm(change.service, change.vm);
        const vmsByDip = this.vmsByDip;
        removeFrom(vmsByDip, vm.dip, vm);
        vm.dip = change.dip;
        if (vm.dip !== NO_DIP) appendTo(vmsByDip, vm.dip, vm);
        break;
      }
      case 'vmEndpoints':
        this.requireVm(change.service, change.vm).endpoints = change.endpoints;
        break;
      case 'gatewayState':
        this.requireGateway(change.vnet).state = change.state;
        break;
      case 'connectionState': {
        const connection = this.requireGateway(change.vnet).connections.find((c) => c.site === change.site);
        if (connection === undefined) {
          throw new TopologyError('unknown-connection', `gateway of VNet '${change.vnet}' has no connection to site '${change.site}'`);
        }
        connection.state = change.state;
        break;
      }
      case 'vmPut':
        this.putVm(change.vm);
        break;
      case 'vmRemoved':
        this.removeVm(this.requireVm(change.service, change.vm));
        break;
      case 'servicePut':
        this.putService(change.service);
        break;
      case 'serviceRemoved':
        this.removeService(change.service);
        break;
      case 'vnetPut':
      case 'vnetRemoved':
      case 'sitePut':
      case 'siteRemoved':
        this.editNetwork(change);
        break;
      case 'networkReplaced':
        Object.assign(this.model, { affinityGroups: change.network.affinityGroups, vnets: change.network.vnets, localSites: change.network.localSites });
        this.indexNetwork();
        break;
    }
    this.version++;
  }

  /**
   * The VM's key, with the service's own name string put in place of the VM's equal copy: every flow looks the
   * service up by it, and one shared, already hashed string compares by identity instead of costing a cache miss.
   */
  private keyOfOwnVm(vm: TopoVm): string {
    this.shareServiceName(vm);
    return keyOfVm(vm);
  }

  private shareServiceName(vm: TopoVm): void {
    const service = this.servicesByName.get(vm.service);
    if (service !== undefined) vm.service = service.name;
  }

  private putVm(fresh: TopoVm): void {
    const key = this.keyOfOwnVm(fresh);
    const known = this.vmsByKey.get(key);
    if (known === undefined) {
      this.vms.push(fresh);
      this.vmsByKey.set(key, fresh);
      if (this.byName !== undefined) appendTo(this.byName, fresh.name, fresh);
      if (this.byService !== undefined) appendTo(this.byService, fresh.service, fresh);
      if (this.byDip !== undefined && fresh.dip !== NO_DIP) appendTo(this.byDip, fresh.dip, fresh);
      return;
    }
    if (known.dip !== fresh.dip) this.applyChange({ type: 'vmDip', service: known.service, vm: known.name, dip: fresh.dip });
    Object.assign(known, { state: fresh.state, subnet: fresh.subnet, endpoints: fresh.endpoints, source: fresh.source });
  }

  private removeVm(vm: TopoVm): void {
    this.vmsByKey.delete(keyOfVm(vm));
    this.vms.splice(this.vms.indexOf(vm), 1);
    if (this.byName !== undefined) removeFrom(this.byName, vm.name, vm);
    if (this.byService !== undefined) removeFrom(this.byService, vm.service, vm);
    if (this.byDip !== undefined) removeFrom(this.byDip, vm.dip, vm);
    this.vmsByQualifiedText.clear();
  }

  // A service's VNet and VIP are cached in the hop texts of its VMs, so its change starts the text caches afresh.
  private putService(fresh: TopoService): void {
    const known = this.servicesByName.get(fresh.name);
    if (known === undefined) {
      this.model.services.push(fresh);
      this.servicesByName.set(fresh.name, fresh);
    } else {
      Object.assign(known, { affinityGroup: fresh.affinityGroup, region: fresh.region, vnet: fresh.vnet, vip: fresh.vip, kind: fresh.kind, source: fresh.source });
    }
    this.byVip = undefined;
    this.flowLabels = new FlowLabels(this.servicesByName, this.vnetsByName);
  }

  private removeService(name: string): void {
    const known = this.servicesByName.get(name);
    if (known === undefined) throw new TopologyError('unknown-service', `no service '${name}'`);
    this.servicesByName.delete(name);
    this.model.services.splice(this.model.services.indexOf(known), 1);
    this.byVip = undefined;
    this.flowLabels = new FlowLabels(this.servicesByName, this.vnetsByName);
  }

  private editNetwork(change: TopologyChange & { type: 'vnetPut' | 'vnetRemoved' | 'sitePut' | 'siteRemoved' }): void {
    if (change.type === 'vnetPut') this.model.vnets = putRecord(this.model.vnets, this.vnetsByName, change.vnet);
    else if (change.type === 'vnetRemoved') this.model.vnets = removeRecord(this.model.vnets, this.vnetsByName, change.vnet, 'unknown-vnet');
    else if (change.type === 'sitePut') this.model.localSites = putRecord(this.model.localSites, this.sitesByName, change.site);
    else this.model.localSites = removeRecord(this.model.localSites, this.sitesByName, change.site, 'unknown-site');
    this.linkNetwork();
  }

  /** (Re)reads the network tables from the model's affinity groups, VNets and sites. */
  private indexNetwork(): void {
    this.regionsByAffinityGroup.clear();
    this.vnetsByName.clear();
    this.sitesByName.clear();
    for (const ag of this.model.affinityGroups) this.regionsByAffinityGroup.set(ag.name, ag.region);
    for (const vnet of this.model.vnets) this.vnetsByName.set(vnet.name, vnet);
    for (const site of this.model.localSites) this.sitesByName.set(site.name, site);
    this.linkNetwork();
  }

  /** Finds the sites that stand for VNets (VNet-to-VNet); the text and route caches, which hold VNets and sites, start afresh. */
  private linkNetwork(): void {
    fileSitesStandingForVnets(this.model, this.vnetsBySiteName);
    this.flowLabels = new FlowLabels(this.servicesByName, this.vnetsByName);
    this.gatewayRoutes = new GatewayRoutes(this.sitesByName, this.vnetsBySiteName);
  }

  private requireVm(service: string, name: string): TopoVm {
    const vm = this.vmsByKey.get(`${service}/${name}`);
    if (vm === undefined) throw new TopologyError('unknown-vm', `no VM '${name}' in service '${service}'`);
    return vm;
  }

  private requireGateway(vnetName: string): NonNullable<TopoVnet['gateway']> {
    const vnet = this.vnetsByName.get(vnetName);
    if (vnet === undefined) throw new TopologyError('unknown-vnet', `no VNet '${vnetName}'`);
    if (vnet.gateway === undefined) throw new TopologyError('no-gateway', `VNet '${vnetName}' has no gateway`);
    return vnet.gateway;
  }
}

/** Builds the lookup index for a world. */
export function buildTopologyIndex(model: TopologyModel, options: TopologyIndexOptions = {}): TopologyIndex {
  return new TopologyIndex(model, options);
}
