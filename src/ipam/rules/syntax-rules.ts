import { diagnosticAt, type Diagnostic } from '../../common/index.js';
import type { Located } from '../plan.js';
import { formatPrefix } from '../prefix-format.js';
import { parseAddress } from '../prefix-parse.js';
import { dnsObject, siteObject } from './objects.js';
import type { PlanIndex } from './plan-index.js';
import type { PlanRule } from './rule.js';

/** `cidr-invalid`: a prefix that is not CIDR text at all. */
export const cidrInvalidRule: PlanRule = {
  id: 'cidr-invalid',
  severity: 'error',
  description: 'An address prefix is not valid CIDR notation (a.b.c.d/n).',
  check: (index) =>
    index.entries
      .filter((entry) => entry.problem?.code === 'cidr-invalid')
      .map((entry) =>
        diagnosticAt(entry.text.at, 'cidr-invalid', 'error', `${entry.label}: ${entry.problem?.message ?? ''}`, entry.objects),
      ),
};

/**
 * `cidr-host-bits`: a prefix whose address has bits set beyond its length (10.10.0.0/8). A warning: the platform took
 * such prefixes (a live 2014 export stored seven VNets as 10.10.0.0/8 verbatim and the next upload of it succeeded),
 * reading the network block; the message offers that reading and the one the address suggests.
 */
export const cidrHostBitsRule: PlanRule = {
  id: 'cidr-host-bits',
  severity: 'warning',
  description: 'An address prefix has host bits set; the platform accepted it as its network block, but say which block you mean.',
  check: (index) =>
    index.entries.flatMap((entry) => {
      if (entry.problem?.code !== 'cidr-host-bits' || entry.prefix?.family !== 4) return [];
      const network = formatPrefix(entry.prefix);
      const written = entry.text.value.trim();
      const meant = addressReading(written, entry.prefix.length);
      const readings = meant === undefined ? `write ${network}` : `write ${network} (the block it lies in) or ${meant} (if the address is what you meant)`;
      return [
        diagnosticAt(
          entry.text.at,
          'cidr-host-bits',
          'warning',
          `${entry.label}: ${written} has host bits set; the platform accepted it as written (vnetsim reads it as ` +
            `${network}), but the text is ambiguous: ${readings}`,
          entry.objects,
        ),
      ];
    }),
};

/**
 * The prefix that keeps the written address as its network: the address with a length covering its last non-zero
 * octet (10.10.0.0/8 → 10.10.0.0/16), when that is longer than the written length and no smaller than the smallest
 * classic subnet (10.1.2.7/24 offers no /32).
 */
function addressReading(written: string, length: number): string | undefined {
  const address = written.split('/')[0] ?? '';
  const octets = address.split('.');
  let last = octets.length - 1;
  while (last > 0 && Number(octets[last]) === 0) last--;
  const octetLength = (last + 1) * 8;
  return octetLength > length && octetLength <= SMALLEST_PREFIX_LENGTH ? `${address}/${octetLength}` : undefined;
}

/** The smallest classic subnet, /29 (FAQ-2015, azure-classic.md §2.2): a longer reading is no usable block. */
const SMALLEST_PREFIX_LENGTH = 29;

/** `ipv6-unsupported`: classic virtual networks, sites and gateways were IPv4 only. */
export const ipv6UnsupportedRule: PlanRule = {
  id: 'ipv6-unsupported',
  severity: 'error',
  description: 'IPv6 prefixes or addresses are used; classic virtual networks were IPv4 only.',
  check: (index) => {
    const found: Diagnostic[] = index.entries
      .filter((entry) => entry.prefix?.family === 6)
      .map((entry) =>
        diagnosticAt(
          entry.text.at,
          'ipv6-unsupported',
          'error',
          `${entry.label}: ${entry.text.value} is IPv6; classic virtual networks were IPv4 only, use an IPv4 prefix such as 10.0.0.0/16`,
          entry.objects,
        ),
      );
    for (const { label, text, objects } of plannedAddresses(index)) {
      const parsed = parseAddress(text.value.trim());
      if (parsed.ok && parsed.value.family === 6) {
        found.push(
          diagnosticAt(text.at, 'ipv6-unsupported', 'error', `${label} ${text.value} is IPv6; give an IPv4 address`, objects),
        );
      }
    }
    return found;
  },
};

/** `address-invalid`: a DNS server or VPN device address that is not an IP address. */
export const addressInvalidRule: PlanRule = {
  id: 'address-invalid',
  severity: 'error',
  description: 'A DNS server or VPN gateway address is not a valid IP address.',
  check: (index) =>
    plannedAddresses(index).flatMap(({ label, text, objects }) => {
      const parsed = parseAddress(text.value.trim());
      return parsed.ok ? [] : [diagnosticAt(text.at, 'address-invalid', 'error', `${label}: ${parsed.message}`, objects)];
    }),
};

/** Single addresses written in the plan: DNS servers and on-premises VPN devices. */
function plannedAddresses(index: PlanIndex): Array<{ label: string; text: Located; objects: string[] }> {
  const addresses = index.plan.dnsServers.map((dns) => ({
    label: `DNS server ${dns.name} address`,
    text: dns.ipAddress,
    objects: [dnsObject(dns.name)],
  }));
  for (const site of index.plan.localSites) {
    if (site.vpnGatewayAddress !== undefined) {
      addresses.push({
        label: `local site ${site.name} VPN gateway address`,
        text: site.vpnGatewayAddress,
        objects: [siteObject(site.name)],
      });
    }
  }
  return addresses;
}
