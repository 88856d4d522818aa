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
    const events = [...runScenario(await loadScenarioFile(`scenarios/${name}`)).events];
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

  it.each(SCENARIOS)('%s: follows every event of an IaaS world in place, never building a second index', async (name) => {
    const events = [...runScenario(await loadScenarioFile(`scenarios/${name}`)).events];
    const world = createWorld();
    const live = new LiveTopology(world);
    applyEvent(world, events[0] as SimEvent);
    const first = live.indexAt(events.slice(0, 1));
    const rebuiltAfter: string[] = [];
    let showsRoleInstances = false;
    for (let i = 1; i < events.length; i++) {
      const event = events[i] as SimEvent;
      applyEvent(world, event);
      // Role instances follow their service's deployment, not a VM of their own: a world with them may rebuild.
      showsRoleInstances ||= event.type === 'role.instancesChanged';
      if (live.indexAt(events.slice(0, i + 1)) !== first && !showsRoleInstances) rebuiltAfter.push(`#${i} ${event.type}`);
    }
    expect(rebuiltAfter).toEqual([]);
  });
});
