import { diagnosticAt, type Diagnostic } from '../../common/index.js';
import { formatPrefix } from '../prefix-format.js';
import { prefixFirst4, prefixLast4 } from '../prefix.js';
import { groupDiagnostic } from './conflicts.js';
import { featureAvailable, platformFeature } from '../platform-timeline.js';
import { groupOverlaps } from './overlap-groups.js';
import { vnetObject } from './objects.js';
import { validPrefixes4, type Prefix4Entry, type VnetEntry } from './plan-index.js';
import type { PlanRule } from './rule.js';

/** "The smallest subnet we support is a /29 and the largest is a /8" (classic VNet FAQ, azure-classic.md §2.2). */
export const SMALLEST_SUBNET_LENGTH = 29;
/** The largest classic subnet, a /8 (same source). */
export const LARGEST_SUBNET_LENGTH = 8;
/** The gateway subnet must be named exactly this (azure-classic.md §2.4). */
export const GATEWAY_SUBNET_NAME = 'GatewaySubnet';
/** The gateway subnet length docs recommended at most (/28 or /27; /29 works but is tight, §2.4). */
export const RECOMMENDED_GATEWAY_SUBNET_LENGTH = 28;

/** `subnet-outside-space`: a subnet not inside one of its VNet's address-space prefixes. */
export const subnetOutsideSpaceRule: PlanRule = {
  id: 'subnet-outside-space',
  severity: 'error',
  description: "A subnet is not contained in one of its virtual network's address-space prefixes.",
  check: (index) => index.vnets.flatMap(findSubnetsOutsideSpace),
};

/** `subnet-overlap`: two subnets of one VNet share addresses. */
export const subnetOverlapRule: PlanRule = {
  id: 'subnet-overlap',
  severity: 'error',
  description: 'Two subnets of the same virtual network overlap.',
  check: (index) =>
    index.vnets.flatMap((vnet) =>
      groupOverlaps(validPrefixes4(vnet.subnets.map((s) => s.entry))).map((group) =>
        groupDiagnostic('subnet-overlap', 'error', group, 'give one of them a prefix the other does not cover'),
      ),
    ),
};

/** `subnet-size`: a subnet smaller than /29 or larger than /8. */
export const subnetSizeRule: PlanRule = {
  id: 'subnet-size',
  severity: 'error',
  description: 'A subnet is smaller than /29 or larger than /8, the classic limits.',
  check: (index) =>
    index.vnets.flatMap((vnet) =>
      validPrefixes4(vnet.subnets.map((s) => s.entry)).flatMap((entry): Diagnostic[] => {
        const length = entry.prefix.length;
        if (length > SMALLEST_SUBNET_LENGTH) {
          return [
            diagnosticAt(
              entry.text.at,
              'subnet-size',
              'error',
              `${entry.label} ${entry.text.value} is smaller than /${SMALLEST_SUBNET_LENGTH}, the smallest classic subnet ` +
                `(5 addresses of every subnet are reserved); make it /${SMALLEST_SUBNET_LENGTH} or larger`,
              entry.objects,
            ),
          ];
        }
        if (length < LARGEST_SUBNET_LENGTH) {
          return [
            diagnosticAt(
              entry.text.at,
              'subnet-size',
              'error',
              `${entry.label} ${entry.text.value} is larger than /${LARGEST_SUBNET_LENGTH}, the largest classic subnet; ` +
                `split it into /${LARGEST_SUBNET_LENGTH} or smaller subnets`,
              entry.objects,
            ),
          ];
        }
        return [];
      }),
    ),
};

/** `gateway-subnet-missing`: a VNet with a gateway but no subnet named exactly GatewaySubnet. */
export const gatewaySubnetMissingRule: PlanRule = {
  id: 'gateway-subnet-missing',
  severity: 'error',
  description: 'A virtual network has gateway connections but no subnet named exactly GatewaySubnet.',
  check: (index) =>
    index.vnets.flatMap(({ vnet }): Diagnostic[] => {
      const gateway = vnet.gateway;
      if (gateway === undefined) return [];
      if (gateway.connections.length === 0 && gateway.vpnClientAddressPool.length === 0) return [];
      if (vnet.subnets.some((s) => s.name === GATEWAY_SUBNET_NAME)) return [];
      const nearMiss = vnet.subnets.find((s) => s.name.replace(/[\s_-]/g, '').toLowerCase() === 'gatewaysubnet');
      const fix =
        nearMiss === undefined
          ? `add a subnet named exactly ${GATEWAY_SUBNET_NAME} (a /${RECOMMENDED_GATEWAY_SUBNET_LENGTH} or /27 from unused space)`
          : `rename subnet "${nearMiss.name}" to exactly ${GATEWAY_SUBNET_NAME} (the name is case-sensitive)`;
      return [
        diagnosticAt(
          gateway.at,
          'gateway-subnet-missing',
          'error',
          `VNet ${vnet.name} has a gateway but no subnet named ${GATEWAY_SUBNET_NAME}, where the platform puts the ` +
            `gateway; ${fix}`,
          [vnetObject(vnet.name)],
        ),
      ];
    }),
};

