import { diagnosticAt, type Diagnostic } from '../../common/index.js';
import { formatPrefix } from '../prefix-format.js';
import { parsePrefix4 } from '../prefix-parse.js';
import { containsPrefix, prefixesOverlap } from '../prefix-predicates.js';
import type { Prefix4 } from '../prefix.js';
import { featureAvailable } from '../platform-timeline.js';
import { conflictDiagnostic, groupDiagnostic } from './conflicts.js';
import { groupOverlaps, OverlapLookup } from './overlap-groups.js';
import { validPrefixes4, type PlanIndex, type Prefix4Entry } from './plan-index.js';
import type { PlanRule } from './rule.js';

/** A named well-known block. */
interface NamedBlock {
  prefix: Prefix4;
  name: string;
}

function namedBlock(cidr: string, name: string): NamedBlock {
  const parsed = parsePrefix4(cidr);
  if (!parsed.ok) throw new RangeError(`built-in block ${cidr} does not parse: ${parsed.message}`);
  return { prefix: parsed.value, name };
}

/**
 * Ranges a VNet may never use, from the classic docs on public ranges in a VNet (azure-classic.md §2.1); the
 * internal DNS/health address is 168.63.129.16 (the 2015 doc's "68.63.129.16" is a typo, FAQ-2019).
 */
export const RESERVED_BLOCKS: readonly NamedBlock[] = [
  namedBlock('224.0.0.0/4', 'multicast'),
  namedBlock('255.255.255.255/32', 'broadcast'),
  namedBlock('127.0.0.0/8', 'loopback'),
  namedBlock('169.254.0.0/16', 'link-local'),
  namedBlock('168.63.129.16/32', "the platform's internal DNS and health-probe address"),
];

/** RFC 1918 private ranges, the only VNet space accepted before October 2014 (azure-classic.md §0, §2.1). */
export const PRIVATE_BLOCKS: readonly NamedBlock[] = [
  namedBlock('10.0.0.0/8', 'RFC 1918'),
  namedBlock('172.16.0.0/12', 'RFC 1918'),
  namedBlock('192.168.0.0/16', 'RFC 1918'),
];

/** `space-overlap`: two address-space prefixes of the same VNet overlap. */
export const spaceOverlapRule: PlanRule = {
  id: 'space-overlap',
  severity: 'error',
  description: "A virtual network's own address-space prefixes overlap each other.",
  check: (index) =>
    index.vnets.flatMap((vnet) =>
      groupOverlaps(validPrefixes4(vnet.spaces)).map((group) =>
        groupDiagnostic(
          'space-overlap',
          'error',
          group,
          'remove the smaller prefix (the larger one already covers it) or make them disjoint',
        ),
      ),
    ),
};

/** `reserved-range`: a VNet space, client pool or site prefix touches multicast, loopback, link-local and the like. */
export const reservedRangeRule: PlanRule = {
  id: 'reserved-range',
  severity: 'error',
  description:
    'An address space, client pool or site prefix overlaps multicast, broadcast, loopback, link-local or 168.63.129.16.',
  check: (index) => {
    const entries = [
      ...index.vnets.flatMap((vnet) => [...vnet.spaces, ...vnet.pools]),
      ...index.sites.flatMap((site) => site.prefixes),
    ];
    const found: Diagnostic[] = [];
    for (const entry of validPrefixes4(entries)) {
      for (const block of RESERVED_BLOCKS) {
        if (!prefixesOverlap(entry.prefix, block.prefix)) continue;
        found.push(
          diagnosticAt(
            entry.text.at,
            'reserved-range',
            'error',
            `${entry.label} ${entry.text.value} overlaps ${formatBlock(block)}, which the platform reserves; ` +
              'choose a range outside it (e.g. from 10.0.0.0/8)',
            entry.objects,
          ),
        );
      }
    }
    return found;
  },
};

