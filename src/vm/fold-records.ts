import type { ComputeEventOf, ComputeEventType } from './events.js';
import { findVm, type CloudService, type ComputeWorld, type Deployment, type DipPool, type Disk, type Slot, type Vm, type Vnet } from './model.js';

/**
 * What the compute fold shares between its per-event folds: the shape of one fold, and look-ups that trust the log.
 * A record an event names but the world lacks is a defect of the engine (the rules validated the event before it was
 * recorded), so these throw instead of answering undefined.
 */

/** Folds one event of type `K` into the world. */
export type EventFold<K extends ComputeEventType> = (world: ComputeWorld, event: ComputeEventOf<K>, timeMs: number) => void;

/** One fold per event type of `K`: each is its own function, so V8 optimises it for the one payload shape it sees. */
export type EventFolds<K extends ComputeEventType> = { [T in K]: EventFold<T> };

/** The cloud service `name`. */
export function serviceRecord(world: ComputeWorld, name: string): CloudService {
  const s = world.services[name];
  if (s === undefined) throw new Error(`fold: unknown service ${name}`);
  return s;
}

/** The deployment in `slot` of service `serviceName`. */
export function deploymentRecord(world: ComputeWorld, serviceName: string, slot: Slot): Deployment {
  const d = serviceRecord(world, serviceName).deployments[slot];
  if (d === null) throw new Error(`fold: no ${slot} deployment in ${serviceName}`);
  return d;
}

/** The production deployment of a service record the caller already holds. */
export function productionOf(service: CloudService): Deployment {
  const d = service.deployments.production;
  if (d === null) throw new Error(`fold: no production deployment in ${service.name}`);
  return d;
}

/** The VM `name` of service `serviceName`. */
export function vmRecord(world: ComputeWorld, serviceName: string, name: string): Vm {
  const v = findVm(world, serviceName, name);
  if (v === undefined) throw new Error(`fold: unknown vm ${serviceName}/${name}`);
  return v;
}

/** The VNet `name`. */
export function vnetRecord(world: ComputeWorld, name: string): Vnet {
  const v = world.vnets[name];
  if (v === undefined) throw new Error(`fold: unknown vnet ${name}`);
  return v;
}

/** The disk `name`. */
export function diskRecord(world: ComputeWorld, name: string): Disk {
  const d = world.disks.get(name);
  if (d === undefined) throw new Error(`fold: unknown disk ${name}`);
  return d;
}

/** The DIP allocations of a subnet, or of the deployment's fabric range when the address is outside any VNet. */
export function dipPool(
  world: ComputeWorld,
  serviceName: string,
  slot: Slot,
  vnetName: string | undefined,
  subnetName: string | undefined,
): DipPool {
  if (vnetName !== undefined && subnetName !== undefined) {
    const subnet = vnetRecord(world, vnetName).subnets[subnetName];
    if (subnet === undefined) throw new Error(`fold: unknown subnet ${vnetName}/${subnetName}`);
    return subnet.allocations;
  }
  return deploymentRecord(world, serviceName, slot).fabricAllocations;
}
