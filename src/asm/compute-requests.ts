import type { AclRule, EndpointProtocol } from '../sim/index.js';
import type { LoadBalancerProbeSpec } from './endpoint-settings.js';
import type { InternalLoadBalancerRequest } from './internal-load-balancers.js';

/**
 * The compute requests as typed values, read from the clients' XML by name (asm-api.md §3: requests are parsed in
 * any order). Field names follow the REST elements (jj157194 Create Virtual Machine Deployment, dn592681 Add Role).
 */

/** CreateHostedService. */
export interface CreateHostedServiceRequest {
  serviceName: string;
  /** Already decoded from base64. */
  label: string;
  description: string | null;
  location: string | null;
  affinityGroup: string | null;
  extendedProperties: Record<string, string>;
}

/** One InputEndpoint of a NetworkConfiguration set. */
export interface InputEndpointSpec {
  name: string;
  protocol: EndpointProtocol;
  /** Public port; omitted lets the platform pick one. */
  port: number | undefined;
  localPort: number;
  loadBalancedEndpointSetName: string | undefined;
  acl: AclRule[];
  /** LoadBalancerProbe of a load-balanced set. */
  probe?: LoadBalancerProbeSpec | undefined;
  /** LoadBalancerName: the endpoint listens on the deployment's internal load balancer. */
  internalLoadBalancerName?: string | undefined;
}

/** A provisioning configuration set (WindowsProvisioningConfiguration / LinuxProvisioningConfiguration). */
export interface ProvisioningSpec {
  os: 'Windows' | 'Linux';
  hostName: string | undefined;
  adminUser: string | undefined;
  password: string | undefined;
  /** First SSH public key fingerprint, when the Linux set names one. */
  sshKey: string | undefined;
}

/** A data disk requested on a role (DataVirtualHardDisk). */
export interface DataDiskSpec {
  lun: number | undefined;
  label: string | undefined;
  diskName: string | undefined;
  mediaLink: string | undefined;
  sizeGb: number | undefined;
  hostCaching: string | undefined;
}

/** A PersistentVMRole (a Deployment's Role, Add Role and Update Role bodies). */
export interface RoleSpec {
  roleName: string;
  roleSize: string | undefined;
  provisioning: ProvisioningSpec | undefined;
  endpoints: InputEndpointSpec[];
  subnetNames: string[];
  staticIp: string | undefined;
  sourceImageName: string | undefined;
  osDiskName: string | undefined;
  osDiskMediaLink: string | undefined;
  osDiskHostCaching: string | undefined;
  availabilitySet: string | undefined;
  provisionGuestAgent: boolean;
  dataDisks: DataDiskSpec[];
}

/** Deployment (Create Virtual Machine Deployment). */
export interface CreateDeploymentRequest {
  name: string;
  slot: string;
  /** Sent as plain text by the clients (asm-recorded.md §1.6). */
  label: string;
  roles: RoleSpec[];
  virtualNetworkName: string | undefined;
  /** ReservedIPName: the reserved IP that becomes the VIP (New-AzureVM -ReservedIPName). */
  reservedIpName?: string | undefined;
  /** LoadBalancers/LoadBalancer: the internal load balancer created with the deployment (-InternalLoadBalancerConfig). */
  internalLoadBalancer?: InternalLoadBalancerRequest | undefined;
  /** Dns/DnsServers: the name servers the deployment's VMs are handed (New-AzureVM -DnsSettings). */
  dnsServers?: { name: string; address: string }[] | undefined;
}

/** A role instance operation (StartRoleOperation, RestartRoleOperation, ShutdownRoleOperation). */
export type RoleOperationRequest =
  | { kind: 'start' }
  | { kind: 'restart' }
  | { kind: 'shutdown'; postShutdownAction: 'Stopped' | 'StoppedDeallocated' };

/** CreateStorageServiceInput. */
export interface CreateStorageAccountRequest {
  serviceName: string;
  label: string;
  description: string | null;
  location: string | null;
  affinityGroup: string | null;
  accountType: string;
}

/** Disk (Add Disk). */
export interface CreateDiskRequest {
  name: string;
  label: string;
  mediaLink: string;
  os: 'Windows' | 'Linux' | undefined;
}
