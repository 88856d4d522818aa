import { DEFAULT_PROBE_INTERVAL_SECONDS, DEFAULT_PROBE_TIMEOUT_SECONDS, type InputEndpointSpec, type LoadBalancerProbeSpec } from '../../asm/index.js';
import type { CmdletCall, CmdletParameter } from '../cmdlet.js';
import { enumerate, toNumber, toStr } from '../convert.js';
import { RuntimeFailure } from '../runtime-error.js';
import { PsSecureString } from '../values.js';
import { azureCmdlet, isSet, optionalString, requiredString } from './azure-cmdlet.js';
import { readAcl } from './endpoint-acl-cmdlets.js';
import { AzureVmConfig, emptyRoleSpec, readRole } from './vm-objects.js';

const VM_PARAMETER: CmdletParameter = { name: 'VM', pipeline: 'value', mandatory: true };

/** The management endpoints Add-AzureProvisioningConfig adds (public port chosen by the platform): RDP and WinRM-HTTPS. */
export const WINDOWS_ENDPOINTS: readonly InputEndpointSpec[] = [
  { name: 'RemoteDesktop', protocol: 'tcp', port: undefined, localPort: 3389, loadBalancedEndpointSetName: undefined, acl: [] },
  { name: 'PowerShell', protocol: 'tcp', port: undefined, localPort: 5986, loadBalancedEndpointSetName: undefined, acl: [] },
];
/** Linux: SSH. */
export const LINUX_ENDPOINTS: readonly InputEndpointSpec[] = [{ name: 'SSH', protocol: 'tcp', port: undefined, localPort: 22, loadBalancedEndpointSetName: undefined, acl: [] }];

function plainText(value: unknown): string {
  return value instanceof PsSecureString ? value.plain : toStr(value);
}

/** New-AzureVMConfig -Name -InstanceSize (-ImageName | -DiskName) [-MediaLocation] [-AvailabilitySetName]. */
const newAzureVmConfig = azureCmdlet('New-AzureVMConfig', [
  { name: 'Name', position: 0, mandatory: true }, { name: 'InstanceSize', position: 1, mandatory: true }, { name: 'ImageName', position: 2 }, { name: 'DiskName', position: 2 },
  { name: 'MediaLocation' }, { name: 'AvailabilitySetName' }, { name: 'HostCaching' }, { name: 'Label' }, { name: 'DiskLabel' },
], (call) => {
  const spec = emptyRoleSpec(requiredString(call, 'Name'));
  spec.roleSize = optionalString(call, 'InstanceSize');
  spec.sourceImageName = optionalString(call, 'ImageName');
  spec.osDiskName = optionalString(call, 'DiskName');
  spec.osDiskMediaLink = optionalString(call, 'MediaLocation');
  spec.osDiskHostCaching = optionalString(call, 'HostCaching');
  spec.availabilitySet = optionalString(call, 'AvailabilitySetName');
  if (spec.sourceImageName === undefined && spec.osDiskName === undefined) {
    throw new RuntimeFailure('Parameter set cannot be resolved using the specified named parameters.', 'InvalidArgument', 'AmbiguousParameterSet', 'ParameterBindingException');
  }
  call.output(new AzureVmConfig(spec));
});

