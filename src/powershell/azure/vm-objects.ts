import { describePowerState, roleKey, type ComputeRecords, type InputEndpointSpec, type RoleSpec } from '../../asm/index.js';
import type { Vm } from '../../sim/index.js';
import { RuntimeFailure } from '../runtime-error.js';
import { PsObject } from '../values.js';

const MODEL = 'Microsoft.WindowsAzure.Commands.ServiceManagement.Model';

/** The .NET type names of the module's output objects, for the console's views. */
export const AZURE_TYPES = {
  operation: `${MODEL}.ManagementOperationContext`,
  persistentVm: `${MODEL}.PersistentVM`,
  roleContext: `${MODEL}.PersistentVMRoleContext`,
  roleListContext: `${MODEL}.PersistentVMRoleListContext`,
} as const;

/** `New-AzureVM` and friends print one row per operation: OperationDescription, OperationId, OperationStatus. */
export function makeOperationContext(description: string, operationId: string, status = 'Succeeded'): PsObject {
  return new PsObject(AZURE_TYPES.operation, { OperationDescription: description, OperationId: operationId, OperationStatus: status });
}

/**
 * The VM configuration object New-AzureVMConfig returns and the Add-/Set- cmdlets change in place (PersistentVM): the
 * Role of the REST request, shown with the property names the module showed.
 */
export class AzureVmConfig extends PsObject {
  constructor(readonly spec: RoleSpec) {
    super(AZURE_TYPES.persistentVm);
    this.refresh();
  }

  /** Re-derives the visible properties after a cmdlet changed the spec. */
  refresh(): void {
    const s = this.spec;
    this.set('AvailabilitySetName', s.availabilitySet ?? null);
    this.set('ConfigurationSets', [...(s.provisioning === undefined ? [] : [`${s.provisioning.os}ProvisioningConfigurationSet`]), 'NetworkConfigurationSet']);
    this.set('DataVirtualHardDisks', s.dataDisks.map((d) => new PsObject(`${MODEL}.DataVirtualHardDisk`, { DiskLabel: d.label ?? null, DiskName: d.diskName ?? null, Lun: d.lun ?? 0, LogicalDiskSizeInGB: d.sizeGb ?? 0, MediaLink: d.mediaLink ?? null, HostCaching: d.hostCaching ?? 'None' })));
    this.set('Label', s.roleName);
    this.set('OSVirtualHardDisk', new PsObject(`${MODEL}.OSVirtualHardDisk`, { DiskName: s.osDiskName ?? null, MediaLink: s.osDiskMediaLink ?? null, SourceImageName: s.sourceImageName ?? null, OS: s.provisioning?.os ?? null, HostCaching: s.osDiskHostCaching ?? 'ReadWrite' }));
    this.set('RoleName', s.roleName);
    this.set('RoleSize', s.roleSize ?? 'Small');
    this.set('RoleType', 'PersistentVMRole');
    this.set('ProvisionGuestAgent', s.provisionGuestAgent);
  }
}

/** A deployed VM as Get-AzureVM returns it (PersistentVMRoleContext); `.VM` is its configuration. */
export class AzureVmContext extends PsObject {
  constructor(readonly serviceName: string, readonly config: AzureVmConfig, vm: Vm, deploymentDnsName: string, operationId: string, typeName: string = AZURE_TYPES.roleContext) {
    super(typeName);
    this.set('DeploymentName', vm.deployment);
    this.set('Name', vm.name);
    this.set('Label', null);
    this.set('VM', config);
    this.set('InstanceStatus', vm.state);
    this.set('IpAddress', vm.dip);
    this.set('InstanceStateDetails', null);
    this.set('PowerState', describePowerState(vm.state));
    this.set('InstanceErrorCode', null);
    this.set('InstanceFaultDomain', 0);
    this.set('InstanceName', vm.name);
    this.set('InstanceUpgradeDomain', 0);
    this.set('InstanceSize', vm.size);
    this.set('HostName', vm.hostName ?? vm.name);
    this.set('AvailabilitySetName', config.spec.availabilitySet ?? null);
    this.set('DNSName', `http://${deploymentDnsName}/`);
    this.set('Status', vm.state);
    this.set('ServiceName', serviceName);
    this.set('OperationDescription', 'Get-AzureVM');
    this.set('OperationId', operationId);
    this.set('OperationStatus', 'OK');
  }
}

/** The role spec behind `-VM` (a PersistentVM or a Get-AzureVM result); anything else is the module's cast error. */
export function readRole(value: unknown, parameter = 'VM'): AzureVmConfig {
  if (value instanceof AzureVmConfig) return value;
  if (value instanceof AzureVmContext) return value.config;
  throw new RuntimeFailure(`Cannot bind parameter '${parameter}'. Cannot convert the "${String(value)}" value to type "Microsoft.WindowsAzure.Commands.ServiceManagement.Model.IPersistentVM".`, 'InvalidArgument', 'CannotConvertArgumentNoMessage', 'ParameterBindingException');
}

/** A new, empty role spec (New-AzureVMConfig fills it in). */
export function emptyRoleSpec(name: string): RoleSpec {
  return {
    roleName: name, roleSize: undefined, provisioning: undefined, endpoints: [], subnetNames: [], staticIp: undefined, sourceImageName: undefined,
    osDiskName: undefined, osDiskMediaLink: undefined, osDiskHostCaching: undefined, availabilitySet: undefined, provisionGuestAgent: true, dataDisks: [],
  };
}

/** The role spec of a deployed VM, read back from the world and the platform's records (what GET Role returned). */
export function describeDeployedRole(records: ComputeRecords, vm: Vm): RoleSpec {
  const record = records.roles[roleKey(vm.service, vm.name)];
  const endpoints: InputEndpointSpec[] = Object.values(vm.endpoints).map((e) => {
    const settings = record?.endpointSettings?.[e.name];
    return {
      name: e.name, protocol: e.protocol, port: e.publicPort, localPort: e.privatePort, loadBalancedEndpointSetName: e.loadBalancedSet ?? undefined, acl: e.acl.map((rule) => ({ ...rule })),
      ...(settings?.probe === undefined ? {} : { probe: settings.probe }),
      ...(settings?.internalLoadBalancerName === undefined ? {} : { internalLoadBalancerName: settings.internalLoadBalancerName }),
    };
  });
  return {
    ...emptyRoleSpec(vm.name),
    roleSize: vm.size,
    endpoints,
    subnetNames: vm.subnet === null ? [] : [vm.subnet],
    staticIp: vm.isStatic && vm.dip !== null ? vm.dip : undefined,
    sourceImageName: 'image' in vm.source ? vm.source.image : undefined,
    osDiskName: vm.osDisk,
    osDiskMediaLink: record?.osDiskMediaLink,
    availabilitySet: record?.availabilitySet ?? undefined,
    dataDisks: (record?.dataDisks ?? []).map((d) => ({ lun: d.lun, label: d.label, diskName: d.name, mediaLink: d.mediaLink, sizeGb: d.sizeGb, hostCaching: d.hostCaching })),
    provisioning: { os: vm.os, hostName: vm.hostName ?? undefined, adminUser: vm.adminUser ?? undefined, password: undefined, sshKey: undefined },
  };
}
