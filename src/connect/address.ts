/*
 * The address of an activated endpoint on its virtual Connect adapter. The sources say only that the agent adds a
 * virtual adapter with an IPv6 address (plankytronixx [S], the seed: "its support for IPv6"); the real prefix is not
 * sourced (a Microsoft `2a01:111:…` prefix is remembered, unverified [U]). vnetsim therefore uses a synthetic prefix
 * from the IPv6 documentation range (RFC 3849) so no simulated address can be mistaken for a real one: an assumption.
 */

/** The synthetic /64 every Connect address is drawn from: an assumption [U], documented in docs/scenario-format.md. */
export const CONNECT_PREFIX = '2001:db8:ac::/64';

const PREFIX_GROUPS = ['2001', 'db8', 'ac', '0'];
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

/**
 * The stable address of an endpoint: the prefix followed by a 64-bit FNV-1a hash of its identity, so it depends on
 * nothing but the name (not on order, time or seed) and survives re-activation. `identity` is `local:NAME` or
 * `role:SERVICE/INSTANCE` (see connectIdentity).
 */
export function connectAddressOf(identity: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(identity)) hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  const groups = [48n, 32n, 16n, 0n].map((shift) => ((hash >> shift) & 0xffffn).toString(16));
  return [...PREFIX_GROUPS, ...groups].join(':');
}

/** The identity an address is derived from: a local endpoint by name, a role instance by service and instance. */
export function connectIdentity(end: { kind: 'local'; name: string } | { kind: 'instance'; service: string; instance: string }): string {
  return end.kind === 'local' ? `local:${end.name}` : `role:${end.service}/${end.instance}`;
}
