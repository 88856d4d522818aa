import { diagnosticAt, type Diagnostic, type SourceRef } from '../common/index.js';
import type { NetworkPlan } from '../ipam/index.js';

/** Code of the refusal of a documentation placeholder left in a plan (`[your-address-prefix]`, `<your-vnet-name>`). */
export const PLACEHOLDER_RULE = 'placeholder';

/*
 * Shapes of the placeholders that documentation samples and the MSDN schema skeleton carry (azure-classic.md §1.3:
 * `<AddressPrefix>address-prefix</AddressPrefix>`, `name=""` and the like): a whole value in brackets, "your-…",
 * x'ed-out addresses, and the skeleton's own words. A real name or prefix never looks like these.
 */
const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /^\s*\[.*\]\s*$/,
  /^\s*<.*>\s*$/,
  /^\s*\{.*\}\s*$/,
  /(^|[^a-z])(your|enter|insert|replace)[-_ ][a-z]/i,
  /(^|[^a-z])(changeme|placeholder|todo|tbd)([^a-z]|$)/i,
  /(^|[^a-z0-9])(x{1,3}|n{1,3})\.(x{1,3}|n{1,3})\.(x{1,3}|n{1,3})\.(x{1,3}|n{1,3})([^a-z]|$)/i,
  /^\s*(address-prefix|address-space|ip-address|ipv4-address|gateway-address|vnet-name|subnet-name|site-name)\s*$/i,
];

/** Whether a value is a documentation placeholder rather than real input. */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER_PATTERNS.some((pattern) => pattern.test(value));
}

/**
 * Every placeholder left in a plan's names, prefixes, addresses, bindings and references, each at its position:
 * such a file is not a plan yet, so it is refused as input (exit 2) rather than judged by the address rules.
 */
export function findPlaceholders(plan: NetworkPlan): Diagnostic[] {
  const found: Diagnostic[] = [];
  const check = (value: string | undefined, at: SourceRef, what: string): void => {
    if (value === undefined || !isPlaceholder(value)) return;
    found.push(
      diagnosticAt(
        at,
        PLACEHOLDER_RULE,
        'error',
        `${what} "${value}" is a documentation placeholder left in the file; replace it with the real value`,
      ),
    );
  };
  for (const dns of plan.dnsServers) {
    check(dns.name, dns.at, 'DNS server name');
    check(dns.ipAddress.value, dns.ipAddress.at, `DNS server ${dns.name} address`);
  }
  for (const site of plan.localSites) {
    check(site.name, site.at, 'local site name');
    for (const prefix of site.addressSpace) check(prefix.value, prefix.at, `local site ${site.name} address prefix`);
    check(site.vpnGatewayAddress?.value, site.vpnGatewayAddress?.at ?? site.at, `local site ${site.name} VPN gateway address`);
  }
  for (const vnet of plan.vnets) {
    check(vnet.name, vnet.at, 'VNet name');
    check(vnet.location?.value, vnet.location?.at ?? vnet.at, `VNet ${vnet.name} location`);
    check(vnet.affinityGroup?.value, vnet.affinityGroup?.at ?? vnet.at, `VNet ${vnet.name} affinity group`);
    for (const prefix of vnet.addressSpace) check(prefix.value, prefix.at, `VNet ${vnet.name} address prefix`);
    for (const subnet of vnet.subnets) {
      check(subnet.name, subnet.at, `VNet ${vnet.name} subnet name`);
      check(subnet.addressPrefix.value, subnet.addressPrefix.at, `subnet ${vnet.name}/${subnet.name} address prefix`);
    }
    for (const ref of vnet.dnsServerRefs) check(ref.value, ref.at, `VNet ${vnet.name} DNS server reference`);
    for (const connection of vnet.gateway?.connections ?? []) {
      check(connection.site.value, connection.site.at, `VNet ${vnet.name} gateway connection`);
    }
    for (const prefix of vnet.gateway?.vpnClientAddressPool ?? []) check(prefix.value, prefix.at, `VNet ${vnet.name} VPN client pool`);
  }
  return found;
}
