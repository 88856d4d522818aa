import type { ConnectionState, GatewayState, TopoEndpoint, TopoLocalSite, TopologyModel, TopoService, TopoVm, TopoVnet } from './model.js';

/** One event-sized edit to an indexed world, applied in place without a rebuild. */
export type TopologyChange =
  | { type: 'vmState'; service: string; vm: string; state: string }
  | { type: 'vmDip'; service: string; vm: string; dip: number }
  | { type: 'vmEndpoints'; service: string; vm: string; endpoints: TopoEndpoint[] }
  | { type: 'gatewayState'; vnet: string; state: GatewayState }
  | { type: 'connectionState'; vnet: string; site: string; state: ConnectionState }
  /** A VM read afresh: a new one joins the world's end, a known one takes the record's state, DIP, subnet and endpoints. */
  | { type: 'vmPut'; vm: TopoVm }
  | { type: 'vmRemoved'; service: string; vm: string }
  /** A cloud service read afresh: a new one joins the world's end, a known one takes the record's placement and VIP. */
  | { type: 'servicePut'; service: TopoService }
  | { type: 'serviceRemoved'; service: string }
  /** A VNet (with its gateway) or a local site read afresh: a new one joins the world's end, a known one is replaced. */
  | { type: 'vnetPut'; vnet: TopoVnet }
  | { type: 'vnetRemoved'; vnet: string }
  | { type: 'sitePut'; site: TopoLocalSite }
  | { type: 'siteRemoved'; site: string }
  /** The networks read afresh (affinity groups, VNets with their gateways, local sites): few records, replaced whole. */
  | { type: 'networkReplaced'; network: TopologyNetwork };

/** The network part of a world: what VMs and services sit in, a few hundred records even in the largest world. */
export type TopologyNetwork = Pick<TopologyModel, 'affinityGroups' | 'vnets' | 'localSites'>;

/** Stable codes for programming misuse of the index (never for user input, which yields answers or query errors). */
export type TopologyErrorCode =
  | 'unknown-vm' | 'unknown-service' | 'unknown-vnet' | 'unknown-site' | 'no-gateway' | 'unknown-connection' | 'outside-model'
  | 'vm-keys-mismatch';

/**
 * Thrown on programming misuse: a change naming an object the world does not hold, a flow that never enters Azure, or
 * VM keys that do not match the VMs.
 */
export class TopologyError extends Error {
  readonly code: TopologyErrorCode;

  constructor(code: TopologyErrorCode, message: string) {
    super(message);
    this.name = 'TopologyError';
    this.code = code;
  }
}
