import type {
  CreateDeploymentRequest, CreateDiskRequest, CreateHostedServiceRequest, CreateStorageAccountRequest, DataDiskSpec,
  InputEndpointSpec, InternalLoadBalancerRequest, ProvisioningSpec, RoleOperationRequest, RoleSpec,
} from '../asm/index.js';
import type { AclRule } from '../sim/index.js';
import { childElement, childElements, type RequestElement } from './xml-reader.js';

/**
 * Reads the compute and storage request bodies into typed requests, by element name in any order and any case, as
 * the platform did (asm-api.md §3 "Requests"). A value that is present but malformed (a port that is not a number)
 * is a reading error naming the element; absent optional elements stay undefined.
 */

/** Raised for a value that cannot be read; the route answers 400 with the message. */
export class RequestReadError extends Error {}

function textOf(element: RequestElement, name: string): string | undefined {
  return childElement(element, name)?.text;
}

/** The elements named `names[last]` under the path `names[0…last-1]`; empty when any step is absent. */
function listAt(element: RequestElement, ...names: string[]): RequestElement[] {
  let at: RequestElement | undefined = element;
  for (const name of names.slice(0, -1)) at = at === undefined ? undefined : childElement(at, name);
  return at === undefined ? [] : childElements(at, names[names.length - 1] ?? '');
}

function requireText(element: RequestElement, name: string): string {
  const value = textOf(element, name);
  if (value === undefined || value === '') throw new RequestReadError(`The ${name} element is required and was not specified.`);
  return value;
}

function integerOf(element: RequestElement, name: string): number | undefined {
  const value = textOf(element, name);
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new RequestReadError(`The value '${value}' of ${name} is not a whole number.`);
  return Number(value);
}

function decodeBase64(value: string | undefined): string {
  return value === undefined ? '' : Buffer.from(value, 'base64').toString('utf8');
}

function orNull(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}

function readExtendedProperties(element: RequestElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const property of listAt(element, 'ExtendedProperties', 'ExtendedProperty')) {
    const name = textOf(property, 'Name');
    if (name !== undefined) out[name] = textOf(property, 'Value') ?? '';
  }
  return out;
}

/** The fields a hosted service and a storage account are created with alike: name, base64 Label, placement. */
function readPlacedService(root: RequestElement) {
  return {
    serviceName: requireText(root, 'ServiceName'),
    label: decodeBase64(textOf(root, 'Label')),
    description: orNull(textOf(root, 'Description')),
    location: orNull(textOf(root, 'Location')),
    affinityGroup: orNull(textOf(root, 'AffinityGroup')),
  };
}

/** CreateHostedService: the Label is base64 (N-HS). */
export function readCreateHostedService(root: RequestElement): CreateHostedServiceRequest {
  return {
    ...readPlacedService(root),
    extendedProperties: readExtendedProperties(root),
  };
}

function readAcl(endpoint: RequestElement): AclRule[] {
  return listAt(endpoint, 'EndpointAcl', 'Rules', 'Rule').map((rule) => {
    const action = (textOf(rule, 'Action') ?? '').toLowerCase();
    if (action !== 'permit' && action !== 'deny') throw new RequestReadError(`The ACL rule Action '${action}' is not permit or deny.`);
    const description = textOf(rule, 'Description');
    return { order: integerOf(rule, 'Order') ?? 0, action, remoteSubnet: textOf(rule, 'RemoteSubnet') ?? '', ...(description === undefined ? {} : { description }) };
  });
}

function readEndpoint(endpoint: RequestElement): InputEndpointSpec {
  const protocol = (textOf(endpoint, 'Protocol') ?? '').toLowerCase();
  if (protocol !== 'tcp' && protocol !== 'udp') throw new RequestReadError(`The endpoint protocol '${protocol}' is not tcp or udp.`);
  const localPort = integerOf(endpoint, 'LocalPort');
  if (localPort === undefined) throw new RequestReadError('The LocalPort element is required and was not specified.');
  return {
    name: requireText(endpoint, 'Name'),
    protocol,
    port: integerOf(endpoint, 'Port'),
    localPort,
    loadBalancedEndpointSetName: textOf(endpoint, 'LoadBalancedEndpointSetName') || undefined,
    acl: readAcl(endpoint),
    internalLoadBalancerName: textOf(endpoint, 'LoadBalancerName') || undefined,
  };
}

