import type { ReservedIp, World } from '../sim/index.js';
import { completesNow, refuse, run, type ComputeDecision } from './compute-outcome.js';
import { findLocation } from './locations.js';

/**
 * Reserved IPs (Service Management `…/services/networking/reservedips`, 2014): New-, Get- and Remove-AzureReservedIP
 * and New-AzureVM -ReservedIPName. The address and its use are the engine's (src/vm reserved-ips.ts): it comes from
 * the same public pool as VIPs and gateway IPs, and the world must know which service holds it.
 */

/** A reserved IP as Get-AzureReservedIP showed it. */
export interface ReservedIpView {
  name: string;
  address: string;
  location: string;
  inUse: boolean;
  serviceName: string | null;
  deploymentName: string | null;
}

/** New-AzureReservedIP -ReservedIPName -Location: an unknown location is refused before the engine sees it. */
export function decideCreateReservedIp(request: { name: string; location: string }): ComputeDecision {
  const location = findLocation(request.location);
  if (location === undefined) return refuse({ status: 400, code: 'BadRequest', message: `The location constraint is not valid: ${request.location}.` });
  return run([{ type: 'createReservedIp', name: request.name, location: location.name }], completesNow);
}

/** Remove-AzureReservedIP -ReservedIPName. */
export function decideDeleteReservedIp(name: string): ComputeDecision {
  return run([{ type: 'deleteReservedIp', name }], completesNow);
}

function describe(world: World, r: ReservedIp): ReservedIpView {
  const deployment = r.service === null ? null : world.services[r.service]?.deployments.production?.name ?? null;
  return { name: r.name, address: r.ip, location: r.location, inUse: r.service !== null, serviceName: r.service, deploymentName: deployment };
}

/** Every reserved IP of the subscription, by name. */
export function listReservedIps(world: World): ReservedIpView[] {
  return Object.values(world.reservedIps).sort((a, b) => a.name.localeCompare(b.name)).map((r) => describe(world, r));
}
