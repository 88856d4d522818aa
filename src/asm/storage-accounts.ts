import type { World } from '../sim/index.js';
import { computeErrors } from './compute-errors.js';
import { completesNow, refuse, run, type ComputeDecision } from './compute-outcome.js';
import type { ComputeRecords, StorageAccountRecord } from './compute-records.js';
import type { CreateStorageAccountRequest } from './compute-requests.js';

/**
 * Storage accounts: only their names and placement matter to the emulator (the OS-disk media links of VMs point into
 * them). Every location and affinity group has a pre-seeded account, so `azure vm create`, which looks for an account
 * in the VM's location or affinity group before creating one (azure-cli lib/util/utils.js getOrCreateBlobStorage),
 * finds it and goes on; accounts created through the API are kept in the records.
 */

/** Storage account names: 3–24 lower-case letters and digits (the platform's rule). */
export function isValidStorageAccountName(name: string): boolean {
  return /^[a-z0-9]{3,24}$/.test(name);
}

/**
 * Seeded accounts are named like the portal's ("portalvhds…"): `azure vm create` only reuses an account whose name
 * starts with that prefix (azure-cli lib/commands/asm/vm/vmclient.js passes 'portalvhds' as the storage prefix).
 */
const SEED_PREFIX = 'portalvhds';

function seedName(prefix: string, place: string): string {
  return `${prefix}${place.toLowerCase().replace(/[^a-z0-9]/g, '')}`.slice(0, 24);
}

/** Every account of the subscription: the seeded ones (per location, per affinity group), then those created. */
export function listStorageAccounts(world: World, records: ComputeRecords, locations: readonly string[]): StorageAccountRecord[] {
  const seeded: StorageAccountRecord[] = [
    ...locations.map((location) => ({ name: seedName(SEED_PREFIX, location), location, affinityGroup: null })),
    ...Object.values(world.affinityGroups).map((group) => ({ name: seedName(`${SEED_PREFIX}ag`, group.name), location: null, affinityGroup: group.name })),
  ].map((seed) => ({ ...seed, label: seed.name, description: null, accountType: 'Standard_LRS', createdMs: 0 }));
  const created = Object.values(records.storageAccounts);
  const taken = new Set(created.map((account) => account.name));
  return [...seeded.filter((account) => !taken.has(account.name)), ...created];
}

/** One account by name. */
export function findStorageAccount(world: World, records: ComputeRecords, locations: readonly string[], name: string): StorageAccountRecord | undefined {
  return listStorageAccounts(world, records, locations).find((account) => account.name === name);
}

/** POST /services/storageservices (202, asynchronous). */
export function decideCreateStorageAccount(world: World, records: ComputeRecords, locations: readonly string[], request: CreateStorageAccountRequest, nowMs: number): ComputeDecision {
  const name = request.serviceName;
  if (!isValidStorageAccountName(name)) return refuse(computeErrors.storageAccountNameInvalid(name));
  if (findStorageAccount(world, records, locations, name) !== undefined) return refuse(computeErrors.storageAccountExists(name));
  return run([], completesNow, (r) => {
    r.storageAccounts[name] = {
      name,
      label: request.label,
      description: request.description,
      location: request.location,
      affinityGroup: request.affinityGroup,
      accountType: request.accountType,
      createdMs: nowMs,
    };
  });
}
