import type { Command } from 'commander';
import { InputError, diagnosticAt } from '../common/index.js';
import { readGatewayStatus } from '../gateway/index.js';
import { formatClock, loadScenarioFile, runScenarioForWorld, type Scenario } from '../scenario/index.js';
import type { GatewayStatus } from '../sim/index.js';
import { choiceOption, parseTimeOption } from './options.js';
import { formatGatewayStatus } from './status-format.js';

/** Rule of a `--vnet` that names no virtual network of the scenario. */
const UNKNOWN_VNET_RULE = 'unknown-vnet';

interface StatusFlags {
  at?: number | undefined;
  vnet?: string | undefined;
  format: 'text' | 'json';
}

/** One scenario's gateways at one simulated moment, as the status cmdlets showed them. */
export interface GatewayStatusReport {
  scenario: string;
  atMs: number;
  gateways: GatewayStatus[];
}

/**
 * Plays a scenario up to `atMs` (its end when absent) and reads every VNet's gateway and connections, byte counters
 * brought forward to that moment. A VNet that never had a gateway reports NotProvisioned, as the platform did.
 */
export function readScenarioGatewayStatus(scenario: Scenario, atMs: number | undefined, vnet?: string): GatewayStatusReport {
  const names = scenario.plan.vnets.map((v) => v.name);
  if (vnet !== undefined && !names.includes(vnet)) {
    const known = names.length === 0 ? 'the scenario defines no VNet' : `known VNets: ${names.join(', ')}`;
    throw new InputError([
      diagnosticAt({ file: scenario.file, line: 1, column: 1 }, UNKNOWN_VNET_RULE, 'error', `no virtual network named "${vnet}"; ${known}`),
    ]);
  }
  // The run stops its clock at endMs, so the world it leaves is the world at that moment.
  const { world, endMs } = runScenarioForWorld(scenario, atMs === undefined ? {} : { untilMs: atMs });
  const gateways = (vnet === undefined ? names : [vnet]).map((name) => {
    const status = world.gateway.gateways[name];
    return status === undefined ? { vnet: name, state: 'NotProvisioned' as const, connections: {} } : readGatewayStatus(status, endMs);
  });
  return { scenario: scenario.name, atMs: endMs, gateways };
}

/** The arguments, flags and action of `vnetsim status FILE [--at T] [--vnet NAME]`; imported only when it runs (commands.ts names and describes it). */
export function defineCommand(command: Command): void {
  command
    .argument('<file>', 'scenario YAML file')
    .option('--at <duration>', 'simulated time to look at (default: the end of the scenario), e.g. 30m or 2h', parseTimeOption)
    .option('--vnet <name>', 'only this virtual network')
    .option('--format <format>', 'output format: text or json', choiceOption(['text', 'json'] as const), 'text')
    .action(async (file: string, flags: StatusFlags) => {
      const scenario = await loadScenarioFile(file);
      const report = readScenarioGatewayStatus(scenario, flags.at, flags.vnet);
      if (flags.format === 'json') {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      const lines = [`scenario ${report.scenario} at ${formatClock(report.atMs)}`];
      for (const gateway of report.gateways) lines.push('', ...formatGatewayStatus(gateway));
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
