import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, runScenario } from '../../src/scenario/index.js';
import { applyEvent, createWorld, LiveTopology, toTopologyModel, type SimEvent } from '../../src/sim/index.js';
import type { TopologyModel } from '../../src/topology/index.js';

/** A model as text with its sections in one order, so two models compare by content. */
function canonical(model: TopologyModel): string {
  const { affinityGroups, vnets, services, vms, localSites } = model;
  return JSON.stringify({ affinityGroups, vnets, services, vms, localSites });
}

const SCENARIOS = readdirSync('scenarios').filter((name) => /^\d\d-.*\.yaml$/.test(name) || name === 'reach-hybrid.yaml');

describe('the live topology index', () => {
  it.each(SCENARIOS)('%s: after every event it holds the world a rebuild would', async (name) => {
    const { events } = runScenario(await loadScenarioFile(`scenarios/${name}`));
    const world = createWorld();
    const live = new LiveTopology(world);
    const mismatches: string[] = [];
    for (let i = 0; i < events.length; i++) {
      applyEvent(world, events[i] as SimEvent);
      const followed = live.indexAt(events.slice(0, i + 1)).toModel();
      if (canonical(followed) !== canonical(toTopologyModel(world))) mismatches.push(`after #${i} ${events[i]?.type}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('follows VM, gateway and tunnel events in place, without building a new index', async () => {
    const { events } = runScenario(await loadScenarioFile('scenarios/reach-hybrid.yaml'));
    const world = createWorld();
    const live = new LiveTopology(world);
    const followedTypes = new Set(['vm.stateChanged', 'dip.allocated', 'dip.released', 'endpoint.added', 'gateway.stateChanged', 'connection.stateChanged']);
    let followed = 0;
    for (let i = 0; i < events.length; i++) {
      const event = events[i] as SimEvent;
      const before = live.indexAt(events.slice(0, i));
      applyEvent(world, event);
      const after = live.indexAt(events.slice(0, i + 1));
      const isPlainStateChange = followedTypes.has(event.type) && !(event.type === 'gateway.stateChanged' && event.to !== event.from && event.publicIp !== undefined);
      if (i > 0 && isPlainStateChange && after === before) followed++;
    }
    expect(followed).toBeGreaterThan(5);
  });
});
