import { applyGatewayEvent, type GatewayEvent } from '../gateway/index.js';
import { applyComputeEvent, isComputeEventType, type ComputeEventBody } from '../vm/index.js';
import type { EngineEventBody, SimEvent } from './events.js';
import type { World } from './world.js';

/** Folds one event into the world: the only mutator of World, so replaying a log needs nothing else. */
export function applyEvent(world: World, event: SimEvent): void {
  // A refused command changes nothing, not even the world's position in the log.
  if (event.type === 'command.refused') return;
  world.lastSeq = event.seq;
  world.timeMs = event.time;
  if (isComputeEventType(event.type)) {
    applyComputeEvent(world, event as unknown as ComputeEventBody, event.time);
    return;
  }
  if (event.type.startsWith('gateway.') || event.type.startsWith('connection.')) {
    foldGatewayEvent(world, event as unknown as GatewayEvent, event.time);
    return;
  }
  const e = event as unknown as EngineEventBody;
  switch (e.type) {
    case 'world.started':
      world.scenario = e.scenario;
      world.seed = e.seed;
      world.era = e.era;
      return;
    case 'localSite.defined':
      world.localSites[e.site] = { name: e.site, addressPrefixes: [...e.addressPrefixes], vpnGatewayAddress: e.vpnGatewayAddress ?? null };
      return;
  }
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
