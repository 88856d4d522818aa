import type { Prefix4 } from '../ipam/index.js';
import { parseIpv4, parsePrefixList } from './prefixes.js';
import type { LocalSiteSpec } from './types.js';

/**
 * A local network site as the host keeps it: the spec as given, plus its text parsed once when the site is defined.
 * Tunnel timers ask about the site on every IKE round, rekey and DPD probe; re-reading the text there stood out in
 * profiles of bench/gateway, so the parsed form lives beside the text and is rebuilt whenever the site is re-defined
 * (addSite).
 */
export interface SiteRecord extends LocalSiteSpec {
  /** addressPrefixes as ipam's integer prefixes (validation refuses malformed text before a site is defined). */
  readonly parsedPrefixes: readonly Prefix4[];
  /** vpnGatewayAddress as a uint32, or undefined when it is not an IPv4 address ('' for a site without a device). */
  readonly parsedGatewayAddress: number | undefined;
}

/** Copies a site spec and parses its prefixes and device address once. */
export function createSiteRecord(spec: LocalSiteSpec): SiteRecord {
  return {
    name: spec.name,
    addressPrefixes: [...spec.addressPrefixes],
    vpnGatewayAddress: spec.vpnGatewayAddress,
    parsedPrefixes: parsePrefixList(spec.addressPrefixes),
    parsedGatewayAddress: parseIpv4(spec.vpnGatewayAddress),
  };
}
