import type { ReservedIp, World } from '../sim/index.js';
import { completesNow, refuse, run, type ComputeDecision } from './compute-outcome.js';
import type { ComputeRecords } from './compute-records.js';
import { platformErrors } from './errors.js';
import { findLocation } from './locations.js';
import { formatStableGuid } from './stable-guid.js';

/**
 * Reserved IPs (Service Management `…/services/networking/reservedips`, 2014): New-, Get- and Remove-AzureReservedIP,
 * `azure network reserved-ip`, and a deployment's ReservedIPName. The address and its use are the engine's (src/vm
 * reserved-ips.ts): it comes from the same public pool as VIPs and gateway IPs, and the world must know which service
 * holds it. The Label is the platform's record (compute-records.ts).
 */

/** Create Reserved IP Address: name and region, an optional label; ServiceName/DeploymentName reserve a VIP in use. */
export interface CreateReservedIpRequest {
  name: string;
  location: string;
  label?: string | undefined;
  serviceName?: string | undefined;
}

/** A reserved IP as Get Reserved IP Address and Get-AzureReservedIP showed it. */
export interface ReservedIpView {
  name: string;
  address: string;
  /** A GUID derived from the name (the platform's Id is a GUID; no randomness in the core). */
  id: string;
  label: string | null;
  location: string;
  inUse: boolean;
  serviceName: string | null;
  deploymentName: string | null;
}

/** New-AzureReservedIP / POST reservedips: an unknown location is refused before the engine sees it. */
export function decideCreateReservedIp(request: CreateReservedIpRequest): ComputeDecision {
  // Reserving the VIP an existing deployment already has came with x-ms-version 2015-02-01 (New-AzureReservedIP
  // -ServiceName); the engine's reserved IPs are drawn from the pool, so that form is refused rather than half done.
  if (request.serviceName !== undefined) {
    return refuse({ status: 400, code: 'BadRequest', message: `Reserving the VIP of cloud service ${request.serviceName} is not supported by this emulator; create reserved IP ${request.name} without ServiceName and name it in the deployment's ReservedIPName.` });
  }
  const location = findLocation(request.location);
  if (location === undefined) return refuse({ status: 400, code: 'BadRequest', message: `The location constraint is not valid: ${request.location}.` });
  const label = request.label;
  return run([{ type: 'createReservedIp', name: request.name, location: location.name }], completesNow, label === undefined ? undefined : (r) => {
    r.reservedIpLabels[request.name] = label;
  });
}

/** Remove-AzureReservedIP / DELETE reservedips/<name>: unknown is 404; in use the engine refuses (reserved-ip-in-use). */
export function decideDeleteReservedIp(world: World, name: string): ComputeDecision {
  if (world.reservedIps[name] === undefined) return refuse(platformErrors.reservedIpNotFound(name));
  return run([{ type: 'deleteReservedIp', name }], completesNow, (r) => {
    delete r.reservedIpLabels[name];
  });
}

function describe(world: World, records: ComputeRecords, r: ReservedIp): ReservedIpView {
  const deployment = r.service === null ? null : world.services[r.service]?.deployments.production?.name ?? null;
  return {
    name: r.name, address: r.ip, id: formatStableGuid(`reserved-ip/${r.name}`), label: records.reservedIpLabels[r.name] ?? null, location: r.location,
    inUse: r.service !== null, serviceName: r.service, deploymentName: deployment,
  };
}

/** Every reserved IP of the subscription, by name. */
export function listReservedIps(world: World, records: ComputeRecords): ReservedIpView[] {
  return Object.values(world.reservedIps).sort((a, b) => a.name.localeCompare(b.name)).map((r) => describe(world, records, r));
}

/** The reserved IP of that name, if the subscription holds it. */
export function findReservedIp(world: World, records: ComputeRecords, name: string): ReservedIpView | undefined {
  const reserved = world.reservedIps[name];
  return reserved === undefined ? undefined : describe(world, records, reserved);
}
