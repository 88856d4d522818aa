/**
 * Durations and limits of the compute model. Provisioning times were never published; the defaults follow the era's
 * recollection in compute-lifecycle.md §3.7 (Windows gallery images 5–10 min, Linux 2–5 min, OS disks faster) and a
 * scenario overrides them.
 */

/** How long each VM or deployment transition takes on the simulated clock. */
export interface ComputeProfile {
  /** Image-based Windows VM: copy, sysprep specialize, first boot. */
  windowsProvisionMs: number;
  /** Image-based Linux VM: copy, waagent provisioning, first boot. */
  linuxProvisionMs: number;
  /** VM from a specialized OS disk: no provisioning, just boot. */
  diskBootMs: number;
  /** How long a forced ProvisioningTimeout takes to surface. */
  provisionTimeoutMs: number;
  startMs: number;
  stopMs: number;
  deallocateMs: number;
  restartMs: number;
  /** The OS-disk lease outlives a deleted VM (Packer retries Delete Disk 10× 30 s apart, compute-lifecycle.md §3.6). */
  diskLeaseReleaseMs: number;
  /** PaaS package deployment until the roles are ready. */
  paasDeployMs: number;
}

/** Default durations. */
export const DEFAULT_COMPUTE_PROFILE: Readonly<ComputeProfile> = {
  windowsProvisionMs: 7 * 60_000,
  linuxProvisionMs: 3 * 60_000,
  diskBootMs: 2 * 60_000,
  provisionTimeoutMs: 20 * 60_000,
  startMs: 90_000,
  stopMs: 30_000,
  deallocateMs: 60_000,
  restartMs: 90_000,
  diskLeaseReleaseMs: 30_000,
  paasDeployMs: 8 * 60_000,
};

/** Subscription and service limits (LIMITS-2015, azure-classic.md §2.6); overridable per scenario. */
export interface ComputeLimits {
  vmsPerService: number;
  /** VMs plus role instances per VNet. */
  instancesPerVnet: number;
  endpointsPerService: number;
  aclRulesPerEndpoint: number;
  reservedIpsPerSubscription: number;
}

/** Default limits. */
export const DEFAULT_COMPUTE_LIMITS: Readonly<ComputeLimits> = {
  vmsPerService: 50,
  instancesPerVnet: 2048,
  endpointsPerService: 150,
  aclRulesPerEndpoint: 50,
  reservedIpsPerSubscription: 20,
};
