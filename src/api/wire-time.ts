/**
 * Simulated time on the wire. The simulated clock starts at the emulator's epoch; the platform wrote times as
 * ISO 8601 with 7 fractional digits, with a `Z` in most bodies and without one in GatewayOperation (§2.6).
 */

/** The wall-clock instant simulated time 0 stands for; fixed so that responses are reproducible. */
export const SIMULATED_EPOCH_MS = Date.UTC(2015, 0, 1, 0, 0, 0);

/** `2015-01-01T00:00:31.0000000Z` (or without the Z) for a simulated time in ms. */
export function formatPlatformTime(simulatedMs: number, withZone: boolean): string {
  const iso = new Date(SIMULATED_EPOCH_MS + simulatedMs).toISOString();
  return `${iso.slice(0, 23)}0000${withZone ? 'Z' : ''}`;
}

/** The FILETIME epoch a never-connected tunnel reports as LastConnectionEstablished (GWCONN16). */
export const NEVER = '1601-01-01T00:00:00Z';
