import type { Command } from 'commander';
import { InputError, diagnosticAt } from '../common/index.js';
import type { NetworkPlan } from '../ipam/index.js';
import { loadNetworkPlan, loadScenarioFile, networkPlanOfWorld, runScenarioForWorld, writeNetworkConfigXml } from '../scenario/index.js';
import { parseTimeOption } from './options.js';
import { openAtomicOutput } from './atomic-output.js';

/** Code of the diagnostic for an `--out` path that cannot be written. */
export const UNWRITABLE_OUTPUT_RULE = 'unwritable-output';

interface ExportFlags {
  at?: number | undefined;
  out?: string | undefined;
}

/**
 * The network configuration a file describes: a plan file's plan as written, or, with `atMs`, the world of a
 * scenario run up to that time (sites and VNets the timeline added or changed included).
 */
export async function loadExportedPlan(file: string, atMs: number | undefined): Promise<NetworkPlan> {
  if (atMs === undefined) return (await loadNetworkPlan(file)).plan;
  const scenario = await loadScenarioFile(file);
  // The run stops at `atMs`, so the world it ends in is that moment's: no event log is kept, none is replayed.
  return networkPlanOfWorld(runScenarioForWorld(scenario, { untilMs: atMs }).world, scenario.plan);
}

/** The arguments, flags and action of `vnetsim export FILE [--at T] [--out PATH]`; imported only when it runs (commands.ts names and describes it). */
export function defineCommand(command: Command): void {
  command
    .argument('<file>', 'scenario YAML, plan-only YAML or NetworkConfig.xml')
    .option('--at <duration>', 'run the scenario to this simulated time and export its network then (e.g. 30m)', parseTimeOption)
    .option('--out <path>', 'write to this file instead of stdout')
    .action(async (file: string, flags: ExportFlags) => {
      const xml = writeNetworkConfigXml(await loadExportedPlan(file, flags.at));
      if (flags.out === undefined) {
        process.stdout.write(xml);
        return;
      }
      try {
        // beside the path and renamed when complete: a failed write leaves an existing file as it was
        await (await openAtomicOutput(flags.out)).commit(xml);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new InputError([
          diagnosticAt({ file: flags.out, line: 1, column: 1 }, UNWRITABLE_OUTPUT_RULE, 'error', `cannot write --out: ${reason}; give a path in an existing, writable directory`),
        ]);
      }
    });
}
