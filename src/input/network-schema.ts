import { z } from 'zod';
import { ERA_PATTERN } from '../ipam/index.js';

/*
 * The YAML `network:` section mirrors the classic NetworkConfig.xml vocabulary (azure-classic.md §1.2) in camelCase,
 * so a user who knows Set-AzureVNetConfig recognises every key. Prefixes and addresses stay strings here: the plan
 * rules judge them with positions and a fix, which zod's generic "Invalid IPv4 range" could not give.
 */

const nameSchema = z.string().min(1);
const prefixListSchema = z.array(z.string());

/** `<DnsServer name= IPAddress=>`: declared once, referenced by name from virtual networks. */
export const dnsServerSchema = z.strictObject({
  name: nameSchema,
  ipAddress: z.string(),
});

/** `<LocalNetworkSite>`: an on-premises network and the public address of its VPN device. */
export const localNetworkSiteSchema = z.strictObject({
  name: nameSchema,
  addressSpace: prefixListSchema.min(1),
  vpnGatewayAddress: z.string().optional(),
});

/** `<Subnet name=><AddressPrefix>`: one prefix carved from the virtual network's space. */
export const subnetSchema = z.strictObject({
  name: nameSchema,
  addressPrefix: z.string(),
});

/** `<Gateway>`: site-to-site connections (each IPsec) and the optional point-to-site client pool. */
export const gatewaySchema = z.strictObject({
  connectionsToLocalNetwork: z.array(nameSchema).default([]),
  vpnClientAddressPool: prefixListSchema.default([]),
});

/** `<VirtualNetworkSite>`: AffinityGroup or Location (the `location-required` rule checks exactly one). */
export const virtualNetworkSiteSchema = z.strictObject({
  name: nameSchema,
  affinityGroup: z.string().optional(),
  location: z.string().optional(),
  addressSpace: prefixListSchema.min(1),
  subnets: z.array(subnetSchema).default([]),
  dnsServersRef: z.array(nameSchema).default([]),
  gateway: gatewaySchema.optional(),
});

/** The scenario's `network:` section: the same content as `<VirtualNetworkConfiguration>`. */
export const networkSectionSchema = z.strictObject({
  dnsServers: z.array(dnsServerSchema).default([]),
  localNetworkSites: z.array(localNetworkSiteSchema).default([]),
  virtualNetworkSites: z.array(virtualNetworkSiteSchema).default([]),
});

/** The validated `network:` section. */
export type NetworkSection = z.output<typeof networkSectionSchema>;

/** The platform eras a plan can be checked against: 2012 allowed only RFC1918 VNet space (azure-classic.md §2.1). */
export const eraSchema = z.preprocess(
  // YAML reads `era: 2012` as a number; accept it as the year the user meant.
  (value) => (typeof value === 'number' ? String(value) : value),
  z.enum(['2012', '2014']),
);

/** A platform era for the checker. */
export type Era = z.output<typeof eraSchema>;

/**
 * The era a plan asks to be judged by: `2012`, `2014` or a month `2013-08` (the platform feature timeline,
 * src/ipam/platform-timeline.ts). YAML reads `era: 2012` as a number; it is the year the user meant.
 */
export const planEraSchema = z.preprocess(
  (value) => (typeof value === 'number' ? String(value) : value),
  z.string().regex(ERA_PATTERN, 'an era is 2012, 2014 or a month such as 2014-05'),
);
