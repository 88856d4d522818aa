/**
 * The regions the emulated subscription offers, as GET /locations listed them in 2014-2015 (LOCLIST): every one runs
 * Compute, Storage, PersistentVMRole and HighMemory, which `vm create -l` and `vnet create -l` require.
 */

/** One location: its name (also its display name) and the services it runs. */
export interface Location {
  name: string;
  displayName: string;
  availableServices: readonly string[];
}

const SERVICES = ['Compute', 'Storage', 'PersistentVMRole', 'HighMemory'] as const;

const REGION_NAMES = [
  'Central US', 'East US', 'East US 2', 'North Central US', 'South Central US', 'West US',
  'North Europe', 'West Europe', 'East Asia', 'Southeast Asia', 'Japan East', 'Japan West',
  'Brazil South', 'Australia East', 'Australia Southeast',
] as const;

/** Every location, in the order the platform listed them. */
export const LOCATIONS: readonly Location[] = REGION_NAMES.map((name) => ({ name, displayName: name, availableServices: SERVICES }));

/** Role sizes the locations advertise (ComputeCapabilities), sorted ordinally as the platform did (LOCLIST). */
export const ROLE_SIZES: readonly string[] = ['A10', 'A11', 'A5', 'A6', 'A7', 'A8', 'A9', 'ExtraLarge', 'ExtraSmall', 'Large', 'Medium', 'Small'];

/** The location with this name (case-insensitive, as the platform matched it). */
export function findLocation(name: string): Location | undefined {
  const wanted = name.toLowerCase();
  return LOCATIONS.find((l) => l.name.toLowerCase() === wanted);
}
