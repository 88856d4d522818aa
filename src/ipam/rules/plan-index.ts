import type { SourceRef } from '../../common/index.js';
import type { Located, NetworkPlan, PlanLocalSite, PlanSubnet, PlanVnet } from '../plan.js';
import { parsePrefix } from '../prefix-parse.js';
import type { IpamErrorCode, Prefix, Prefix4 } from '../prefix.js';
import { poolObject, siteObject, subnetObject, vnetObject } from './objects.js';

/** What a prefix in the plan is: it decides which rules look at it. */
export type PrefixRole = 'vnet-space' | 'subnet' | 'site-space' | 'client-pool';

/** A prefix written in the plan, parsed once for every rule. */
export interface PrefixEntry {
  role: PrefixRole;
  text: Located;
  /** The parsed prefix (host bits cleared), or undefined when the text is not a prefix at all. */
  prefix: Prefix | undefined;
  /** Why the text was refused by the strict parser (`cidr-invalid` or `cidr-host-bits`). */
  problem: { code: IpamErrorCode; message: string } | undefined;
  /** How messages name the owner, e.g. `subnet VNet1/FrontEnd`. */
  label: string;
  /** The owner's object names for Diagnostic.objects. */
  objects: string[];
}

/** A parsed IPv4 prefix entry: the input of the overlap and containment rules. */
export interface Prefix4Entry extends PrefixEntry {
  prefix: Prefix4;
}

/** A subnet with its parsed prefix. */
export interface SubnetEntry {
  subnet: PlanSubnet;
  entry: PrefixEntry;
}

/** A local network site with its parsed prefixes. */
export interface SiteEntry {
  site: PlanLocalSite;
  prefixes: PrefixEntry[];
}

/** A virtual network with its parsed prefixes and the sites its gateway connects to. */
export interface VnetEntry {
  vnet: PlanVnet;
  spaces: PrefixEntry[];
  subnets: SubnetEntry[];
  pools: PrefixEntry[];
  /** Sites named by the gateway's connections that exist in the plan, each once, in connection order. */
  connectedSites: SiteEntry[];
}

/** The plan with every prefix parsed once and every site reference resolved; what rules read. */
export interface PlanIndex {
  plan: NetworkPlan;
  vnets: VnetEntry[];
  sites: SiteEntry[];
  /** The first site of each name (duplicates are the `duplicate-name` rule's business). */
  sitesByName: Map<string, SiteEntry>;
}

/** Parses every prefix of the plan once and resolves gateway connections to sites. */
export function indexPlan(plan: NetworkPlan): PlanIndex {
  const sites = plan.localSites.map(
    (site): SiteEntry => ({
      site,
      prefixes: site.addressSpace.map((text) =>
        parseEntry('site-space', text, `local site ${site.name}`, [siteObject(site.name)]),
      ),
    }),
  );
  const sitesByName = new Map<string, SiteEntry>();
  for (const entry of sites) if (!sitesByName.has(entry.site.name)) sitesByName.set(entry.site.name, entry);
  const vnets = plan.vnets.map((vnet): VnetEntry => {
    const vnetObjects = [vnetObject(vnet.name)];
    const connectedSites = new Set<SiteEntry>();
    for (const connection of vnet.gateway?.connections ?? []) {
      const site = sitesByName.get(connection.site.value);
      if (site !== undefined) connectedSites.add(site);
    }
    return {
      vnet,
      spaces: vnet.addressSpace.map((text) => parseEntry('vnet-space', text, `VNet ${vnet.name}`, vnetObjects)),
      subnets: vnet.subnets.map((subnet) => ({
        subnet,
        entry: parseEntry('subnet', subnet.addressPrefix, `subnet ${vnet.name}/${subnet.name}`, [
          subnetObject(vnet.name, subnet.name),
        ]),
      })),
      pools: (vnet.gateway?.vpnClientAddressPool ?? []).map((text) =>
        parseEntry('client-pool', text, `VNet ${vnet.name}'s VPN client pool`, [poolObject(vnet.name)]),
      ),
      connectedSites: [...connectedSites],
    };
  });
  return { plan, vnets, sites, sitesByName };
}

/** Keeps the entries whose text parsed as an IPv4 prefix (host bits allowed); IPv6 has its own rule. */
export function validPrefixes4(entries: readonly PrefixEntry[]): Prefix4Entry[] {
  return entries.filter((entry): entry is Prefix4Entry => entry.prefix?.family === 4);
}

/** Every prefix entry of the plan, in plan order. */
export function allPrefixEntries(index: PlanIndex): PrefixEntry[] {
  const entries: PrefixEntry[] = [];
  for (const site of index.sites) entries.push(...site.prefixes);
  for (const vnet of index.vnets) {
    entries.push(...vnet.spaces);
    for (const subnet of vnet.subnets) entries.push(subnet.entry);
    entries.push(...vnet.pools);
  }
  return entries;
}

/** Whether `a` was written before `b` (same file): the later one of a conflicting pair carries the diagnostic. */
export function isWrittenBefore(a: SourceRef, b: SourceRef): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

/** Orders a conflicting pair as [earlier, later] in the file. */
export function orderByPosition<T extends { text: Located }>(a: T, b: T): [T, T] {
  return isWrittenBefore(b.text.at, a.text.at) ? [b, a] : [a, b];
}

/** `line N` of a position, for messages that point at the other side of a conflict. */
export function describeLine(at: SourceRef): string {
  return `line ${at.line}`;
}

function parseEntry(role: PrefixRole, text: Located, label: string, objects: string[]): PrefixEntry {
  const value = text.value.trim();
  const strict = parsePrefix(value);
  if (strict.ok) return { role, text, prefix: strict.value, problem: undefined, label, objects };
  const problem = { code: strict.code, message: strict.message };
  // A prefix with host bits still says which block the user meant, so the other rules judge the cleared block.
  const lenient = strict.code === 'cidr-host-bits' ? parsePrefix(value, { allowHostBits: true }) : undefined;
  const prefix = lenient?.ok === true ? lenient.value : undefined;
  return { role, text, prefix, problem, label, objects };
}