/** Add-AzureProvisioningConfig -Windows|-WindowsDomain|-Linux: the admin account and the management endpoints. */
const addProvisioningConfig = azureCmdlet('Add-AzureProvisioningConfig', [
  VM_PARAMETER, { name: 'Windows', isSwitch: true }, { name: 'WindowsDomain', isSwitch: true }, { name: 'Linux', isSwitch: true },
  { name: 'AdminUsername' }, { name: 'Password' }, { name: 'LinuxUser' }, { name: 'JoinDomain' }, { name: 'Domain' }, { name: 'DomainUserName' }, { name: 'DomainPassword' },
  { name: 'MachineObjectOU' }, { name: 'TimeZone' }, { name: 'SSHPublicKeys' }, { name: 'SSHKeyPairs' }, { name: 'DisableSSH', isSwitch: true }, { name: 'NoSSHEndpoint', isSwitch: true },
  { name: 'NoRDPEndpoint', isSwitch: true }, { name: 'NoWinRMEndpoint', isSwitch: true }, { name: 'EnableWinRMHttp', isSwitch: true }, { name: 'DisableAutomaticUpdates', isSwitch: true },
  { name: 'DisableGuestAgent', isSwitch: true }, { name: 'ResetPasswordOnFirstLogon', isSwitch: true }, { name: 'X509Certificates' }, { name: 'Certificates' }, { name: 'WinRMCertificate' },
  { name: 'NoExportPrivateKey', isSwitch: true }, { name: 'NoSSHPassword', isSwitch: true }, { name: 'CustomDataFile' },
], (call) => {
  const config = readRole(call.get('VM'));
  const linux = isSet(call, 'Linux');
  if (!linux && !isSet(call, 'Windows') && !isSet(call, 'WindowsDomain')) {
    throw new RuntimeFailure('Parameter set cannot be resolved using the specified named parameters.', 'InvalidArgument', 'AmbiguousParameterSet', 'ParameterBindingException');
  }
  config.spec.provisioning = {
    os: linux ? 'Linux' : 'Windows',
    hostName: config.spec.roleName,
    adminUser: linux ? optionalString(call, 'LinuxUser') : optionalString(call, 'AdminUsername'),
    password: call.has('Password') ? plainText(call.get('Password')) : undefined,
    sshKey: undefined,
  };
  const automatic = linux ? (isSet(call, 'NoSSHEndpoint') ? [] : LINUX_ENDPOINTS) : WINDOWS_ENDPOINTS.filter((e) => !(e.localPort === 3389 && isSet(call, 'NoRDPEndpoint')) && !(e.localPort === 5986 && isSet(call, 'NoWinRMEndpoint')));
  for (const endpoint of automatic) if (!config.spec.endpoints.some((e) => e.name === endpoint.name)) config.spec.endpoints.push({ ...endpoint });
  config.spec.provisionGuestAgent = !isSet(call, 'DisableGuestAgent');
  config.refresh();
  call.output(call.get('VM'));
});

/** Set-AzureSubnet -SubnetNames: the subnet the VM joins (the first name counts). */
const setAzureSubnet = azureCmdlet('Set-AzureSubnet', [{ name: 'SubnetNames', position: 0, mandatory: true }, VM_PARAMETER], (call) => {
  const config = readRole(call.get('VM'));
  config.spec.subnetNames = enumerate(call.get('SubnetNames')).map(toStr);
  config.refresh();
  call.output(call.get('VM'));
});

/** Set-AzureStaticVNetIP -IPAddress (applied by New-AzureVM or Update-AzureVM). */
const setStaticVNetIp = azureCmdlet('Set-AzureStaticVNetIP', [{ name: 'IPAddress', position: 0, mandatory: true }, VM_PARAMETER], (call) => {
  const config = readRole(call.get('VM'));
  config.spec.staticIp = requiredString(call, 'IPAddress');
  call.output(call.get('VM'));
});

/** Remove-AzureStaticVNetIP. */
const removeStaticVNetIp = azureCmdlet('Remove-AzureStaticVNetIP', [VM_PARAMETER], (call) => {
  readRole(call.get('VM')).spec.staticIp = undefined;
  call.output(call.get('VM'));
});

const ENDPOINT_PARAMETERS: CmdletParameter[] = [
  { name: 'Name', position: 0, mandatory: true }, { name: 'Protocol', position: 1 }, { name: 'LocalPort', position: 2 }, { name: 'PublicPort' },
  { name: 'LBSetName' }, { name: 'ProbePort' }, { name: 'ProbeProtocol' }, { name: 'ProbePath' }, { name: 'ProbeIntervalInSeconds' }, { name: 'ProbeTimeoutInSeconds' },
  { name: 'DefaultProbe', isSwitch: true }, { name: 'NoProbe', isSwitch: true }, { name: 'ACL' }, { name: 'DirectServerReturn' }, { name: 'InternalLoadBalancerName' },
  { name: 'IdleTimeoutInMinutes' }, { name: 'LoadBalancerDistribution' }, VM_PARAMETER,
];

