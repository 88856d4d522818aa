/** The Azure (ServiceManagement) module of the era over a simulated subscription. */
import type { Cmdlet } from '../cmdlet.js';
import type { FormatView } from '../output-format.js';
import { ACCOUNT_CMDLETS } from './account-cmdlets.js';
import { DISK_CMDLETS } from './disk-cmdlets.js';
import { DNS_CMDLETS } from './dns-cmdlets.js';
import { ENDPOINT_ACL_CMDLETS } from './endpoint-acl-cmdlets.js';
import { LOAD_BALANCER_CMDLETS } from './load-balancer-cmdlets.js';
import { AzureSession, type PlatformEngine } from './azure-session.js';
import { NETWORK_CMDLETS } from './network-cmdlets.js';
import { QUICK_VM_CMDLETS } from './quick-vm-cmdlets.js';
import { VM_CMDLETS } from './vm-cmdlets.js';
import { VM_CONFIG_CMDLETS } from './vm-config-cmdlets.js';
import { AZURE_TYPES } from './vm-objects.js';

export { AzureSession, type PlatformEngine, type OperationResult } from './azure-session.js';
export { summarizeWorld, formatWorldSummary, type WorldSummary } from './world-summary.js';

/** The module's default views (its .format.ps1xml): VM lists and ACL rules as tables, one VM as a list. */
export const AZURE_VIEWS: ReadonlyMap<string, FormatView> = new Map([
  ['Microsoft.WindowsAzure.Commands.ServiceManagement.Model.NetworkAclRule', { kind: 'table', properties: ['RuleId', 'Order', 'Action', 'RemoteSubnet', 'Description'] }],
  [AZURE_TYPES.roleListContext, { kind: 'table', properties: ['ServiceName', 'Name', 'Status'] }],
  [AZURE_TYPES.roleContext, { kind: 'list', properties: ['DeploymentName', 'Name', 'Label', 'VM', 'InstanceStatus', 'IpAddress', 'InstanceStateDetails', 'PowerState', 'InstanceErrorCode', 'InstanceFaultDomain', 'InstanceName', 'InstanceUpgradeDomain', 'InstanceSize', 'HostName', 'AvailabilitySetName', 'DNSName', 'Status', 'ServiceName', 'OperationDescription', 'OperationId', 'OperationStatus'] }],
]);

/** Every cmdlet of the module, bound to one subscription. */
export function createAzureCmdlets(session: AzureSession): Cmdlet[] {
  return [...VM_CONFIG_CMDLETS, ...VM_CMDLETS, ...QUICK_VM_CMDLETS, ...ACCOUNT_CMDLETS, ...NETWORK_CMDLETS, ...ENDPOINT_ACL_CMDLETS, ...DISK_CMDLETS, ...DNS_CMDLETS, ...LOAD_BALANCER_CMDLETS].map((make) => make(session));
}

/** A session over an engine (the CLI passes the emulator's live engine and its calendar epoch). */
export function createAzureSession(engine: PlatformEngine, epochMs = 0): AzureSession {
  return new AzureSession(engine, epochMs);
}
