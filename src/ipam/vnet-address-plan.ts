import { IpamUsageError } from './ipam-usage-error.js';
import { prefixLast4, type Prefix4 } from './prefix.js';
import { AZURE_CLASSIC_RESERVED, type ReservedAddressPolicy } from './reserved-policy.js';
import { SubnetAllocator, type StaticIpTest } from './subnet-allocator.js';

/** A named subnet of a virtual network. */
export interface NamedSubnet {
  name: string;
  prefix: Prefix4;
}

interface SubnetSpan {
  readonly first: number;
  readonly last: number;
  readonly name: string;
}

/**
 * A virtual network's subnets with one DIP allocator each, and lookup of the subnet holding an address. Subnets are
 * expected not to overlap (the address-plan rules refuse that before a plan gets here).
 */
export class VnetAddressPlan {
  private readonly allocators = new Map<string, SubnetAllocator>();
  /** Subnets sorted by first address, for binary-search lookup. */
  private readonly spans: SubnetSpan[] = [];

  /** Builds empty allocators; throws IpamUsageError on a repeated subnet name or a size the policy forbids. */
  constructor(subnets: readonly NamedSubnet[], policy: ReservedAddressPolicy = AZURE_CLASSIC_RESERVED) {
    for (const { name, prefix } of subnets) {
      if (this.allocators.has(name)) {
        throw new IpamUsageError('duplicate-subnet', `subnet name '${name}' appears twice in one virtual network`);
      }
      this.allocators.set(name, new SubnetAllocator(prefix, policy));
      this.spans.push({ first: prefix.network, last: prefixLast4(prefix), name });
    }
    this.spans.sort((a, b) => a.first - b.first);
  }

  /** The allocator of a subnet by name. */
  subnet(name: string): SubnetAllocator | undefined {
    return this.allocators.get(name);
  }

  /** The subnet names, in address order. */
  subnetNames(): string[] {
    return this.spans.map((s) => s.name);
  }

  /** The name of the subnet holding `ip`, if any. */
  subnetOf(ip: number): string | undefined {
    const span = this.spans[this.lastSpanStartingAtOrBelow(ip)];
    return span !== undefined && ip <= span.last ? span.name : undefined;
  }

  /**
   * Test-AzureStaticVNetIP for the whole VNet: answered by the subnet holding `ip`; an address in no subnet is not
   * available and gets suggestions from the nearest subnet.
   */
  testStaticIp(ip: number, suggestions?: number): StaticIpTest {
    const name = this.subnetOf(ip) ?? this.nearestSubnet(ip);
    const allocator = name === undefined ? undefined : this.allocators.get(name);
    if (allocator === undefined) return { isAvailable: false, availableAddresses: [] };
    return allocator.testStaticIp(ip, suggestions);
  }

  /** An independent copy of every allocator, for snapshots. */
  clone(): VnetAddressPlan {
    const copy = new VnetAddressPlan([]);
    for (const [name, allocator] of this.allocators) copy.allocators.set(name, allocator.clone());
    // A loop, not push(...spans): a VNet may hold more subnets than a call takes arguments.
    for (const span of this.spans) copy.spans.push(span);
    return copy;
  }

  /** Index of the last subnet whose first address is ≤ ip, or -1. */
  private lastSpanStartingAtOrBelow(ip: number): number {
    let lo = 0;
    let hi = this.spans.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.spans[mid] as SubnetSpan).first <= ip) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  private nearestSubnet(ip: number): string | undefined {
    const below = this.spans[this.lastSpanStartingAtOrBelow(ip)];
    const above = this.spans[this.lastSpanStartingAtOrBelow(ip) + 1];
    if (below === undefined) return above?.name;
    if (above === undefined) return below.name;
    return ip - below.last <= above.first - ip ? below.name : above.name;
  }
}