function readProtocol<T extends string>(call: CmdletCall, parameter: string, allowed: readonly T[], fallback: T): T {
  const value = toStr(call.get(parameter) ?? fallback).toLowerCase();
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new RuntimeFailure(`Cannot validate argument on parameter '${parameter}'. The argument "${value}" does not belong to the set "${allowed.join(',')}".`, 'InvalidData', 'ParameterArgumentValidationError', 'ParameterBindingValidationException');
  return found;
}

// -LBSetName with -ProbePort/-ProbeProtocol [-ProbePath], or -DefaultProbe (TCP on the local port), or -NoProbe
// (azure-classic.md §4.1, the Add-AzureEndpoint parameter sets).
function readProbe(call: CmdletCall, localPort: number): LoadBalancerProbeSpec | undefined {
  if (isSet(call, 'NoProbe')) return undefined;
  const protocol = call.has('ProbeProtocol') ? readProtocol(call, 'ProbeProtocol', ['tcp', 'http'] as const, 'tcp') : undefined;
  if (protocol === undefined && !call.has('ProbePort') && !isSet(call, 'DefaultProbe')) return undefined;
  return {
    protocol: protocol ?? 'tcp',
    port: call.has('ProbePort') ? toNumber(call.get('ProbePort')) : localPort,
    path: protocol === 'http' ? optionalString(call, 'ProbePath') ?? '/' : undefined,
    intervalSeconds: call.has('ProbeIntervalInSeconds') ? toNumber(call.get('ProbeIntervalInSeconds')) : DEFAULT_PROBE_INTERVAL_SECONDS,
    timeoutSeconds: call.has('ProbeTimeoutInSeconds') ? toNumber(call.get('ProbeTimeoutInSeconds')) : DEFAULT_PROBE_TIMEOUT_SECONDS,
  };
}

function readEndpoint(call: CmdletCall, current: InputEndpointSpec | undefined): InputEndpointSpec {
  const localPort = call.has('LocalPort') ? toNumber(call.get('LocalPort')) : current?.localPort ?? 0;
  const probe = readProbe(call, localPort);
  const internalLoadBalancerName = optionalString(call, 'InternalLoadBalancerName') ?? current?.internalLoadBalancerName;
  const lbSet = optionalString(call, 'LBSetName') ?? current?.loadBalancedEndpointSetName;
  return {
    name: requiredString(call, 'Name'),
    protocol: call.has('Protocol') || current === undefined ? readProtocol(call, 'Protocol', ['tcp', 'udp'] as const, 'tcp') : current.protocol,
    port: call.has('PublicPort') ? toNumber(call.get('PublicPort')) : current?.port,
    localPort,
    loadBalancedEndpointSetName: lbSet,
    acl: call.has('ACL') ? readAcl(call.get('ACL')).toAcl() : current?.acl ?? [],
    ...(probe === undefined ? (isSet(call, 'NoProbe') || current?.probe === undefined ? {} : { probe: current.probe }) : { probe }),
    ...(internalLoadBalancerName === undefined ? {} : { internalLoadBalancerName }),
  };
}

/** Add-AzureEndpoint: a new input endpoint on the VM configuration; a duplicate name is the module's error. */
const addAzureEndpoint = azureCmdlet('Add-AzureEndpoint', ENDPOINT_PARAMETERS, (call) => {
  const config = readRole(call.get('VM'));
  const endpoint = readEndpoint(call, undefined);
  if (config.spec.endpoints.some((e) => e.name.toLowerCase() === endpoint.name.toLowerCase())) {
    throw new RuntimeFailure(`An endpoint named '${endpoint.name}' has already been defined for this VM. Specify a different endpoint name.`, 'CloseError', 'EndpointNameExists', 'System.InvalidOperationException');
  }
  config.spec.endpoints.push(endpoint);
  call.output(call.get('VM'));
});

