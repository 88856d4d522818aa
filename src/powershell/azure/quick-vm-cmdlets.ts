import type { InputEndpointSpec } from '../../asm/index.js';
import type { CmdletParameter } from '../cmdlet.js';
import { enumerate, toStr } from '../convert.js';
import { PsObject, PsSecureString } from '../values.js';
import { azureCmdlet, isSet, optionalString, requiredString } from './azure-cmdlet.js';
import { AzureAclConfig } from './endpoint-acl-cmdlets.js';
import { deployRoles } from './vm-cmdlets.js';
import { LINUX_ENDPOINTS, WINDOWS_ENDPOINTS } from './vm-config-cmdlets.js';
import { emptyRoleSpec, readRole } from './vm-objects.js';

const MODEL = 'Microsoft.WindowsAzure.Commands.ServiceManagement.Model';

/** New-AzureQuickVM: New-AzureVMConfig, Add-AzureProvisioningConfig and New-AzureVM in one cmdlet. */
const newAzureQuickVm = azureCmdlet('New-AzureQuickVM', [
  { name: 'Windows', isSwitch: true }, { name: 'Linux', isSwitch: true }, { name: 'ServiceName', mandatory: true }, { name: 'Name', mandatory: true },
  { name: 'ImageName', mandatory: true }, { name: 'AdminUsername' }, { name: 'LinuxUser' }, { name: 'Password' }, { name: 'Location' }, { name: 'AffinityGroup' },
  { name: 'InstanceSize' }, { name: 'VNetName' }, { name: 'SubnetNames' }, { name: 'AvailabilitySetName' }, { name: 'MediaLocation' }, { name: 'WaitForBoot', isSwitch: true },
  { name: 'DnsSettings' }, { name: 'SSHPublicKeys' }, { name: 'SSHKeyPairs' }, { name: 'Certificates' }, { name: 'X509Certificates' }, { name: 'ReservedIPName' },
  { name: 'DisableWinRMHttps', isSwitch: true }, { name: 'EnableWinRMHttp', isSwitch: true }, { name: 'NoWinRMEndpoint', isSwitch: true }, { name: 'NoExportPrivateKey', isSwitch: true },
], (call, session) => {
  const linux = isSet(call, 'Linux');
  const name = requiredString(call, 'Name');
  const password = call.get('Password');
  const spec = emptyRoleSpec(name);
  spec.roleSize = optionalString(call, 'InstanceSize') ?? 'Small';
  spec.sourceImageName = requiredString(call, 'ImageName');
  spec.osDiskMediaLink = optionalString(call, 'MediaLocation');
  spec.availabilitySet = optionalString(call, 'AvailabilitySetName');
  spec.subnetNames = enumerate(call.get('SubnetNames')).map(toStr);
  spec.provisioning = {
    os: linux ? 'Linux' : 'Windows', hostName: name, adminUser: linux ? optionalString(call, 'LinuxUser') : optionalString(call, 'AdminUsername'),
    password: password === null ? undefined : password instanceof PsSecureString ? password.plain : toStr(password), sshKey: undefined,
  };
  spec.endpoints = (linux ? LINUX_ENDPOINTS : WINDOWS_ENDPOINTS).map((e) => ({ ...e }));
  deployRoles(call, session, requiredString(call, 'ServiceName'), [spec]);
});

const VM_ONLY: CmdletParameter[] = [{ name: 'VM', pipeline: 'value', mandatory: true }];

function describeEndpoint(e: InputEndpointSpec): PsObject {
  return new PsObject(`${MODEL}.InputEndpointContext`, {
    LBSetName: e.loadBalancedEndpointSetName ?? null, LocalPort: e.localPort, Name: e.name, Port: e.port ?? null, Protocol: e.protocol, Vip: null, Acl: new AzureAclConfig(e.acl),
    ProbePath: e.probe?.path ?? null, ProbePort: e.probe?.port ?? 0, ProbeProtocol: e.probe?.protocol ?? null, ProbeIntervalInSeconds: e.probe?.intervalSeconds ?? null,
    ProbeTimeoutInSeconds: e.probe?.timeoutSeconds ?? null, InternalLoadBalancerName: e.internalLoadBalancerName ?? null,
  });
}

/** Get-AzureEndpoint [-Name] -VM: the endpoints of a VM object. */
const getAzureEndpoint = azureCmdlet('Get-AzureEndpoint', [{ name: 'Name', position: 0 }, ...VM_ONLY], (call) => {
  const wanted = optionalString(call, 'Name')?.toLowerCase();
  for (const e of readRole(call.get('VM')).spec.endpoints) if (wanted === undefined || e.name.toLowerCase() === wanted) call.output(describeEndpoint(e));
});

/** Get-AzureSubnet -VM: the subnet names. */
const getAzureSubnet = azureCmdlet('Get-AzureSubnet', VM_ONLY, (call) => {
  for (const name of readRole(call.get('VM')).spec.subnetNames) call.output(name);
});

/** Get-AzureStaticVNetIP -VM. */
const getStaticVNetIp = azureCmdlet('Get-AzureStaticVNetIP', VM_ONLY, (call) => {
  const ip = readRole(call.get('VM')).spec.staticIp;
  if (ip !== undefined) call.output(new PsObject(`${MODEL}.VirtualNetworkStaticIPContext`, { IPAddress: ip }));
});

/** Get-AzureDataDisk [-Lun] -VM. */
const getDataDisk = azureCmdlet('Get-AzureDataDisk', [{ name: 'Lun', position: 0 }, ...VM_ONLY], (call) => {
  for (const d of readRole(call.get('VM')).spec.dataDisks) {
    if (call.has('Lun') && toStr(call.get('Lun')) !== String(d.lun ?? 0)) continue;
    call.output(new PsObject(`${MODEL}.DataVirtualHardDisk`, { HostCaching: d.hostCaching ?? 'None', DiskLabel: d.label ?? null, DiskName: d.diskName ?? null, Lun: d.lun ?? 0, LogicalDiskSizeInGB: d.sizeGb ?? 0, MediaLink: d.mediaLink ?? null }));
  }
});

/** New-AzureQuickVM and the readers of a VM object's parts. */
export const QUICK_VM_CMDLETS = [newAzureQuickVm, getAzureEndpoint, getAzureSubnet, getStaticVNetIp, getDataDisk];
