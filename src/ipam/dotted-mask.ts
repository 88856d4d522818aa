import { Netmask } from 'netmask';
import { parseIPv4 } from './prefix-parse.js';
import { formatIPv4 } from './prefix-format.js';
import { IPV4_BITS, type ParseResult } from './prefix.js';
import { IpamUsageError } from './ipam-usage-error.js';

// netmask reads inet_aton forms (`012` as octal, `0x..`) and so never sees user text: our strict parser validates
// and canonicalises first, and netmask only converts between the dotted and the length forms.

/** The dotted-decimal netmask of an IPv4 prefix length, e.g. 24 → '255.255.255.0'. */
export function formatDottedMask(length: number): string {
  if (!Number.isInteger(length) || length < 0 || length > IPV4_BITS) {
    throw new IpamUsageError('prefix-length-out-of-range', `prefix length ${length} is not from 0 to ${IPV4_BITS}`);
  }
  // netmask treats a numeric mask of 0 as absent and answers /32, so /0 is spelled out here
  return length === 0 ? '0.0.0.0' : new Netmask('0.0.0.0', length).mask;
}

/** The prefix length of a dotted-decimal netmask such as '255.255.254.0' (23); refuses non-contiguous masks. */
export function parseDottedMask(text: string): ParseResult<number> {
  const parsed = parseIPv4(text);
  if (!parsed.ok) return { ok: false, code: 'address-invalid', message: `netmask ${parsed.message}` };
  if (parsed.value === 0) return { ok: true, value: 0 }; // netmask refuses the /0 mask 0.0.0.0
  try {
    return { ok: true, value: new Netmask('0.0.0.0', formatIPv4(parsed.value)).bitmask };
  } catch {
    return {
      ok: false,
      code: 'address-invalid',
      message: `'${text}' is not a netmask: its one bits must be contiguous from the left, e.g. 255.255.255.0 for /24`,
    };
  }
}