/** Set-AzureEndpoint: changes an existing endpoint. */
const setAzureEndpoint = azureCmdlet('Set-AzureEndpoint', ENDPOINT_PARAMETERS, (call) => {
  const config = readRole(call.get('VM'));
  const name = requiredString(call, 'Name');
  const index = config.spec.endpoints.findIndex((e) => e.name.toLowerCase() === name.toLowerCase());
  if (index < 0) throw new RuntimeFailure(`An endpoint named '${name}' cannot be found in the configuration of this VM.`, 'CloseError', 'EndpointNotFound', 'System.InvalidOperationException');
  config.spec.endpoints[index] = readEndpoint(call, config.spec.endpoints[index]);
  call.output(call.get('VM'));
});

/** Remove-AzureEndpoint -Name. */
const removeAzureEndpoint = azureCmdlet('Remove-AzureEndpoint', [{ name: 'Name', position: 0, mandatory: true }, VM_PARAMETER], (call) => {
  const config = readRole(call.get('VM'));
  const name = requiredString(call, 'Name').toLowerCase();
  config.spec.endpoints = config.spec.endpoints.filter((e) => e.name.toLowerCase() !== name);
  call.output(call.get('VM'));
});

/** Add-AzureDataDisk -CreateNew|-Import|-ImportFrom. */
const addAzureDataDisk = azureCmdlet('Add-AzureDataDisk', [
  { name: 'CreateNew', isSwitch: true }, { name: 'Import', isSwitch: true }, { name: 'ImportFrom', isSwitch: true }, { name: 'DiskSizeInGB', position: 0 },
  { name: 'DiskLabel', position: 1 }, { name: 'LUN', position: 2 }, { name: 'DiskName' }, { name: 'MediaLocation' }, { name: 'HostCaching' }, VM_PARAMETER,
], (call) => {
  const config = readRole(call.get('VM'));
  config.spec.dataDisks.push({
    lun: call.has('LUN') ? toNumber(call.get('LUN')) : config.spec.dataDisks.length,
    label: optionalString(call, 'DiskLabel'),
    diskName: optionalString(call, 'DiskName'),
    mediaLink: optionalString(call, 'MediaLocation'),
    sizeGb: call.has('DiskSizeInGB') ? toNumber(call.get('DiskSizeInGB')) : undefined,
    hostCaching: optionalString(call, 'HostCaching'),
  });
  config.refresh();
  call.output(call.get('VM'));
});

/** Set-AzureAvailabilitySet -AvailabilitySetName. */
const setAvailabilitySet = azureCmdlet('Set-AzureAvailabilitySet', [{ name: 'AvailabilitySetName', position: 0, mandatory: true }, VM_PARAMETER], (call) => {
  const config = readRole(call.get('VM'));
  config.spec.availabilitySet = requiredString(call, 'AvailabilitySetName');
  config.refresh();
  call.output(call.get('VM'));
});

/** Set-AzureVMSize -InstanceSize. */
const setVmSize = azureCmdlet('Set-AzureVMSize', [{ name: 'InstanceSize', position: 0, mandatory: true }, VM_PARAMETER], (call) => {
  const config = readRole(call.get('VM'));
  config.spec.roleSize = requiredString(call, 'InstanceSize');
  config.refresh();
  call.output(call.get('VM'));
});

/** The cmdlets that build and change a VM configuration object (no request is sent until New-/Update-AzureVM). */
export const VM_CONFIG_CMDLETS = [
  newAzureVmConfig, addProvisioningConfig, setAzureSubnet, setStaticVNetIp, removeStaticVNetIp, addAzureEndpoint, setAzureEndpoint, removeAzureEndpoint,
  addAzureDataDisk, setAvailabilitySet, setVmSize,
];
