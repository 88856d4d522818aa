import { formatClock } from '../scenario/index.js';
import type { ConnectionStatus, GatewayStatus } from '../sim/index.js';

/** Width of the property column, as PowerShell's Format-List pads it for these objects. */
const LABEL_WIDTH = 26;

/**
 * Formats one VNet's gateway and connections the way `Get-AzureVNetGateway` and `Get-AzureVNetConnection` listed
 * them (azure-classic.md §3.3–3.4), with simulated times as `hh:mm:ss` since the scenario started and the failure
 * reason the simulator knows beside the platform's fields.
 */
export function formatGatewayStatus(status: GatewayStatus): string[] {
  const lines = [`Get-AzureVNetGateway -VNetName ${status.vnet}`];
  lines.push(field('State', status.state));
  lines.push(field('GatewayType', status.gatewayType ?? ''));
  lines.push(field('GatewaySKU', status.sku ?? ''));
  lines.push(field('VIPAddress', status.publicIp ?? ''));
  const operation = status.lastOperation;
  if (operation !== undefined) {
    lines.push(field('OperationDescription', operation.operation));
    lines.push(field('OperationStatus', operation.status));
    lines.push(field('LastEventTimeStamp', formatClock(operation.timeMs)));
    lines.push(field('LastEventMessage', operation.message));
  }
  const connections = Object.values(status.connections).sort((a, b) => a.LocalNetworkSiteName.localeCompare(b.LocalNetworkSiteName));
  lines.push('', `Get-AzureVNetConnection -VNetName ${status.vnet}`);
  if (connections.length === 0) lines.push('(no local network site connected)');
  for (const [index, connection] of connections.entries()) {
    if (index > 0) lines.push('');
    lines.push(...formatConnection(connection));
  }
  return lines;
}

function formatConnection(connection: ConnectionStatus): string[] {
  const lines = [
    field('ConnectivityState', connection.ConnectivityState),
    field('EgressBytesTransferred', String(connection.EgressBytesTransferred)),
    field('IngressBytesTransferred', String(connection.IngressBytesTransferred)),
    field('LastConnectionEstablished', connection.LastConnectionEstablished === undefined ? '' : formatClock(connection.LastConnectionEstablished)),
    field('LastEventID', connection.LastEventID === 0 ? '' : String(connection.LastEventID)),
    field('LastEventMessage', connection.LastEventMessage),
    field('LastEventTimeStamp', connection.LastEventID === 0 ? '' : formatClock(connection.LastEventTimeStamp)),
    field('LocalNetworkSiteName', connection.LocalNetworkSiteName),
  ];
  if (connection.reason !== undefined) lines.push(field('Reason', connection.reason));
  return lines;
}

function field(label: string, value: string): string {
  return `${label.padEnd(LABEL_WIDTH)}: ${value}`.trimEnd();
}
