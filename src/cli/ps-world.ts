import { readFile } from 'node:fs/promises';
import { LiveEngine, formatRecordedScenario, type RecordingBase } from '../api/index.js';
import { InputError, diagnosticAt } from '../common/index.js';
import { createRng, drawAlphanumericKey, Simulation } from '../sim/index.js';
import { findScenarioEndMs, loadNetworkPlan, loadScenarioFile } from '../scenario/index.js';

/** The seed of a run that starts from an empty subscription or a NetworkConfig.xml. */
export const PS_DEFAULT_SEED = 2014;

/** The subscription a script runs against, and what `--record` needs to write it back as a scenario. */
export interface PsWorld {
  engine: LiveEngine;
  base: RecordingBase;
}

/**
 * The starting world: an empty subscription, a NetworkConfig.xml (uploaded at 0s), or a scenario run to its end.
 * Generated keys come from the seeded RNG, so the same script and world always give the same event log.
 */
export async function loadPsWorld(file: string | undefined): Promise<PsWorld> {
  if (file === undefined) return { engine: createEngine(PS_DEFAULT_SEED, undefined), base: { name: 'ps', seed: PS_DEFAULT_SEED, era: '2014' } };
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text !== undefined && text.replace(/^\uFEFF/, '').trimStart().startsWith('<')) {
    const plan = (await loadNetworkPlan(file)).plan;
    const engine = createEngine(PS_DEFAULT_SEED, undefined);
    const applied = engine.applyNetworkConfig(plan);
    if (!applied.ok) throw new InputError([diagnosticAt({ file, line: 1, column: 1 }, 'network-config-refused', 'error', applied.error.message)]);
    return { engine, base: { name: 'ps', seed: PS_DEFAULT_SEED, era: '2014' } };
  }
  const scenario = await loadScenarioFile(file);
  const sim = Simulation.create({
    seed: scenario.seed, era: scenario.era, network: scenario.plan, devices: scenario.devices, profile: scenario.profile, limits: scenario.limits, scenarioName: scenario.name,
  });
  const hasNetwork = scenario.plan.vnets.length > 0 || scenario.plan.localSites.length > 0;
  const engine = new LiveEngine({ sim, subscriptionId: SUBSCRIPTION_ID, randomAlphanumeric: keyGenerator(scenario.seed), network: hasNetwork ? scenario.plan : undefined, scheduled: scenario.commands });
  engine.advanceTo(findScenarioEndMs(scenario));
  return { engine, base: { name: scenario.name, seed: scenario.seed, era: scenario.era, scenarioText: text } };
}

/** The subscription id the simulated subscription reports. */
const SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';

function createEngine(seed: number, network: undefined): LiveEngine {
  const sim = Simulation.create({ seed, era: '2014', network: { file: '', dnsServers: [], localSites: [], vnets: [] }, scenarioName: 'ps' });
  return new LiveEngine({ sim, subscriptionId: SUBSCRIPTION_ID, randomAlphanumeric: keyGenerator(seed), network });
}

function keyGenerator(seed: number): (length: number) => string {
  const rng = createRng(`${seed}/shared-keys`);
  return (length) => drawAlphanumericKey((n) => rng.nextInt(n), length);
}

/** The run as a scenario whose timeline is every command the engine accepted (`--record`). */
export function formatPsRecording(world: PsWorld): string {
  return formatRecordedScenario(world.base, world.engine.accepted, world.engine.sim.clock.now());
}
