import { applyEvent } from './apply-event.js';
import type { EventLog } from './event-store.js';
import { createWorld, type World } from './world.js';

/** Rebuilds a world from a log by running the fold alone, from an empty world. */
export function replayEvents(events: EventLog): World {
  const world = createWorld();
  for (const event of events) applyEvent(world, event);
  return world;
}

/** Canonical JSON of a world (object keys sorted, arrays, maps and sets in order), for comparisons and snapshots. */
export function serializeWorld(world: World): string {
  return JSON.stringify(world, (_key, value: unknown) => {
    // A map (a DIP pool's holders) is written as its entries, a set as its members, both in insertion order.
    if (value instanceof Map || value instanceof Set) return [...value];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = (value as Record<string, unknown>)[key];
    return sorted;
  });
}
