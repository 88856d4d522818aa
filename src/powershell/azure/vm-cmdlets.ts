import {
  decideAddRole, decideCreateDeployment, decideCreateHostedService, decideDeleteDeployment, decideDeleteRole, decideRoleOperation, decideUpdateRole,
  describeDeploymentStatus, type RoleOperationRequest, type RoleSpec,
} from '../../asm/index.js';
import { listServiceVms, listVms, type Vm } from '../../sim/index.js';
import type { CmdletCall, CmdletParameter } from '../cmdlet.js';
import { enumerate } from '../convert.js';
import { RuntimeFailure } from '../runtime-error.js';
import { PsObject } from '../values.js';
import { azureCmdlet, isSet, optionalString, reportOperation, requiredString, writePlatformError } from './azure-cmdlet.js';
import type { AzureSession } from './azure-session.js';
import { readDnsSettings } from './dns-cmdlets.js';
import { readInternalLoadBalancerConfig } from './load-balancer-cmdlets.js';
import { AZURE_TYPES, AzureVmConfig, AzureVmContext, describeDeployedRole, readRole } from './vm-objects.js';

/** The VM as Get-AzureVM returns it. */
export function describeVm(session: AzureSession, vm: Vm, typeName: string = AZURE_TYPES.roleContext): AzureVmContext {
  const config = new AzureVmConfig(describeDeployedRole(session.records, vm));
  const dns = session.world.services[vm.service]?.dnsName ?? `${vm.service}.cloudapp.net`;
  return new AzureVmContext(vm.service, config, vm, dns, session.nextOperationId(), typeName);
}

function requestContext(session: AzureSession): { nowMs: number; requestId: string } {
  return { nowMs: session.nowMs(), requestId: session.nextRequestId() };
}

/** New-AzureVM: creates the service when -Location/-AffinityGroup is given, then the deployment or the added roles. */
const newAzureVm = azureCmdlet('New-AzureVM', [
  { name: 'ServiceName', position: 0, mandatory: true }, { name: 'VMs', pipeline: 'value', mandatory: true }, { name: 'VNetName' }, { name: 'AffinityGroup' },
  { name: 'Location' }, { name: 'DnsSettings' }, { name: 'DeploymentName' }, { name: 'DeploymentLabel' }, { name: 'ServiceLabel' }, { name: 'ServiceDescription' },
  { name: 'WaitForBoot', isSwitch: true }, { name: 'ReservedIPName' }, { name: 'InternalLoadBalancerConfig' }, { name: 'DisableWinRMHttps', isSwitch: true }, { name: 'X509Certificates' },
], (call, session) => {
  const given = enumerate(call.get('VMs'));
  if (given.length === 0) {
    throw new RuntimeFailure("Cannot validate argument on parameter 'VMs'. The argument is null or empty. Provide an argument that is not null or empty, and then try the command again.", 'InvalidData', 'ParameterArgumentValidationError,Microsoft.WindowsAzure.Commands.ServiceManagement.IaaS.PersistentVMs.NewAzureVMCommand', 'ParameterBindingValidationException');
  }
  deployRoles(call, session, requiredString(call, 'ServiceName'), given.map((v) => readRole(v, 'VMs').spec));
});

/**
 * What New-AzureVM (and New-AzureQuickVM) did: create the service when -Location/-AffinityGroup is given, then the
 * deployment with every role, or add each role to the existing deployment (warning that VNet and deployment settings
 * apply to new deployments only).
 */
export function deployRoles(call: CmdletCall, session: AzureSession, service: string, roles: RoleSpec[]): void {
  const location = optionalString(call, 'Location');
  const affinityGroup = optionalString(call, 'AffinityGroup');
  if (location !== undefined || affinityGroup !== undefined) {
    const created = session.perform(decideCreateHostedService(session.world, {
      serviceName: service, label: optionalString(call, 'ServiceLabel') ?? service, description: optionalString(call, 'ServiceDescription') ?? null,
      location: location ?? null, affinityGroup: affinityGroup ?? null, extendedProperties: {},
    }, session.nowMs()));
    if (!reportOperation(call, created)) return;
  }
  const existing = session.world.services[service]?.deployments.production ?? null;
  if (existing === null) {
    const request = {
      name: optionalString(call, 'DeploymentName') ?? service, slot: 'Production', label: optionalString(call, 'DeploymentLabel') ?? service, roles,
      virtualNetworkName: optionalString(call, 'VNetName'),
      ...(call.has('DnsSettings') ? { dnsServers: readDnsSettings(call.get('DnsSettings')) } : {}),
      ...(call.has('ReservedIPName') ? { reservedIpName: requiredString(call, 'ReservedIPName') } : {}),
      ...(call.has('InternalLoadBalancerConfig') ? { internalLoadBalancer: readInternalLoadBalancerConfig(call.get('InternalLoadBalancerConfig')) } : {}),
    };
    reportOperation(call, session.perform(decideCreateDeployment(session.world, session.records, service, request, requestContext(session))));
    return;
  }
  if (['VNetName', 'DnsSettings', 'DeploymentLabel', 'DeploymentName'].some((p) => call.has(p))) {
    call.writeWarning('VNetName, DNSSettings, DeploymentLabel or DeploymentName Name can only be specified on new deployments.');
  }
  for (const role of roles) {
    if (!reportOperation(call, session.perform(decideAddRole(session.world, service, existing.name, role, requestContext(session))))) return;
  }
}

