import type { DurationRange } from '../common/index.js';

/**
 * Durations and limits of the compute model. Where the live API was recorded (asm-recorded.md §8, "How long async
 * operations took") a duration is a range each operation draws from with the seeded RNG; the rest follow the era's
 * recollection in compute-lifecycle.md §3.7. A scenario overrides any of them.
 */

/** How long each VM or deployment transition takes on the simulated clock. */
export interface ComputeProfile {
  /** Image-based Windows VM: copy, sysprep specialize, first boot, until ReadyRole. */
  windowsProvisionMs: DurationRange;
  /** Image-based Linux VM: copy, waagent provisioning, first boot, until ReadyRole. */
  linuxProvisionMs: DurationRange;
  /** VM from a specialized OS disk: no provisioning, just boot. */
  diskBootMs: number;
  /** How long a forced ProvisioningTimeout takes to surface. */
  provisionTimeoutMs: number;
  /** Start-AzureVM until ReadyRole. */
  startMs: DurationRange;
  /** Stop-AzureVM -StayProvisioned until StoppedVM. */
  stopMs: DurationRange;
  /** Stop-AzureVM (deallocate) until StoppedDeallocated. */
  deallocateMs: DurationRange;
  restartMs: number;
  /** The OS-disk lease outlives a deleted VM (Packer retries Delete Disk 10× 30 s apart, compute-lifecycle.md §3.6). */
  diskLeaseReleaseMs: number;
  /** PaaS package deployment until the roles are ready. */
  paasDeployMs: number;
}

const SECOND_MS = 1000;

/**
 * Default durations. The compute rows of asm-recorded.md §8 are the first terminal poll after the request; clients
 * polled every 30–32 s, so they are upper bounds quantised to ~30 s, taken here as recorded (min / median / max).
 */
export const DEFAULT_COMPUTE_PROFILE: Readonly<ComputeProfile> = {
  // "Create VM POST → first GET showing ReadyRole", 16 creates: median ≈ 230 s, 12 of 16 between 118 and 475 s. The
  // recordings do not say which OS each VM ran, so Windows and Linux share the range (a scenario may split them).
  windowsProvisionMs: { minMs: 118 * SECOND_MS, medianMs: 230 * SECOND_MS, maxMs: 475 * SECOND_MS },
  linuxProvisionMs: { minMs: 118 * SECOND_MS, medianMs: 230 * SECOND_MS, maxMs: 475 * SECOND_MS },
  // Not recorded: a specialized disk skips provisioning (compute-lifecycle.md §3.7).
  diskBootMs: 2 * 60_000,
  provisionTimeoutMs: 20 * 60_000,
  // "Start (xplat, from deallocated)", 8 starts: 30 / 31 / 129 s (min / median / p90); SHUT15's start took 161 s.
  startMs: { minMs: 30 * SECOND_MS, medianMs: 31 * SECOND_MS, maxMs: 161 * SECOND_MS },
  // "Shutdown PostShutdownAction=Stopped (.NET)", 7 stops: 30 / 31 / 60 s.
  stopMs: { minMs: 30 * SECOND_MS, medianMs: 31 * SECOND_MS, maxMs: 60 * SECOND_MS },
  // "Shutdown (xplat, deallocate)", 13 shutdowns: 30 / 32 / 35 (p90) / 147 s.
  deallocateMs: { minMs: 30 * SECOND_MS, medianMs: 32 * SECOND_MS, maxMs: 147 * SECOND_MS },
  // J-RESTART, the one recorded restart: 94 s to its last poll.
  restartMs: 94 * SECOND_MS,
  diskLeaseReleaseMs: 30 * SECOND_MS,
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