function readProvisioning(set: RequestElement, type: string): ProvisioningSpec {
  const windows = type === 'WindowsProvisioningConfiguration';
  const key = listAt(set, 'SSH', 'PublicKeys', 'PublicKey')[0];
  return {
    os: windows ? 'Windows' : 'Linux',
    hostName: textOf(set, windows ? 'ComputerName' : 'HostName'),
    adminUser: textOf(set, windows ? 'AdminUsername' : 'UserName'),
    password: textOf(set, windows ? 'AdminPassword' : 'UserPassword') || undefined,
    sshKey: key === undefined ? undefined : textOf(key, 'Fingerprint'),
  };
}

function readDataDisk(disk: RequestElement): DataDiskSpec {
  return {
    lun: integerOf(disk, 'Lun'),
    label: textOf(disk, 'DiskLabel'),
    diskName: textOf(disk, 'DiskName') || undefined,
    mediaLink: textOf(disk, 'MediaLink') || undefined,
    sizeGb: integerOf(disk, 'LogicalDiskSizeInGB'),
    hostCaching: textOf(disk, 'HostCaching') || undefined,
  };
}

/** A data disk body (POST …/DataDisks): the DataVirtualHardDisk root. */
export function readDataDiskRequest(root: RequestElement): DataDiskSpec {
  return readDataDisk(root);
}

/** A PersistentVMRole (Add Role, Update Role) or a Deployment's Role. */
export function readRole(role: RequestElement): RoleSpec {
  let provisioning: ProvisioningSpec | undefined;
  let endpoints: InputEndpointSpec[] = [];
  let subnetNames: string[] = [];
  let staticIp: string | undefined;
  for (const set of listAt(role, 'ConfigurationSets', 'ConfigurationSet')) {
    const type = textOf(set, 'ConfigurationSetType') ?? '';
    if (type === 'NetworkConfiguration') {
      endpoints = listAt(set, 'InputEndpoints', 'InputEndpoint').map(readEndpoint);
      subnetNames = listAt(set, 'SubnetNames', 'SubnetName').map((subnet) => subnet.text);
      staticIp = textOf(set, 'StaticVirtualNetworkIPAddress') || undefined;
    } else if (type === 'WindowsProvisioningConfiguration' || type === 'LinuxProvisioningConfiguration') {
      provisioning = readProvisioning(set, type);
    }
  }
  const osDisk = childElement(role, 'OSVirtualHardDisk');
  return {
    roleName: requireText(role, 'RoleName'),
    roleSize: textOf(role, 'RoleSize') || undefined,
    provisioning,
    endpoints,
    subnetNames,
    staticIp,
    sourceImageName: (osDisk === undefined ? undefined : textOf(osDisk, 'SourceImageName')) || (textOf(role, 'VMImageName') || undefined),
    osDiskName: (osDisk === undefined ? undefined : textOf(osDisk, 'DiskName')) || undefined,
    osDiskMediaLink: (osDisk === undefined ? undefined : textOf(osDisk, 'MediaLink')) || undefined,
    osDiskHostCaching: (osDisk === undefined ? undefined : textOf(osDisk, 'HostCaching')) || undefined,
    availabilitySet: textOf(role, 'AvailabilitySetName') || undefined,
    provisionGuestAgent: (textOf(role, 'ProvisionGuestAgent') ?? 'true').toLowerCase() !== 'false',
    dataDisks: listAt(role, 'DataVirtualHardDisks', 'DataVirtualHardDisk').map(readDataDisk),
  };
}

