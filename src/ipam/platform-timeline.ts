/*
 * The classic platform's feature timeline as data: when each networking feature became available, with the source
 * of that date (azure-classic.md §0 unless noted). An era is a month, `YYYY-MM`; the two historical era names stand
 * for a month each. Pure and dependency-free so that the plan rules, the scenario loader and the API emulator can
 * all ask the same question: was this feature there yet?
 */

/** A platform month, `YYYY-MM`; months compare as text. */
export type PlatformMonth = string;

/** One platform feature: when it arrived and where that date comes from. */
export interface PlatformFeature {
  id: PlatformFeatureId;
  /** How messages name it. */
  name: string;
  /** The first month it was available. */
  since: PlatformMonth;
  /** The first month it was no longer available, for a feature the platform retired. */
  retired?: PlatformMonth;
  /** The source of the date, with its confidence tag ([V] verified, [S] secondary, [U] unverified). */
  source: string;
}

/** The features the timeline knows. */
export type PlatformFeatureId =
  | 'azure-connect'
  | 'affinity-group-vnet'
  | 'site-to-site-vpn'
  | 'point-to-site'
  | 'dynamic-routing-gateway'
  | 'static-vnet-ip'
  | 'regional-vnet'
  | 'multi-site'
  | 'vnet-to-vnet'
  | 'expressroute'
  | 'public-vnet-space'
  | 'gateway-high-performance'
  | 'gateway-subnet-28-advice';

/** The timeline, oldest first. */
export const PLATFORM_FEATURES: readonly PlatformFeature[] = [
  {
    id: 'azure-connect',
    name: 'Windows Azure Connect (machine-to-machine IPv6 through a relay)',
    since: '2010-10',
    // Operational until 3 July 2013: a scenario may start in July 2013; the engine refuses commands from that day on.
    retired: '2013-08',
    source: 'announced at PDC10, Oct 2010 (compute-lifecycle.md §1.1) [S]; retired 2013-07-03 (MSDN gg432959) [V]',
  },
  {
    id: 'affinity-group-vnet',
    name: 'virtual networks (bound to an affinity group)',
    since: '2012-06',
    source: 'Virtual Network preview, June 2012 (azure-classic.md §0) [U]',
  },
  {
    id: 'site-to-site-vpn',
    name: 'site-to-site VPN gateways (static routing)',
    since: '2012-06',
    source: 'launched with the Virtual Network preview, June 2012 (azure-classic.md §0) [U]',
  },
  {
    id: 'point-to-site',
    name: 'point-to-site VPN (VPNClientAddressPool)',
    since: '2013-08',
    source: 'J. Freeman, "Azure point-to-site VPN", Aug 2013 (azure-classic.md §0) [S]',
  },
  {
    id: 'dynamic-routing-gateway',
    name: 'dynamic routing gateways',
    since: '2013-08',
    source: 'point-to-site needs a dynamic routing gateway (MSDN jj156075 via rslaten, Dec 2014; azure-classic.md §3.1) [S]',
  },
  {
    id: 'static-vnet-ip',
    name: 'static VNet IP addresses (Set-AzureStaticVNetIP)',
    since: '2014-03',
    source: 'Azure PowerShell 0.7.3.1, 11 Mar 2014 (Yung Chou, azure-classic.md §0) [S]',
  },
  {
    id: 'regional-vnet',
    name: 'regional virtual networks (Location=)',
    since: '2014-05',
    source: 'TechEd North America, May 2014 (J. Savill, "Understand Regional Networks in Azure"; azure-classic.md §0) [S]',
  },
  {
    id: 'multi-site',
    name: 'multi-site VPN (several site connections on one gateway)',
    since: '2014-05',
    source: 'vpn-gateway-multi-site doc, sample output dated 5/2/2014 (azure-classic.md §0) [V]',
  },
  {
    id: 'vnet-to-vnet',
    name: 'VNet-to-VNet connections',
    since: '2014-05',
    source: 'vpn-gateway-multi-site doc, May 2014 (azure-classic.md §0) [V]',
  },
  {
    id: 'expressroute',
    name: 'ExpressRoute (Connection type="Dedicated")',
    since: '2014-07',
    source: 'Microsoft, "Microsoft Azure ExpressRoute" technical overview e-book, July 2014 [S]',
  },
  {
    id: 'public-vnet-space',
    name: 'VNet address space outside RFC 1918',
    since: '2014-10',
    source: 'TechEd Europe, Oct 2014 (J. Savill, itprotoday 28 Nov 2014; azure-classic.md §0, §2.1) [S]',
  },
  {
    id: 'gateway-high-performance',
    name: 'the HighPerformance gateway SKU (Resize-AzureVNetGateway)',
    since: '2014-11',
    source: 'earliest evidence: the recorded ResizeGatewayFromDefaultToHighPerformance session, Nov 2014 (asm-recorded.md N-RESZ) [V]',
  },
  {
    id: 'gateway-subnet-28-advice',
    name: 'the advice to make GatewaySubnet a /28 or /27',
    since: '2016-01',
    source: 'classic-portal site-to-site doc of 2016 (azure-classic.md §2.4) [V]',
  },
];

/** What the era names `2012` and `2014` stand for: the VNet launch, and the end of 2014 (after TechEd Europe). */
const NAMED_ERAS: Readonly<Record<string, PlatformMonth>> = { '2012': '2012-06', '2014': '2014-12' };

/** The era a plan is judged by when it names none: the end of 2014, every classic VNet feature available. */
export const DEFAULT_ERA: PlatformMonth = '2014-12';

/** How `--era` and `era:` are written: a named year or a month. */
export const ERA_PATTERN = /^(2012|2014|20\d\d-(0[1-9]|1[0-2]))$/;

/** The month an era stands for (`2012` → `2012-06`, `2014-05` → itself), or undefined for text that is no era. */
export function parseEra(text: string): PlatformMonth | undefined {
  if (!ERA_PATTERN.test(text)) return undefined;
  return NAMED_ERAS[text] ?? text;
}

/** The month of an era that may be unset, named or a month (an unset or unknown one is DEFAULT_ERA). */
export function eraMonth(era: string | undefined): PlatformMonth {
  return era === undefined ? DEFAULT_ERA : (parseEra(era) ?? DEFAULT_ERA);
}

/** The timeline entry of a feature. */
export function platformFeature(id: PlatformFeatureId): PlatformFeature {
  const feature = PLATFORM_FEATURES.find((f) => f.id === id);
  if (feature === undefined) throw new RangeError(`no platform feature ${id}`);
  return feature;
}

/** Whether a feature existed in an era (a month, a named era, or unset for the default). */
export function featureAvailable(id: PlatformFeatureId, era: string | undefined): boolean {
  const feature = platformFeature(id);
  const month = eraMonth(era);
  return feature.since <= month && (feature.retired === undefined || month < feature.retired);
}

/** `regional virtual networks (Location=), available from 2014-05 (source)`: how a refusal names a feature (and its retirement). */
export function describeFeatureDate(id: PlatformFeatureId): string {
  const feature = platformFeature(id);
  const until = feature.retired === undefined ? '' : ` until it was retired before ${feature.retired}`;
  return `${feature.name}, available from ${feature.since}${until} (${feature.source})`;
}
