import type { CreateReservedIp, CreateVm, DeleteReservedIp } from './commands.js';
import { accept, reject, type DecideContext, type Decision } from './context.js';
import { makeEvent } from './events.js';
import type { CloudService, ComputeWorld } from './model.js';
import { refuse, type Refusal } from './refusal.js';

/**
 * Reserved IPs (2014; azure-classic.md §4.3 "Later: … Reserved IPs (2014+)" [V]): a public address taken from the
 * shared pool in one region and kept by the subscription until removed. A new deployment can take it as its VIP
 * (New-AzureVM -ReservedIPName); it stays the VIP while the VMs are deallocated and returns to the reservation when
 * the deployment goes. At most 20 per subscription by default (LIMITS-2015, azure-classic.md §2.6).
 */

/** Decides New-AzureReservedIP. */
export function decideCreateReservedIp(world: ComputeWorld, c: CreateReservedIp, ctx: DecideContext): Decision {
  const object = `reservedIp:${c.name}`;
  if (world.reservedIps[c.name] !== undefined) return reject(refuse('reserved-ip-exists', `A reserved IP named '${c.name}' already exists in the subscription; pick another name.`, [object]));
  const count = Object.keys(world.reservedIps).length;
  if (count >= ctx.limits.reservedIpsPerSubscription) {
    return reject(refuse('limit-reserved-ips', `The subscription already holds ${count} reserved IPs, the maximum (${ctx.limits.reservedIpsPerSubscription}); remove one you no longer use.`, [object]));
  }
  return accept([makeEvent('reservedIp.created', { name: c.name, ip: ctx.pickPublicIp(), location: c.location })]);
}

/** Decides Remove-AzureReservedIP: refused while a deployment uses the address. */
export function decideDeleteReservedIp(world: ComputeWorld, c: DeleteReservedIp): Decision {
  const reserved = world.reservedIps[c.name];
  if (reserved === undefined) return reject(unknownReservedIp(c.name));
  if (reserved.service !== null) {
    return reject(refuse('reserved-ip-in-use', `Reserved IP '${c.name}' (${reserved.ip}) is the VIP of cloud service '${reserved.service}'; delete that deployment first.`, [`reservedIp:${c.name}`, `service:${reserved.service}`]));
  }
  return accept([makeEvent('reservedIp.deleted', { name: c.name, ip: reserved.ip })]);
}

/** The VIP a new deployment takes: its reserved IP when `createVm` names one (checked), or a fresh one from the pool. */
export function chooseVip(world: ComputeWorld, service: CloudService, c: CreateVm, ctx: DecideContext): { ip: string } | Refusal {
  if (c.reservedIp === undefined) return { ip: ctx.pickPublicIp() };
  const reserved = world.reservedIps[c.reservedIp];
  if (reserved === undefined) return unknownReservedIp(c.reservedIp);
  const objects = [`reservedIp:${reserved.name}`, `service:${service.name}`];
  if (reserved.service !== null) return refuse('reserved-ip-in-use', `Reserved IP '${reserved.name}' is already the VIP of cloud service '${reserved.service}'.`, objects);
  if (reserved.location.toLowerCase() !== service.region.toLowerCase()) {
    return refuse('reserved-ip-location-mismatch', `Reserved IP '${reserved.name}' is in ${reserved.location} but cloud service '${service.name}' is in ${service.region}; reserve an IP in ${service.region}.`, objects);
  }
  return { ip: reserved.ip };
}

/** True when a VIP is a reserved IP: it is not released when the service's VMs are deallocated. */
export function isReservedVip(world: ComputeWorld, ip: string): boolean {
  return Object.values(world.reservedIps).some((r) => r.ip === ip);
}

function unknownReservedIp(name: string): Refusal {
  return refuse('unknown-reserved-ip', `The subscription has no reserved IP named '${name}'; create it with New-AzureReservedIP first.`, [`reservedIp:${name}`]);
}
