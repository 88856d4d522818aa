import type { Command } from 'commander';
import { formatScenarioJsonSchema } from '../scenario/index.js';

/** The arguments, flags and action of `vnetsim schema`; imported only when it runs (commands.ts names and describes it). */
export function defineCommand(command: Command): void {
  command
    .action(() => {
      process.stdout.write(formatScenarioJsonSchema());
    });
}
