import type { ConnectionStatus, GatewayStatus } from '../gateway/index.js';
import { formatClock } from './event-line.js';
import type { RefusalView, SiteView } from './view-model.js';

/**
 * The words the graph puts on gateways, tunnels, sites and refused commands, read from the same gateway status fold
 * `vnetsim status` prints (Get-AzureVNetGateway / Get-AzureVNetConnection fields), never guessed from colours.
 */

/** How a tunnel is drawn: up, trying, failing with a reason, never tried, or down without a failure (disconnected). */
export type TunnelCondition = 'connected' | 'connecting' | 'failing' | 'notTried' | 'notConnected';

/** Classifies a tunnel: a reason on a tunnel that is not up means it is failing, even while the gateway retries. */
export function tunnelCondition(connection: ConnectionStatus): TunnelCondition {
  if (connection.ConnectivityState === 'Connected') return 'connected';
  if (connection.reason !== undefined) return 'failing';
  if (connection.ConnectivityState === 'Connecting') return 'connecting';
  return connection.LastEventID === 0 ? 'notTried' : 'notConnected';
}

/** The short words drawn beside the tunnel's site: the state, or the failure's reason code. */
export function tunnelLabel(connection: ConnectionStatus): string {
  switch (tunnelCondition(connection)) {
    case 'connected': return '✓ Connected';
    case 'connecting': return '… Connecting';
    case 'failing': return `✗ ${connection.reason}`;
    case 'notTried': return 'not tried yet';
    case 'notConnected': return 'Not Connected';
  }
}

/** A tunnel's tooltip: state and reason since when, the platform's last message, when it last connected. */
export function describeTunnel(vnet: string, connection: ConnectionStatus): string {
  const condition = tunnelCondition(connection);
  const since = connection.LastEventID === 0 ? '' : ` since ${formatClock(connection.LastEventTimeStamp)}`;
  const state = condition === 'failing'
    ? `${connection.ConnectivityState === 'Connecting' ? 'failing, retrying' : 'failing'}: ${connection.reason}${since}`
    : condition === 'notTried' ? 'NotConnected: not tried yet' : `${connection.ConnectivityState}${since}`;
  const established = connection.LastConnectionEstablished === undefined ? 'never connected' : `last connected ${formatClock(connection.LastConnectionEstablished)}`;
  return [`tunnel ${vnet} ↔ ${connection.LocalNetworkSiteName}: ${state}`, connection.LastEventMessage, established].filter((l) => l !== '').join('\n');
}

/** The gateway's caption lines after "gateway": type and SKU, then state and VIP (what Get-AzureVNetGateway led with). */
export function gatewayFacts(status: GatewayStatus): string {
  return `${status.gatewayType ?? '(type unknown)'} ${status.sku ?? 'Default'}\n${status.state} · VIP ${status.publicIp ?? 'none yet'}`;
}

/** The gateway's tooltip: its facts and the last operation with its time. */
export function describeGateway(status: GatewayStatus): string {
  const operation = status.lastOperation;
  return [
    `gateway ${status.vnet}: ${status.state}`,
    `${status.gatewayType ?? '(type unknown)'}, SKU ${status.sku ?? 'Default'}, VIP ${status.publicIp ?? 'none yet'}`,
    operation === undefined ? '' : `last operation ${operation.operation} ${operation.status} at ${formatClock(operation.timeMs)}: ${operation.message}`,
  ].filter((l) => l !== '').join('\n');
}

/** The site's caption after its name: address prefixes, then the VPN device's power once an event has said it. */
export function siteFacts(site: SiteView): string {
  const device = site.deviceUp === null ? '' : ` · device ${site.deviceUp ? 'up' : 'down'}`;
  return `${site.addressPrefixes.join(', ')}${device}`;
}

/** The site's tooltip: prefixes, the device's address and power. */
export function describeSite(site: SiteView): string {
  const power = site.deviceUp === null ? 'no power change logged' : site.deviceUp ? 'up' : 'down';
  return `${site.addressPrefixes.join(', ')}\nVPN device ${site.vpnGatewayAddress ?? '(no address)'}: ${power}`;
}

/** A refused command, as a tooltip line on the object it named. */
export function describeRefusal(refusal: RefusalView): string {
  return `refused ${refusal.command} at ${formatClock(refusal.timeMs)}: ${refusal.code}: ${refusal.message}`;
}