/**
 * LoadBalancer (Create Load Balancer as azure-asm-compute's LoadBalancerOperations.beginCreating sends it; a Deployment's
 * LoadBalancers): Name and FrontendIpConfiguration{Type,
 * SubnetName?, StaticVirtualNetworkIPAddress?}; Private is the only Type an internal load balancer has.
 */
export function readLoadBalancer(root: RequestElement): InternalLoadBalancerRequest {
  const frontend = childElement(root, 'FrontendIpConfiguration');
  const type = frontend === undefined ? undefined : textOf(frontend, 'Type');
  if (type !== undefined && type !== '' && type.toLowerCase() !== 'private') throw new RequestReadError(`The FrontendIpConfiguration Type '${type}' is not valid; an internal load balancer's Type is Private.`);
  const subnet = (frontend === undefined ? undefined : textOf(frontend, 'SubnetName')) || undefined;
  const staticIp = (frontend === undefined ? undefined : textOf(frontend, 'StaticVirtualNetworkIPAddress')) || undefined;
  if (staticIp !== undefined && subnet === undefined) throw new RequestReadError(`The StaticVirtualNetworkIPAddress ${staticIp} needs the SubnetName it lies in.`);
  return { name: requireText(root, 'Name'), subnet, staticIp };
}

/** Deployment (Create Virtual Machine Deployment): the Label is plain text (asm-recorded.md §1.6). */
export function readCreateDeployment(root: RequestElement): CreateDeploymentRequest {
  const loadBalancers = listAt(root, 'LoadBalancers', 'LoadBalancer').map(readLoadBalancer);
  // LBDUP's rule, checked on the request: a deployment has at most one internal load balancer.
  if (loadBalancers.length > 1) throw new RequestReadError(`The deployment names ${loadBalancers.length} load balancers. Only one internal load balancer allowed per deployment.`);
  return {
    name: requireText(root, 'Name'),
    slot: textOf(root, 'DeploymentSlot') || 'Production',
    label: textOf(root, 'Label') ?? '',
    roles: listAt(root, 'RoleList', 'Role').map(readRole),
    virtualNetworkName: textOf(root, 'VirtualNetworkName') || undefined,
    reservedIpName: textOf(root, 'ReservedIPName') || undefined,
    internalLoadBalancer: loadBalancers[0],
  };
}

/** StartRoleOperation / RestartRoleOperation / ShutdownRoleOperation, by the OperationType element or the root name. */
export function readRoleOperation(root: RequestElement, rootName: string): RoleOperationRequest | undefined {
  const type = textOf(root, 'OperationType') || rootName;
  switch (type) {
    case 'StartRoleOperation': return { kind: 'start' };
    case 'RestartRoleOperation': return { kind: 'restart' };
    case 'ShutdownRoleOperation': {
      // The CLI's default is StoppedDeallocated (asm-api.md §3); Stopped keeps the VM provisioned.
      const action = textOf(root, 'PostShutdownAction') || 'Stopped';
      if (action !== 'Stopped' && action !== 'StoppedDeallocated') throw new RequestReadError(`PostShutdownAction '${action}' is not Stopped or StoppedDeallocated.`);
      return { kind: 'shutdown', postShutdownAction: action };
    }
    default: return undefined;
  }
}

/** CreateStorageServiceInput: the Label is base64. */
export function readCreateStorageAccount(root: RequestElement): CreateStorageAccountRequest {
  return {
    ...readPlacedService(root),
    accountType: textOf(root, 'AccountType') || 'Standard_GRS',
  };
}

/** Disk (Add Disk). */
export function readCreateDisk(root: RequestElement): CreateDiskRequest {
  const os = textOf(root, 'OS');
  if (os !== undefined && os !== '' && os !== 'Windows' && os !== 'Linux') throw new RequestReadError(`The OS '${os}' is not Windows or Linux.`);
  return {
    name: requireText(root, 'Name'),
    label: textOf(root, 'Label') ?? '',
    mediaLink: requireText(root, 'MediaLink'),
    os: os === 'Windows' || os === 'Linux' ? os : undefined,
  };
}
