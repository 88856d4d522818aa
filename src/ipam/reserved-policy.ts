/**
 * Which addresses of every subnet the platform keeps for itself, and which subnet sizes it allows: data, so another
 * provider's rule is a new constant, not a new code path.
 */
export interface ReservedAddressPolicy {
  readonly name: string;
  /** Addresses reserved from the network address upward. */
  readonly reservedAtStart: number;
  /** Addresses reserved from the broadcast address downward. */
  readonly reservedAtEnd: number;
  /** Shortest allowed subnet prefix length (the largest subnet). */
  readonly minLength: number;
  /** Longest allowed subnet prefix length (the smallest subnet). */
  readonly maxLength: number;
}

/**
 * Azure classic: 5 addresses per subnet (network, .1 default gateway, .2–.3 Azure DNS, broadcast), so the first VM
 * gets x.x.x.4 and a /29 has 3 usable addresses; subnets from /8 to /29 (VNet FAQ 2015; reference/azure-classic.md §2.2–2.3).
 */
export const AZURE_CLASSIC_RESERVED: ReservedAddressPolicy = {
  name: 'azure-classic',
  reservedAtStart: 4,
  reservedAtEnd: 1,
  minLength: 8,
  maxLength: 29,
};

/** A plain pool: every address usable, any size; for address pools that are not platform subnets. */
export const UNRESERVED_POOL: ReservedAddressPolicy = {
  name: 'unreserved-pool',
  reservedAtStart: 0,
  reservedAtEnd: 0,
  minLength: 0,
  maxLength: 32,
};
