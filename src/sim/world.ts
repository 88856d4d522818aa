import { createConnectWorld, type ConnectWorld } from '../connect/index.js';
import { createGatewayWorld, type GatewayWorld } from '../gateway/index.js';
import { createComputeWorld, findVm, type CloudService, type ComputeWorld, type Disk, type Vm } from '../vm/index.js';
import type { Era } from './events.js';

/** An on-premises network site as the world records it. */
export interface LocalSite {
  name: string;
  addressPrefixes: string[];
  vpnGatewayAddress: string | null;
}

/**
 * The whole simulated world: the compute model plus the engine's own facts. Plain JSON-able records; read-only by
 * convention outside the fold (apply-event.ts).
 */
export interface World extends ComputeWorld {
  scenario: string;
  seed: string;
  era: Era;
  localSites: Record<string, LocalSite>;
  /** Folded gateway state (per VNet: state, type, SKU, public IP, connections), owned by src/gateway's reducer. */
  gateway: GatewayWorld;
  /** Folded Windows Azure Connect state (agents, enabled roles, endpoint groups), owned by src/connect's fold. */
  connect: ConnectWorld;
  /** Sequence number and time of the last event folded in (refusals are not folded). */
  lastSeq: number;
  timeMs: number;
}

/** An empty world, before `world.started`. */
export function createWorld(): World {
  return { ...createComputeWorld(), scenario: '', seed: '', era: '2014', localSites: {}, gateway: createGatewayWorld(), connect: createConnectWorld(), lastSeq: 0, timeMs: 0 };
}

/** Looks up an OS disk by name. */
export function findDisk(world: World, name: string): Disk | undefined {
  return world.disks.get(name);
}

/** Lists every VM of the world, ordered by service then creation. */
export function listVms(world: World): Vm[] {
  return Object.values(world.services).flatMap((s: CloudService) =>
    (s.deployments.production?.vms ?? []).map((name) => findVm(world, s.name, name)).filter((vm): vm is Vm => vm !== undefined),
  );
}