/** Get-AzureVM: every VM (a table), a service's VMs, or one VM (a list with the full details). */
const getAzureVm = azureCmdlet('Get-AzureVM', [{ name: 'ServiceName', position: 0, pipeline: 'property' }, { name: 'Name', position: 1, pipeline: 'property' }], (call, session) => {
  const service = optionalString(call, 'ServiceName');
  const name = optionalString(call, 'Name');
  if (service === undefined) {
    for (const vm of listVms(session.world)) call.output(describeVm(session, vm, AZURE_TYPES.roleListContext));
    return;
  }
  if (session.world.services[service]?.deployments.production == null) {
    call.writeWarning(`No deployment found in service: '${service}'.`);
    return;
  }
  for (const vm of listServiceVms(session.world, service)) {
    if (name === undefined || vm.name.toLowerCase() === name.toLowerCase()) call.output(describeVm(session, vm, name === undefined ? AZURE_TYPES.roleListContext : AZURE_TYPES.roleContext));
  }
});

/** Update-AzureVM -ServiceName -Name -VM: PUT the whole role (endpoints, static IP). */
const updateAzureVm = azureCmdlet('Update-AzureVM', [
  { name: 'ServiceName', position: 1, pipeline: 'property' }, { name: 'Name', position: 0, pipeline: 'property' }, { name: 'VM', pipeline: 'value', mandatory: true },
], (call, session) => {
  const config = readRole(call.get('VM'));
  const service = call.has('ServiceName') ? requiredString(call, 'ServiceName') : serviceOf(call.get('VM'));
  const name = optionalString(call, 'Name') ?? config.spec.roleName;
  const deployment = session.world.services[service]?.deployments.production?.name ?? service;
  reportOperation(call, session.perform(decideUpdateRole(session.world, service, deployment, name, config.spec)));
});

function serviceOf(value: unknown): string {
  return value instanceof AzureVmContext ? value.serviceName : '';
}

const ROLE_PARAMETERS: CmdletParameter[] = [
  { name: 'ServiceName', position: 0, pipeline: 'property', mandatory: true }, { name: 'Name', position: 1, pipeline: 'property' }, { name: 'VM', pipeline: 'value' },
];

function roleTarget(call: CmdletCall): { service: string; name: string } {
  const vm = call.get('VM');
  const name = optionalString(call, 'Name') ?? (vm === null ? '' : readRole(vm).spec.roleName);
  return { service: requiredString(call, 'ServiceName'), name };
}

function roleOperation(name: string, extra: CmdletParameter[], operation: (call: CmdletCall) => RoleOperationRequest, confirm?: (call: CmdletCall, session: AzureSession, service: string) => boolean) {
  return azureCmdlet(name, [...ROLE_PARAMETERS, ...extra], (call, session) => {
    const target = roleTarget(call);
    const deployment = session.world.services[target.service]?.deployments.production?.name ?? target.service;
    if (confirm !== undefined && !confirm(call, session, target.service)) return;
    reportOperation(call, session.perform(decideRoleOperation(session.world, target.service, deployment, target.name, operation(call), requestContext(session))));
  });
}

/**
 * The module's ShouldContinue before deallocating the last VM of a deployment not yet deallocated (StopAzureVMCommand:
 * `!Force && IsLastVmInDeployment` → ConfirmAction with DeploymentVIPLossWarning): the VIP goes with it (azure-classic.md
 * §4.3 "VIP release"). The warning's words are recalled from the 2014 module [U: its resource file was not read].
 */
export const LAST_VM_DEALLOCATION_WARNING = 'The specified virtual machine is the last virtual machine in this deployment. Continuing will result in a new IP address for your deployment. Shut down and deallocate?';

function confirmLastVmDeallocation(call: CmdletCall, session: AzureSession, service: string): boolean {
  if (isSet(call, 'StayProvisioned') || isSet(call, 'Force')) return true;
  const running = listServiceVms(session.world, service).filter((vm) => vm.state !== 'StoppedDeallocated');
  if (running.length > 1) return true;
  call.write(LAST_VM_DEALLOCATION_WARNING, true);
  const answer = call.host.confirm(LAST_VM_DEALLOCATION_WARNING);
  call.write(`[Y] Yes  [N] No  [S] Suspend  [?] Help (default is "Y"): ${answer}`, true);
  return !/^n/i.test(answer);
}