/**
 * `gateway-subnet-small`: a /29 GatewaySubnet works but leaves no room. The /28-or-/27 advice dates from 2016
 * (platform-timeline.ts); the 2014-15 samples themselves used /29, so in an earlier era it is only a note.
 */
export const gatewaySubnetSmallRule: PlanRule = {
  id: 'gateway-subnet-small',
  severity: 'warning',
  description: 'The GatewaySubnet is a /29; it works, but from 2016 the docs recommended /28 or /27 (a note in earlier eras).',
  check: (index, options) => {
    const isAdvised = featureAvailable('gateway-subnet-28-advice', options.era);
    const advice = platformFeature('gateway-subnet-28-advice');
    return index.vnets.flatMap((vnet) =>
      validPrefixes4(vnet.subnets.filter((s) => s.subnet.name === GATEWAY_SUBNET_NAME).map((s) => s.entry))
        .filter((entry) => entry.prefix.length === SMALLEST_SUBNET_LENGTH)
        .map((entry) =>
          diagnosticAt(
            entry.text.at,
            'gateway-subnet-small',
            isAdvised ? 'warning' : 'info',
            `${entry.label} ${entry.text.value} is a /${SMALLEST_SUBNET_LENGTH}: it works` +
              (isAdvised
                ? `, but the VPN docs recommend /${RECOMMENDED_GATEWAY_SUBNET_LENGTH} or /27 so the gateway can grow ` +
                  '(e.g. ExpressRoute coexistence)'
                : ` (the samples of the time used /29); from ${advice.since} the docs recommended ` +
                  `/${RECOMMENDED_GATEWAY_SUBNET_LENGTH} or /27 so the gateway can grow`),
            entry.objects,
          ),
        ),
    );
  },
};

/**
 * Subnets of one VNet that no single address-space prefix contains. Spaces sorted by first address with a running
 * maximum of last addresses answer "does any space with first ≤ s.first reach s.last?" by one binary search each.
 */
function findSubnetsOutsideSpace(vnet: VnetEntry): Diagnostic[] {
  const spaces = validPrefixes4(vnet.spaces).sort((a, b) => prefixFirst4(a.prefix) - prefixFirst4(b.prefix));
  const firsts = spaces.map((s) => prefixFirst4(s.prefix));
  const reach: number[] = [];
  for (const space of spaces) reach.push(Math.max(reach[reach.length - 1] ?? -1, prefixLast4(space.prefix)));
  const spaceList = spaces.map((s) => s.text.value).join(', ');
  const outside: Diagnostic[] = [];
  for (const entry of validPrefixes4(vnet.subnets.map((s) => s.entry))) {
    if (isInsideSomeSpace(entry, firsts, reach)) continue;
    const fix =
      spaces.length === 0
        ? `give VNet ${vnet.vnet.name} a valid address space that contains it`
        : `pick a subnet prefix inside ${spaceList}, or add ${formatPrefix(entry.prefix)} (or a prefix covering it) to the address space`;
    outside.push(
      diagnosticAt(
        entry.text.at,
        'subnet-outside-space',
        'error',
        `${entry.label} ${entry.text.value} is outside VNet ${vnet.vnet.name}'s address space` +
          `${spaces.length === 0 ? '' : ` (${spaceList})`}; ${fix}`,
        [...entry.objects, vnetObject(vnet.vnet.name)],
      ),
    );
  }
  return outside;
}

function isInsideSomeSpace(entry: Prefix4Entry, firsts: readonly number[], reach: readonly number[]): boolean {
  const first = prefixFirst4(entry.prefix);
  let lo = 0;
  let hi = firsts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((firsts[mid] ?? 0) <= first) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  // Among the spaces starting at or before the subnet, the one reaching furthest contains it iff it reaches its end.
  return found >= 0 && (reach[found] ?? -1) >= prefixLast4(entry.prefix);
}
