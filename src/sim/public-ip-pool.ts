import { parsePoolPrefix } from '../vm/index.js';
import { formatIPv4, prefixLast4 } from '../ipam/index.js';
import type { Rng } from './rng.js';

/**
 * The public address pool VIPs and gateway IPs are drawn from. The prefixes are ranges Azure used for classic cloud
 * services in 2012–2014 (VIPs such as 137.116.x.x and 168.62.x.x); the draw is seeded so runs repeat exactly.
 */
export const PUBLIC_IP_POOL_PREFIXES: readonly string[] = ['137.116.0.0/16', '138.91.0.0/16', '168.62.0.0/16'];

/** Draws a public IP from the pool that is neither in `taken` nor `alsoTaken`; skips .0 and .255 host bytes. */
export function drawPublicIp(rng: Rng, taken: Readonly<Record<string, string>>, alsoTaken: ReadonlySet<string> = new Set()): string {
  for (;;) {
    const prefix = parsePoolPrefix(PUBLIC_IP_POOL_PREFIXES[rng.nextInt(PUBLIC_IP_POOL_PREFIXES.length)] ?? '');
    const address = prefix.network + rng.nextInt(prefixLast4(prefix) - prefix.network + 1);
    const lastByte = address & 255;
    const ip = formatIPv4(address);
    if (lastByte !== 0 && lastByte !== 255 && taken[ip] === undefined && !alsoTaken.has(ip)) return ip;
  }
}
