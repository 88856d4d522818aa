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
