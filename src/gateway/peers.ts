import { createActor, type Actor } from 'xstate';
import { createDefaultDevice, deviceMachine, type DeviceEvent } from './device.js';
import type { PeerEnd } from './negotiation.js';
import { ikeVersionFor } from './profile.js';
import type { DeviceSpec, GatewayClock, GatewayType } from './types.js';

/**
 * An on-premises device: its settings as the negotiation reads them, and its actor. The actor starts when the device
 * first takes an event (power, link, configuration) or is asked for: a device has no timers and emits nothing, so one
 * that never changes needs none. A full-size world has 2,000 sites behind untouched default devices, and starting an
 * actor for each was the largest share of defining the gateway topology.
 */
export class DeviceRecord {
  private started: Actor<typeof deviceMachine> | undefined;
  /** The far end as the negotiation reads it; refreshed after every event the device takes, so the hot path reads a plain object. */
  peer: PeerEnd;

  constructor(
    private readonly spec: DeviceSpec,
    private readonly clock: GatewayClock,
    /** False for the default device a site gets when the scenario declares none. */
    public isDeclared: boolean,
  ) {
    const { up, ...settings } = spec;
    // The same object readPeerEnd builds from the actor the spec would start: settings, then power.
    this.peer = { ...settings, up };
  }

  /** The device's actor, started on first use from the spec. */
  get actor(): Actor<typeof deviceMachine> {
    if (!this.started) {
      this.started = createActor(deviceMachine, { clock: this.clock, input: this.spec });
      this.started.start();
    }
    return this.started;
  }

  /** Sends an event to the device's actor and refreshes the far end from its new snapshot. */
  send(event: DeviceEvent): void {
    this.actor.send(event);
    this.peer = readPeerEnd(this.actor);
  }

  /** Stops the actor, if the device ever needed one. */
  stop(): void {
    this.started?.stop();
  }
}

/** Creates a device record; its actor starts on first use. */
export function createDeviceRecord(spec: DeviceSpec, clock: GatewayClock, isDeclared: boolean): DeviceRecord {
  return new DeviceRecord(spec, clock, isDeclared);
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
