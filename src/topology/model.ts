import type { SourceRef } from '../common/index.js';
import type { Prefix4 } from '../ipam/index.js';

/**
 * The plain-data world the reachability engine reasons over: a snapshot at one moment, independent of how it was
 * produced (scenario run, NetworkConfig.xml import, hand-built test). Every object may carry the source position
 * that declared it so verdicts can point at file:line.
 */

/** An affinity group pins services and VNets to one scale unit in one region (New-AzureAffinityGroup). */
export interface TopoAffinityGroup {
  name: string;
  region: string;
  source?: SourceRef | undefined;
}

/** Gateway provisioning states as returned by Get-AzureVNetGateway (azure-classic.md §3.3). */
export type GatewayState = 'NotProvisioned' | 'Provisioning' | 'Provisioned' | 'Deprovisioning';

/** Per-local-site connectivity states of a gateway (Get-AzureVNetConnection, azure-classic.md §3.4). */
export type ConnectionState = 'NotConnected' | 'Connecting' | 'Connected';

/** Classic gateway types: static = policy-based, dynamic = route-based (azure-classic.md §3.1). */
export type GatewayType = 'StaticRouting' | 'DynamicRouting';

/** One gateway connection from a VNet to a local network site. */
export interface TopoConnection {
  site: string;
  state: ConnectionState;
  source?: SourceRef | undefined;
}

/** A VNet's VPN gateway; `vip` is its public address, which another VNet's local site names to build VNet-to-VNet. */
export interface TopoGateway {
  state: GatewayState;
  /** Absent while the gateway was never created (the type is chosen at New-AzureVNetGateway). */
  type?: GatewayType | undefined;
  vip?: number | undefined;
  connections: TopoConnection[];
  source?: SourceRef | undefined;
}

/** A subnet of a VNet; subnets never isolate traffic in classic VNets, they only carve addresses. */
export interface TopoSubnet {
  name: string;
  prefix: Prefix4;
  source?: SourceRef | undefined;
}

/** A virtual network site: bound to an affinity group (pre-2014) or a region (regional VNet). */
export interface TopoVnet {
  name: string;
  affinityGroup?: string | undefined;
  region?: string | undefined;
  addressSpace: Prefix4[];
  subnets: TopoSubnet[];
  gateway?: TopoGateway | undefined;
  source?: SourceRef | undefined;
}

/** Whether a deployed service runs IaaS VMs or PaaS role instances; an empty service has no kind yet. */
export type ServiceKind = 'IaaS' | 'PaaS';

/** A cloud service: one VIP shared by all its VMs, optionally joined to one VNet at first deployment. */
export interface TopoService {
  name: string;
  affinityGroup?: string | undefined;
  region?: string | undefined;
  vnet?: string | undefined;
  vip?: number | undefined;
  kind?: ServiceKind | undefined;
  source?: SourceRef | undefined;
}

/** One endpoint ACL rule (Set-AzureAclConfig): lowest order first, first match decides. */
export interface TopoAclRule {
  order: number;
  action: 'permit' | 'deny';
  remoteSubnet: Prefix4;
  description?: string | undefined;
  source?: SourceRef | undefined;
}

/** Transport protocol of an input endpoint. */
export type FlowProtocol = 'tcp' | 'udp';

/** The port of a question asked on no particular port (ports are 1–65535): private paths carry every port. */
export const PORT_FREE = 0;

/** An input endpoint: public port on the service VIP forwarded to a private port on one VM. */
export interface TopoEndpoint {
  name: string;
  protocol: FlowProtocol;
  publicPort: number;
  privatePort: number;
  acl: TopoAclRule[];
  source?: SourceRef | undefined;
}

/** A VM (or PaaS role instance): `state` is the instance status name (ReadyRole, StoppedVM, StoppedDeallocated …). */
export interface TopoVm {
  service: string;
  name: string;
  /** The VM's DIP, or {@link NO_DIP} while it holds none (a deallocated VM with a dynamic DIP released it). */
  dip: number;
  state: string;
  subnet?: string | undefined;
  endpoints: TopoEndpoint[];
  source?: SourceRef | undefined;
}

/** An on-premises network (or another VNet's gateway seen as a site) reachable through a gateway connection. */
export interface TopoLocalSite {
  name: string;
  addressPrefixes: Prefix4[];
  /** The public address of the device at the far end; absent while the site names no device yet. */
  vpnGatewayAddress?: number | undefined;
  source?: SourceRef | undefined;
}

/** The whole world at one moment, as plain data. */
export interface TopologyModel {
  affinityGroups: TopoAffinityGroup[];
  vnets: TopoVnet[];
  services: TopoService[];
  vms: TopoVm[];
  localSites: TopoLocalSite[];
}

/**
 * Stands for "no DIP": 0.0.0.0 is never handed out (it lies in 0.0.0.0/8, "this network"), so no VNet space, local
 * site or DIP lookup ever matches it.
 */
export const NO_DIP = 0;

/** The only instance status in which a classic VM answers traffic (New-AzureVM -WaitForBoot waits for it). */
export const RUNNING_VM_STATE = 'ReadyRole';

/** True when the VM answers traffic; stopped, deallocated, provisioning or failed VMs answer nothing. */
export function isVmRunning(vm: TopoVm): boolean {
  return vm.state === RUNNING_VM_STATE;
}

/** The stable key of a VM: `service/vm` (VM names are unique only within a service). */
export function keyOfVm(vm: { service: string; name: string }): string {
  return `${vm.service}/${vm.name}`;
}
