/**
 * What the platform kept about compute and storage that the world engine does not model: labels, descriptions,
 * creation times, OS-disk media links, data disks and storage accounts. The engine decides everything that changes
 * the network (services, VMs, DIPs, endpoints, disks and their leases); these records only dress its answers. Plain
 * JSON, changed only by the operation functions' record edits.
 */

import type { EndpointSettingsRecord } from './endpoint-settings.js';

/** A hosted service's descriptive properties (CreateHostedService). */
export interface HostedServiceRecord {
  label: string;
  description: string | null;
  createdMs: number;
  modifiedMs: number;
  /** `vm create` marks services it made itself "Implicitly created hosted service" (asm-recorded.md §3.1). */
  extendedProperties: Record<string, string>;
}

/** A deployment's descriptive properties (Deployment create). */
export interface DeploymentRecord {
  label: string;
  /** 32 hex characters, the PrivateID GET Deployment shows. */
  privateId: string;
  createdMs: number;
  modifiedMs: number;
  /** The deployment's DNS servers (Dns/DnsServers of the create request); absent when it named none. */
  dnsServers?: { name: string; address: string }[] | undefined;
}

/** A data disk attached to a role (DataVirtualHardDisk). */
export interface DataDiskRecord {
  lun: number;
  name: string;
  label: string;
  mediaLink: string;
  sizeGb: number;
  hostCaching: string;
}

/** A role's properties beyond what the engine keeps. */
export interface RoleRecord {
  osDiskMediaLink: string;
  osDiskHostCaching: string;
  availabilitySet: string | null;
  provisionGuestAgent: boolean;
  dataDisks: DataDiskRecord[];
  /** Probes and internal load balancer names of the role's endpoints, by endpoint name (endpoint-settings.ts). */
  endpointSettings?: Record<string, EndpointSettingsRecord> | undefined;
}

/** A storage account (CreateStorageServiceInput). */
export interface StorageAccountRecord {
  name: string;
  label: string;
  description: string | null;
  location: string | null;
  affinityGroup: string | null;
  accountType: string;
  createdMs: number;
}

/** A data disk left registered after its role was deleted (still listed by GET /services/disks). */
export interface LooseDataDiskRecord extends DataDiskRecord {
  os: null;
}

/** All compute and storage records of one subscription. */
export interface ComputeRecords {
  services: Record<string, HostedServiceRecord>;
  /** Keyed by service name: a VM service has at most one deployment (Production). */
  deployments: Record<string, DeploymentRecord>;
  /** Keyed by `service/vm`. */
  roles: Record<string, RoleRecord>;
  storageAccounts: Record<string, StorageAccountRecord>;
  /** Data disks whose role is gone, or registered on their own, by disk name. */
  looseDataDisks: Record<string, LooseDataDiskRecord>;
  /** Label and media link of OS disks registered through POST /services/disks, by disk name. */
  osDiskMedia: Record<string, { label: string; mediaLink: string }>;
  /** The Label a reserved IP was created with, by reserved IP name (the engine keeps only name, address, region, user). */
  reservedIpLabels: Record<string, string>;
  /**
   * The StaticVirtualNetworkIPAddress an internal load balancer was created with, by service: the deployment's
   * FrontendIpConfiguration shows an address only when the request named one.
   */
  internalLoadBalancerStaticIps: Record<string, string>;
}

/** Empty records. */
export function createComputeRecords(): ComputeRecords {
  return { services: {}, deployments: {}, roles: {}, storageAccounts: {}, looseDataDisks: {}, osDiskMedia: {}, reservedIpLabels: {}, internalLoadBalancerStaticIps: {} };
}

/** A change to the records, applied only once the engine accepted the request's commands. */
export type RecordEdit = (records: ComputeRecords) => void;

/** Key of a role's record. */
export function roleKey(service: string, vm: string): string {
  return `${service}/${vm}`;
}
