import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InputError, diagnosticAt } from '../common/index.js';
import { loadNetworkPlan, writePlanScenarioYaml } from '../scenario/index.js';

/** Code of the diagnostic for an `--out` path that cannot be written. */
export const UNWRITABLE_INIT_OUTPUT_RULE = 'unwritable-output';

interface InitFlags {
  from: string;
  out?: string | undefined;
}

/** The scenario YAML `init` writes for a plan file: named after the file, without its extension. */
export async function initScenarioText(from: string): Promise<string> {
  const { plan } = await loadNetworkPlan(from);
  const name = (from.replace(/^.*[\\/]/, '').replace(/\.(netcfg\.)?(xml|ya?ml)$/i, '') || 'scenario').replace(/[^\w.-]+/g, '-');
  return writePlanScenarioYaml(plan, name);
}

/** The arguments, flags and action of `vnetsim init --from FILE [--out PATH]`; imported only when it runs. */
export function defineCommand(command: Command): void {
  command
    .requiredOption('--from <file>', 'a NetworkConfig.xml (Get-AzureVNetConfig export) or plan YAML to start from')
    .option('--out <path>', 'write the scenario to this file instead of stdout')
    .action(async (flags: InitFlags) => {
      const text = await initScenarioText(flags.from);
      if (flags.out === undefined) {
        process.stdout.write(text);
        return;
      }
      try {
        await writeFile(flags.out, text, { flag: 'wx' });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new InputError([
          diagnosticAt({ file: flags.out, line: 1, column: 1 }, UNWRITABLE_INIT_OUTPUT_RULE, 'error', `cannot write --out: ${reason}; give a new file in an existing, writable directory (init never overwrites)`),
        ]);
      }
    });
}
