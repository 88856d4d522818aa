import { applyConnectEvent, isConnectEventType } from '../connect/index.js';
import { applyGatewayEvent, isGatewayEventType } from '../gateway/index.js';
import { applyComputeEvent, isComputeEventType } from '../vm/index.js';
import type { ComputeEventBody } from '../vm/index.js';
import type { GatewayEvent } from '../gateway/index.js';
import type { ConnectEvent } from '../connect/index.js';
import type { EventBody, SimEvent } from './events.js';
import type { World } from './world.js';

/** Folds one event into the world: the only mutator of World, so replaying a log needs nothing else. */
export function applyEvent(world: World, event: SimEvent): void {
  applyRecorded(world, event, event.seq, event.time);
}

/**
 * Folds one event given as its body and envelope apart: the engine folds the body its decider built, so no logged
 * event object is built for the fold (every fold reads the payload and the time, never the envelope's object).
 */
export function applyRecorded(world: World, event: EventBody, seq: number, time: number): void {
  // A refused command changes nothing, not even the world's position in the log.
  if (event.type === 'command.refused') return;
  world.lastSeq = seq;
  world.timeMs = time;
  if (isComputeEvent(event)) {
    applyComputeEvent(world, event, time);
    return;
  }
  if (isGatewayEvent(event)) {
    foldGatewayEvent(world, event, time);
    return;
  }
  if (isConnectEvent(event)) {
    applyConnectEvent(world.connect, event);
    return;
  }
  switch (event.type) {
    case 'world.started':
      world.scenario = event.scenario;
      world.seed = event.seed;
      world.era = event.era;
      return;
    case 'localSite.defined':
      world.localSites[event.site] = { name: event.site, addressPrefixes: [...event.addressPrefixes], vpnGatewayAddress: event.vpnGatewayAddress ?? null };
      return;
    case 'localSite.removed':
      delete world.localSites[event.site];
      return;
    case 'vnet.removed':
      delete world.vnets[event.vnet];
      return;
  }
}

function isComputeEvent(event: EventBody): event is ComputeEventBody {
  return isComputeEventType(event.type);
}

function isGatewayEvent(event: EventBody): event is GatewayEvent {
  return isGatewayEventType(event.type);
}

function isConnectEvent(event: EventBody): event is ConnectEvent {
  return isConnectEventType(event.type);
}

// The gateway's public IP comes from the shared pool: taken when drawn (publicIp.allocated), named once the gateway
// reports it, and back in the pool when the gateway is deleted (a recreated gateway gets a new IP).
function foldGatewayEvent(world: World, event: GatewayEvent, timeMs: number): void {
  if (event.type === 'gateway.stateChanged') {
    const previous = world.gateway.gateways[event.vnet]?.publicIp;
    if (event.publicIp !== undefined) world.publicIps[event.publicIp] = `gateway:${event.vnet}`;
    if (event.to === 'NotProvisioned' && previous !== undefined) delete world.publicIps[previous];
  }
  // addSite may re-define the site (Set-AzureVNetConfig with new prefixes or a new device address): reach reads these.
  if (event.type === 'connection.added') {
    world.localSites[event.site] = { name: event.site, addressPrefixes: [...event.addressPrefixes], vpnGatewayAddress: event.vpnGatewayAddress };
    const vnet = world.vnets[event.vnet];
    if (vnet !== undefined && !vnet.gatewaySites.includes(event.site)) vnet.gatewaySites.push(event.site);
  }
  if (event.type === 'connection.removed') {
    const vnet = world.vnets[event.vnet];
    if (vnet !== undefined) vnet.gatewaySites = vnet.gatewaySites.filter((site) => site !== event.site);
  }
  applyGatewayEvent(world.gateway, event, timeMs);
}
