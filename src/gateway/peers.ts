import { createActor, type Actor } from 'xstate';
import { createDefaultDevice, deviceMachine } from './device.js';
import type { PeerEnd } from './negotiation.js';
import { ikeVersionFor } from './profile.js';
import type { DeviceSpec, GatewayClock, GatewayType } from './types.js';

/** An on-premises device actor and its settings as the negotiation reads them. */
export interface DeviceRecord {
  actor: Actor<typeof deviceMachine>;
  /** Refreshed after every event the device takes, so the hot path reads a plain object. */
  peer: PeerEnd;
  /** False for the default device a site gets when the scenario declares none. */
  isDeclared: boolean;
}

/** Creates a device actor on the shared clock. */
export function createDeviceRecord(spec: DeviceSpec, clock: GatewayClock, isDeclared: boolean): DeviceRecord {
  const actor = createActor(deviceMachine, { clock, input: spec });
  actor.start();
  const record: DeviceRecord = { actor, peer: readPeerEnd(actor), isDeclared };
  return record;
}

/** Creates the default device of a site. */
export function createDefaultDeviceRecord(site: string, publicIp: string, clock: GatewayClock): DeviceRecord {
  return createDeviceRecord(createDefaultDevice(site, publicIp), clock, false);
}

/** Reads a device actor's snapshot as the far end of a tunnel. */
export function readPeerEnd(actor: Actor<typeof deviceMachine>): PeerEnd {
  const snapshot = actor.getSnapshot();
  return { ...snapshot.context, up: snapshot.value === 'up' };
}

/** What one VNet's gateway looks like from the far end of a VNet-to-VNet tunnel. */
export interface RemoteGatewayView {
  gatewayType: GatewayType;
  publicIp: string;
  isServing: boolean;
  /** The remote gateway's key for its site pointing back at us, undefined when it has no such site. */
  keyTowardsUs: string | undefined;
  /** The address that site points at; the remote sends its IKE there. */
  addressTowardsUs: string | undefined;
}

/** The far end of a VNet-to-VNet tunnel: the other gateway acting as a route-based (or not) device. */
export function createGatewayPeer(remote: RemoteGatewayView): PeerEnd {
  return {
    // The remote gateway never uses the "Azure's key" shortcut: an unset key matches nothing.
    sharedKey: remote.keyTowardsUs ?? '\u0000',
    publicIp: remote.publicIp,
    ikeVersions: [ikeVersionFor(remote.gatewayType)],
    routing: remote.gatewayType === 'DynamicRouting' ? 'RouteBased' : 'PolicyBased',
    // A remote gateway without a site for us ignores our IKE: that is a peer-address mismatch.
    gatewayAddress: remote.addressTowardsUs ?? '',
    up: remote.isServing,
    reachable: true,
  };
}