/** Stop-AzureVM deallocates unless -StayProvisioned (the 2014 default); the last VM asks first unless -Force. */
const stopAzureVm = roleOperation('Stop-AzureVM', [{ name: 'StayProvisioned', isSwitch: true }, { name: 'Force', isSwitch: true }], (call) => ({
  kind: 'shutdown', postShutdownAction: isSet(call, 'StayProvisioned') ? 'Stopped' : 'StoppedDeallocated',
}), confirmLastVmDeallocation);
const startAzureVm = roleOperation('Start-AzureVM', [], () => ({ kind: 'start' }));
const restartAzureVm = roleOperation('Restart-AzureVM', [], () => ({ kind: 'restart' }));

/** Remove-AzureVM: deletes the role, or the whole deployment when it is the last one (as the cmdlet did). */
const removeAzureVm = azureCmdlet('Remove-AzureVM', [...ROLE_PARAMETERS, { name: 'DeleteVHD', isSwitch: true }], (call, session) => {
  const target = roleTarget(call);
  const deleteVhd = isSet(call, 'DeleteVHD');
  const deployment = session.world.services[target.service]?.deployments.production?.name ?? target.service;
  const vms = listServiceVms(session.world, target.service);
  const last = vms.length === 1 && vms[0]?.name.toLowerCase() === target.name.toLowerCase();
  const decision = last ? decideDeleteDeployment(session.world, target.service, deployment, deleteVhd) : decideDeleteRole(session.world, target.service, deployment, target.name, deleteVhd);
  reportOperation(call, session.perform(decision));
});

/** Get-AzureDeployment -ServiceName [-Slot]. */
const getAzureDeployment = azureCmdlet('Get-AzureDeployment', [{ name: 'ServiceName', position: 0, pipeline: 'property', mandatory: true }, { name: 'Slot', position: 1 }], (call, session) => {
  const service = requiredString(call, 'ServiceName');
  const found = session.world.services[service];
  if (found === undefined) return writePlatformError(call, { status: 404, code: 'ResourceNotFound', message: 'The hosted service does not exist.' });
  const deployment = found.deployments.production;
  if (deployment === null) return writePlatformError(call, { status: 404, code: 'ResourceNotFound', message: 'No deployments were found.' });
  call.output(new PsObject('Microsoft.WindowsAzure.Commands.ServiceManagement.Model.DeploymentInfoContext', {
    ServiceName: service, Slot: 'Production', DeploymentName: deployment.name, Name: deployment.name, Label: session.records.deployments[service]?.label ?? deployment.name,
    Status: describeDeploymentStatus(session.world, service), Url: `http://${found.dnsName}/`, VNetName: deployment.vnet,
    VirtualIPs: found.vips.production === null ? [] : [new PsObject('Microsoft.WindowsAzure.Commands.ServiceManagement.Model.VirtualIP', { Address: found.vips.production, Name: `${service}ContractContract` })],
    RoleInstanceList: listServiceVms(session.world, service).map((vm) => new PsObject('Microsoft.WindowsAzure.Commands.ServiceManagement.Model.RoleInstance', { RoleName: vm.name, InstanceName: vm.name, InstanceStatus: vm.state, IpAddress: vm.dip })),
    DeploymentId: session.records.deployments[service]?.privateId ?? null,
    DnsSettings: (session.records.deployments[service]?.dnsServers ?? []).map((d) => new PsObject('Microsoft.WindowsAzure.Commands.ServiceManagement.Model.DnsServer', { Name: d.name, Address: d.address })),
    OperationDescription: 'Get-AzureDeployment', OperationId: session.nextOperationId(), OperationStatus: 'Succeeded',
  }));
});

/** Get-AzureRole -ServiceName [-RoleName] [-InstanceDetails]. */
const getAzureRole = azureCmdlet('Get-AzureRole', [{ name: 'ServiceName', position: 0, mandatory: true }, { name: 'Slot', position: 1 }, { name: 'RoleName', position: 2 }, { name: 'InstanceDetails', isSwitch: true }], (call, session) => {
  const service = requiredString(call, 'ServiceName');
  const roleName = optionalString(call, 'RoleName');
  if (session.world.services[service]?.deployments.production == null) return writePlatformError(call, { status: 404, code: 'ResourceNotFound', message: 'No deployments were found.' });
  for (const vm of listServiceVms(session.world, service)) {
    if (roleName !== undefined && vm.name.toLowerCase() !== roleName.toLowerCase()) continue;
    call.output(isSet(call, 'InstanceDetails')
      ? new PsObject('Microsoft.WindowsAzure.Commands.ServiceManagement.Model.RoleInstanceContext', { ServiceName: service, InstanceName: vm.name, InstanceStatus: vm.state, IPAddress: vm.dip, InstanceSize: vm.size, RoleName: vm.name })
      : new PsObject('Microsoft.WindowsAzure.Commands.ServiceManagement.Model.RoleContext', { RoleName: vm.name, InstanceCount: 1, DeploymentID: session.records.deployments[service]?.privateId ?? null, ServiceName: service }));
  }
});

/** The cmdlets that create, read, change and remove deployed VMs. */
export const VM_CMDLETS = [newAzureVm, getAzureVm, updateAzureVm, stopAzureVm, startAzureVm, restartAzureVm, removeAzureVm, getAzureDeployment, getAzureRole];
