import { formatIPv4 } from '../ipam/index.js';
import type { FlowProtocol, TopoEndpoint, TopoService, TopoVm, TopoVnet } from './model.js';
import { keyOfVm, NO_DIP, PORT_FREE } from './model.js';

/**
 * The texts a flow repeats for one VM (its key, object id, state line, endpoint ids), built once per VM state rather
 * than on every flow through it; the fields they were built from are kept so an edited VM gets fresh texts.
 */
export interface VmLabels {
  readonly serviceName: string;
  readonly name: string;
  readonly state: string;
  readonly dip: number;
  readonly endpointList: readonly TopoEndpoint[];
  /** The VM's cloud service; a world may name a service it never declares, which then has no VNet or VIP. */
  readonly service: TopoService;
  /** The VNet the service joined, if it exists in this world. */
  readonly vnet: TopoVnet | undefined;
  /** `service/vm`. */
  readonly key: string;
  /** `vm:service/vm`, the VM's id in hops and blockers. */
  readonly object: string;
  /** `service/vm (10.1.2.4) is ReadyRole`; a deallocated VM released its DIP, so it shows none rather than 0.0.0.0. */
  readonly stateDetail: string;
  /** The guest-firewall assumption last asked for, reused while queries keep asking about the same port. */
  firewall: { protocol: FlowProtocol; port: number; text: string } | undefined;
  /** Ids and detail lines of the endpoints flows went through, few per VM. */
  readonly endpoints: EndpointLabels[];
}

/** The id and the forwarding line of one endpoint of one VM. */
export interface EndpointLabels {
  readonly endpoint: TopoEndpoint;
  readonly name: string;
  readonly protocol: FlowProtocol;
  readonly publicPort: number;
  readonly privatePort: number;
  /** `endpoint:service/vm/NAME`. */
  readonly object: string;
  /** `endpoint NAME: tcp public 443 → private 8443`. */
  readonly detail: string;
}

/** The texts a flow repeats for one cloud service: its id and the lines of its VIP hops. */
export interface ServiceLabels {
  readonly name: string;
  readonly vip: number | undefined;
  readonly kind: TopoService['kind'];
  /** `service:NAME`. */
  readonly object: string;
  /** The line of the hop where traffic leaves through the VIP (or cannot). */
  readonly egressDetail: string;
  /** The line of the hop where traffic arrives at the VIP (or cannot). */
  readonly arrivalDetail: string;
}

/**
 * Per-object caches of hop texts, owned by one index. Keyed weakly by the record, so ends built outside the index
 * are labelled too without pinning them; every read checks the record still has the fields its texts came from.
 */
export class FlowLabels {
  private readonly vms = new WeakMap<TopoVm, VmLabels>();
  private readonly services = new WeakMap<TopoService, ServiceLabels>();
  /** A flow asks about its two ends over and over, so the last two answers are kept beside the weak maps. */
  private readonly recentVms = new RecentPair<TopoVm, VmLabels>();
  private readonly recentServices = new RecentPair<TopoService, ServiceLabels>();

  /** Reads services and VNets from the index's own tables, which a world's lifetime never changes. */
  constructor(
    private readonly servicesByName: ReadonlyMap<string, TopoService>,
    private readonly vnetsByName: ReadonlyMap<string, TopoVnet>,
  ) {}

  /** The texts of a VM in its current state. */
  ofVm(vm: TopoVm): VmLabels {
    const cached = this.recentVms.get(vm) ?? this.vms.get(vm);
    if (cached !== undefined && cached.state === vm.state && cached.dip === vm.dip && cached.endpointList === vm.endpoints
      && cached.serviceName === vm.service && cached.name === vm.name) {
      this.recentVms.remember(vm, cached);
      return cached;
    }
    const key = keyOfVm(vm);
    const service = this.servicesByName.get(vm.service) ?? { name: vm.service };
    const labels: VmLabels = {
      serviceName: vm.service, name: vm.name, state: vm.state, dip: vm.dip, endpointList: vm.endpoints,
      service, vnet: service.vnet === undefined ? undefined : this.vnetsByName.get(service.vnet),
      key, object: `vm:${key}`,
      stateDetail: `${key} (${vm.dip === NO_DIP ? 'no DIP' : formatIPv4(vm.dip)}) is ${vm.state}`,
      firewall: undefined, endpoints: [],
    };
    this.vms.set(vm, labels);
    this.recentVms.remember(vm, labels);
    return labels;
  }

  /** The texts of a cloud service. */
  ofService(service: TopoService): ServiceLabels {
    const cached = this.recentServices.get(service) ?? this.services.get(service);
    if (cached !== undefined && cached.vip === service.vip && cached.kind === service.kind && cached.name === service.name) {
      this.recentServices.remember(service, cached);
      return cached;
    }
    const { name, vip, kind } = service;
    const labels: ServiceLabels = {
      name, vip, kind, object: `service:${name}`,
      egressDetail: vip === undefined ? `service ${name} has no VIP to leave through` : `leaves through VIP ${formatIPv4(vip)} of ${name}`,
      arrivalDetail: vip === undefined ? `service ${name} has no VIP` : `VIP ${formatIPv4(vip)} of ${name}${kind === undefined ? '' : ` (${kind})`}`,
    };
    this.services.set(service, labels);
    this.recentServices.remember(service, labels);
    return labels;
  }
}

/** The values of the last two keys asked about, checked by identity before any hash lookup. */
class RecentPair<K extends object, V> {
  private lastKey: K | undefined;
  private lastValue: V | undefined;
  private previousKey: K | undefined;
  private previousValue: V | undefined;

  get(key: K): V | undefined {
    if (key === this.lastKey) return this.lastValue;
    return key === this.previousKey ? this.previousValue : undefined;
  }

  remember(key: K, value: V): void {
    if (key === this.lastKey) {
      this.lastValue = value;
      return;
    }
    this.previousKey = this.lastKey;
    this.previousValue = this.lastValue;
    this.lastKey = key;
    this.lastValue = value;
  }
}

/** The texts of one endpoint of a labelled VM. */
export function labelEndpoint(vm: VmLabels, endpoint: TopoEndpoint): EndpointLabels {
  for (const e of vm.endpoints) {
    if (e.endpoint === endpoint && e.name === endpoint.name && e.protocol === endpoint.protocol
      && e.publicPort === endpoint.publicPort && e.privatePort === endpoint.privatePort) return e;
  }
  const { name, protocol, publicPort, privatePort } = endpoint;
  const labels: EndpointLabels = {
    endpoint, name, protocol, publicPort, privatePort, object: `endpoint:${vm.key}/${name}`,
    detail: `endpoint ${name}: ${protocol} public ${publicPort} → private ${privatePort}`,
  };
  // An endpoint edited in place replaces its entry, so the list never outgrows the VM's endpoints (a new list of
  // endpoints makes new VM labels).
  const stale = vm.endpoints.findIndex((e) => e.endpoint === endpoint);
  if (stale >= 0) vm.endpoints[stale] = labels;
  else vm.endpoints.push(labels);
  return labels;
}

/** `the guest firewall of service/vm admits tcp/3389`, or `the traffic` when the question names no particular port. */
export function describeGuestFirewall(vm: VmLabels, protocol: FlowProtocol, port: number): string {
  const last = vm.firewall;
  if (last !== undefined && last.protocol === protocol && last.port === port) return last.text;
  const text = `the guest firewall of ${vm.key} admits ${port === PORT_FREE ? 'the traffic' : `${protocol}/${port}`}`;
  vm.firewall = { protocol, port, text };
  return text;
}