/** `public-range`: VNet space outside RFC 1918; a warning, an error before October 2014 (platform-timeline.ts). */
export const publicRangeRule: PlanRule = {
  id: 'public-range',
  severity: 'warning',
  description:
    'A virtual network address space lies outside RFC 1918 (allowed only from October 2014; an error in an earlier era).',
  check: (index, options) => {
    const isStrictEra = !featureAvailable('public-vnet-space', options.era);
    return index.vnets.flatMap((vnet) =>
      validPrefixes4(vnet.spaces)
        .filter((entry) => !PRIVATE_BLOCKS.some((block) => containsPrefix(block.prefix, entry.prefix)))
        // reserved-range already reports multicast, loopback and the like, with a better fix
        .filter((entry) => !RESERVED_BLOCKS.some((block) => prefixesOverlap(block.prefix, entry.prefix)))
        .map((entry) =>
          diagnosticAt(
            entry.text.at,
            'public-range',
            isStrictEra ? 'error' : 'warning',
            `${entry.label} ${entry.text.value} is not inside a private range (10.0.0.0/8, 172.16.0.0/12, ` +
              `192.168.0.0/16); ` +
              (isStrictEra
                ? 'before October 2014 the platform accepted only RFC 1918 space: use a private range'
                : 'the platform accepts it from October 2014, but it is not reachable from the Internet and hides ' +
                  'those public addresses from the VNet: prefer a private range'),
            entry.objects,
          ),
        ),
    );
  },
};

/** `vnet-overlap`: VNets share addresses; each group reported once, an error only where a gateway connection links two. */
export const vnetOverlapRule: PlanRule = {
  id: 'vnet-overlap',
  severity: 'info',
  description: 'Virtual networks overlap: fine while isolated, an error once two of them are connected (VNet-to-VNet).',
  check: (index) => {
    const owner = new Map<Prefix4Entry, number>();
    const spaces: Prefix4Entry[] = [];
    index.vnets.forEach((vnet, i) => {
      for (const entry of validPrefixes4(vnet.spaces)) {
        owner.set(entry, i);
        spaces.push(entry);
      }
    });
    const groups = groupOverlaps(spaces).filter((group) => new Set(group.map((entry) => owner.get(entry))).size > 1);
    if (groups.length === 0) return [];
    const lookup = new OverlapLookup(spaces);
    const found: Diagnostic[] = [];
    const errorPairs = new Set<string>();
    const position = new Map(spaces.map((entry, i) => [entry, i]));
    for (const [vnet, peers] of findConnectedVnets(index, lookup, owner)) {
      for (const a of validPrefixes4(index.vnets[vnet]?.spaces ?? [])) {
        for (const b of lookup.overlapping(a.prefix)) {
          const peer = owner.get(b) ?? -1;
          const link = peers.get(peer);
          const key = pairKey(position.get(a) ?? -1, position.get(b) ?? -1);
          if (link === undefined || errorPairs.has(key)) continue;
          errorPairs.add(key);
          found.push(
            conflictDiagnostic(
              'vnet-overlap',
              'error',
              a,
              b,
              'overlaps',
              `they are connected (${link}), and connected networks must not collide: renumber one of them`,
            ),
          );
        }
      }
    }
    for (const group of groups) {
      const [a, b] = group;
      if (group.length === 2 && a !== undefined && b !== undefined && errorPairs.has(pairKey(position.get(a) ?? -1, position.get(b) ?? -1))) {
        continue;
      }
      found.push(
        groupDiagnostic(
          'vnet-overlap',
          'info',
          group,
          'fine while they stay isolated, but they can never be connected: renumber one if they ever must talk',
        ),
      );
    }
    return found;
  },
};

function formatBlock(block: NamedBlock): string {
  return `${formatPrefix(block.prefix)} (${block.name})`;
}

function pairKey(a: number, b: number): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/**
 * Classic VNet-to-VNet models the peer VNet as a local network site holding the peer's address space
 * (azure-classic.md §2.5), so VNet A is connected to VNet B when A's gateway connects to a site that overlaps B.
 * Returns, per VNet with such links, each peer (both directions) and how they are linked.
 */
function findConnectedVnets(
  index: PlanIndex,
  lookup: OverlapLookup<Prefix4Entry>,
  owner: ReadonlyMap<Prefix4Entry, number>,
): Map<number, Map<number, string>> {
  const connected = new Map<number, Map<number, string>>();
  const link = (a: number, b: number, how: string): void => {
    const peers = connected.get(a) ?? new Map<number, string>();
    if (!peers.has(b)) peers.set(b, how);
    connected.set(a, peers);
  };
  index.vnets.forEach((vnet, i) => {
    for (const site of vnet.connectedSites) {
      for (const sitePrefix of validPrefixes4(site.prefixes)) {
        for (const entry of lookup.overlapping(sitePrefix.prefix)) {
          const peer = owner.get(entry) ?? i;
          if (peer === i || connected.get(i)?.has(peer) === true) continue;
          const peerName = index.vnets[peer]?.vnet.name ?? '';
          const how = `VNet ${vnet.vnet.name}'s gateway connects to local site ${site.site.name}, which overlaps VNet ${peerName}`;
          link(i, peer, how);
          link(peer, i, how);
        }
      }
    }
  });
  return connected;
}
