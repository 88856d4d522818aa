import type { World } from '../../sim/index.js';

/** The fields of Get-AzureVNetConnection an expectation reads. */
export interface ConnectionView {
  ConnectivityState: string;
  LastEventMessage: string;
  reason?: string | undefined;
}

/** The fields of Get-AzureVNetGateway an expectation reads. */
export interface GatewayView {
  state: string;
  connections: Record<string, ConnectionView>;
}

/**
 * The VNet's gateway as the world's gateway fold (src/gateway's GatewayWorld) records it; undefined when no gateway
 * event ever named the VNet, which reads as NotProvisioned.
 */
export function findGatewayView(world: World, vnet: string): GatewayView | undefined {
  // Read structurally: the world keeps the gateway fold as plain JSON data `{ gateways: { [vnet]: status } }`.
  const gateways = (world.gateway as { gateways?: Record<string, GatewayView> }).gateways;
  return gateways?.[vnet];
}
