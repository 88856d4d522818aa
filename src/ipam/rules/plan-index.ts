import type { SourceRef } from '../../common/index.js';
import type { Located, NetworkPlan, PlanLocalSite, PlanSubnet, PlanVnet } from '../plan.js';
import { parsePrefix } from '../prefix-parse.js';
import type { IpamErrorCode, Prefix, Prefix4 } from '../prefix.js';
import { poolObject, siteObject, subnetObject, vnetObject } from './objects.js';

/** What a prefix in the plan is: it decides which rules look at it. */
export type PrefixRole = 'vnet-space' | 'subnet' | 'site-space' | 'client-pool';

/** A prefix written in the plan, parsed once for every rule. */
export class PrefixEntry {
  constructor(
    readonly role: PrefixRole,
    readonly text: Located,
    /** The parsed prefix (host bits cleared), or undefined when the text is not a prefix at all. */
    readonly prefix: Prefix | undefined,
    /** Why the text was refused by the strict parser (`cidr-invalid` or `cidr-host-bits`). */
    readonly problem: { code: IpamErrorCode; message: string } | undefined,
    /** The VNet or local site the prefix belongs to. */
    readonly owner: string,
    /** The subnet name, for role `subnet`. */
    readonly subnet: string | undefined,
  ) {}

  /** How messages name the owner, e.g. `subnet VNet1/FrontEnd`; computed on demand, since most entries are clean. */
  get label(): string {
    switch (this.role) {
      case 'vnet-space':
        return `VNet ${this.owner}`;
      case 'subnet':
        return `subnet ${this.owner}/${this.subnet ?? ''}`;
      case 'site-space':
        return `local site ${this.owner}`;
      case 'client-pool':
        return `VNet ${this.owner}'s VPN client pool`;
    }
  }

  /** The owner's object names for Diagnostic.objects. */
  get objects(): string[] {
    switch (this.role) {
      case 'vnet-space':
        return [vnetObject(this.owner)];
      case 'subnet':
        return [subnetObject(this.owner, this.subnet ?? '')];
      case 'site-space':
        return [siteObject(this.owner)];
      case 'client-pool':
        return [poolObject(this.owner)];
    }
  }
}

/** A parsed IPv4 prefix entry: the input of the overlap and containment rules. */
export type Prefix4Entry = PrefixEntry & { readonly prefix: Prefix4 };

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
  /** Every prefix entry of the plan: sites, then each VNet's spaces, subnets and client pool. */
  entries: PrefixEntry[];
}

/** Parses every prefix of the plan once and resolves gateway connections to sites. */
export function indexPlan(plan: NetworkPlan): PlanIndex {
  const sites = plan.localSites.map(
    (site): SiteEntry => ({
      site,
      prefixes: site.addressSpace.map((text) => parseEntry('site-space', text, site.name, undefined)),
    }),
  );
  const sitesByName = new Map<string, SiteEntry>();
  for (const entry of sites) if (!sitesByName.has(entry.site.name)) sitesByName.set(entry.site.name, entry);
  const vnets = plan.vnets.map((vnet): VnetEntry => {
    const connectedSites = new Set<SiteEntry>();
    for (const connection of vnet.gateway?.connections ?? []) {
      const site = sitesByName.get(connection.site.value);
      if (site !== undefined) connectedSites.add(site);
    }
    return {
      vnet,
      spaces: vnet.addressSpace.map((text) => parseEntry('vnet-space', text, vnet.name, undefined)),
      subnets: vnet.subnets.map((subnet) => ({
        subnet,
        entry: parseEntry('subnet', subnet.addressPrefix, vnet.name, subnet.name),
      })),
      pools: (vnet.gateway?.vpnClientAddressPool ?? []).map((text) => parseEntry('client-pool', text, vnet.name, undefined)),
      connectedSites: [...connectedSites],
    };
  });
  const entries: PrefixEntry[] = [];
  for (const site of sites) for (const entry of site.prefixes) entries.push(entry);
  for (const vnet of vnets) {
    for (const entry of vnet.spaces) entries.push(entry);
    for (const subnet of vnet.subnets) entries.push(subnet.entry);
    for (const entry of vnet.pools) entries.push(entry);
  }
  return { plan, vnets, sites, sitesByName, entries };
}

/** Keeps the entries whose text parsed as an IPv4 prefix (host bits allowed); IPv6 has its own rule. */
export function validPrefixes4(entries: readonly PrefixEntry[]): Prefix4Entry[] {
  return entries.filter((entry): entry is Prefix4Entry => entry.prefix?.family === 4);
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

function parseEntry(role: PrefixRole, text: Located, owner: string, subnet: string | undefined): PrefixEntry {
  const value = text.value.trim();
  const strict = parsePrefix(value);
  if (strict.ok) return new PrefixEntry(role, text, strict.value, undefined, owner, subnet);
  const problem = { code: strict.code, message: strict.message };
  // A prefix with host bits still says which block the user meant, so the other rules judge the cleared block.
  const lenient = strict.code === 'cidr-host-bits' ? parsePrefix(value, { allowHostBits: true }) : undefined;
  return new PrefixEntry(role, text, lenient?.ok === true ? lenient.value : undefined, problem, owner, subnet);
}
