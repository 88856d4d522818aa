import {
  decideAddInternalLoadBalancer, decideCreateReservedIp, decideDeleteReservedIp, decideRemoveInternalLoadBalancer, findInternalLoadBalancer, listReservedIps,
  platformErrors, type InternalLoadBalancerRequest,
} from '../../asm/index.js';
import { toStr } from '../convert.js';
import { RuntimeFailure } from '../runtime-error.js';
import { PsObject } from '../values.js';
import { azureCmdlet, optionalString, reportOperation, requiredString, writePlatformError } from './azure-cmdlet.js';
import type { AzureSession } from './azure-session.js';

const MODEL = 'Microsoft.WindowsAzure.Commands.ServiceManagement.Model';

function operationFields(session: AzureSession, description: string): Record<string, unknown> {
  return { OperationDescription: description, OperationId: session.nextOperationId(), OperationStatus: 'Succeeded' };
}

/** New-AzureReservedIP -ReservedIPName -Location [-Label]: reserves a public IP in a region (2014). */
const newReservedIp = azureCmdlet('New-AzureReservedIP', [
  { name: 'ReservedIPName', position: 0, mandatory: true }, { name: 'Label', position: 1 }, { name: 'Location', position: 2, mandatory: true },
], (call, session) => {
  const request = { name: requiredString(call, 'ReservedIPName'), location: requiredString(call, 'Location'), label: optionalString(call, 'Label') };
  reportOperation(call, session.perform(decideCreateReservedIp(request)));
});

/** Get-AzureReservedIP [-ReservedIPName]: one ReservedIPContext per reserved IP (a list: it has more than four properties). */
const getReservedIp = azureCmdlet('Get-AzureReservedIP', [{ name: 'ReservedIPName', position: 0 }], (call, session) => {
  const wanted = optionalString(call, 'ReservedIPName');
  const all = listReservedIps(session.world, session.records);
  if (wanted !== undefined && !all.some((r) => r.name === wanted)) return writePlatformError(call, platformErrors.reservedIpNotFound(wanted));
  for (const r of all) {
    if (wanted !== undefined && r.name !== wanted) continue;
    call.output(new PsObject(`${MODEL}.ReservedIPContext`, {
      ReservedIPName: r.name, Address: r.address, Label: r.label, Location: r.location, State: 'Created', InUse: r.inUse, ServiceName: r.serviceName,
      DeploymentName: r.deploymentName, ...operationFields(session, call.name),
    }));
  }
});

/** Remove-AzureReservedIP -ReservedIPName [-Force]: refused while a deployment uses it. */
const removeReservedIp = azureCmdlet('Remove-AzureReservedIP', [{ name: 'ReservedIPName', position: 0, mandatory: true }, { name: 'Force', isSwitch: true }], (call, session) => {
  reportOperation(call, session.perform(decideDeleteReservedIp(session.world, requiredString(call, 'ReservedIPName'))));
});

/** The configuration object New-AzureInternalLoadBalancerConfig returns, for New-AzureVM -InternalLoadBalancerConfig. */
export class InternalLoadBalancerConfig extends PsObject {
  constructor(readonly request: InternalLoadBalancerRequest) {
    super(`${MODEL}.InternalLoadBalancerConfig`, { InternalLoadBalancerName: request.name, SubnetName: request.subnet ?? null, IPAddress: request.staticIp ?? null });
  }
}

/** The request behind `-InternalLoadBalancerConfig`; anything else is the module's cast error. */
export function readInternalLoadBalancerConfig(value: unknown): InternalLoadBalancerRequest {
  if (value instanceof InternalLoadBalancerConfig) return value.request;
  throw new RuntimeFailure(`Cannot bind parameter 'InternalLoadBalancerConfig'. Cannot convert the "${toStr(value)}" value to type "${MODEL}.InternalLoadBalancerConfig".`, 'InvalidArgument', 'CannotConvertArgumentNoMessage', 'ParameterBindingException');
}

const ILB_PARAMETERS = [{ name: 'InternalLoadBalancerName', mandatory: true }, { name: 'SubnetName' }, { name: 'StaticVNetIPAddress' }] as const;

function readIlbRequest(call: Parameters<Parameters<typeof azureCmdlet>[2]>[0]): InternalLoadBalancerRequest {
  return { name: requiredString(call, 'InternalLoadBalancerName'), subnet: optionalString(call, 'SubnetName'), staticIp: optionalString(call, 'StaticVNetIPAddress') };
}

/** New-AzureInternalLoadBalancerConfig -InternalLoadBalancerName [-SubnetName [-StaticVNetIPAddress]]. */
const newIlbConfig = azureCmdlet('New-AzureInternalLoadBalancerConfig', [...ILB_PARAMETERS], (call) => {
  call.output(new InternalLoadBalancerConfig(readIlbRequest(call)));
});

/** Add-AzureInternalLoadBalancer -ServiceName -InternalLoadBalancerName [-SubnetName [-StaticVNetIPAddress]]. */
const addIlb = azureCmdlet('Add-AzureInternalLoadBalancer', [{ name: 'ServiceName', mandatory: true }, ...ILB_PARAMETERS], (call, session) => {
  reportOperation(call, session.perform(decideAddInternalLoadBalancer(requiredString(call, 'ServiceName'), readIlbRequest(call))));
});

/** Get-AzureInternalLoadBalancer -ServiceName: nothing when the service has none. */
const getIlb = azureCmdlet('Get-AzureInternalLoadBalancer', [{ name: 'ServiceName', position: 0, mandatory: true, pipeline: 'property' }], (call, session) => {
  const ilb = findInternalLoadBalancer(session.world, requiredString(call, 'ServiceName'));
  if (ilb === undefined) return;
  call.output(new PsObject(`${MODEL}.InternalLoadBalancerContext`, {
    InternalLoadBalancerName: ilb.name, ServiceName: ilb.serviceName, DeploymentName: ilb.deploymentName, SubnetName: ilb.subnetName, IPAddress: ilb.ipAddress,
    ...operationFields(session, call.name),
  }));
});

/** Remove-AzureInternalLoadBalancer -ServiceName: refused while endpoints are on it. */
const removeIlb = azureCmdlet('Remove-AzureInternalLoadBalancer', [{ name: 'ServiceName', position: 0, mandatory: true }, { name: 'Force', isSwitch: true }], (call, session) => {
  reportOperation(call, session.perform(decideRemoveInternalLoadBalancer(session.world, session.records, requiredString(call, 'ServiceName'))));
});

/** Reserved IPs and internal load balancers. */
export const LOAD_BALANCER_CMDLETS = [newReservedIp, getReservedIp, removeReservedIp, newIlbConfig, addIlb, getIlb, removeIlb];
