import type { Command } from 'commander';
import { formatScenarioJsonSchema } from '../scenario/index.js';

/** Adds `vnetsim schema`: prints the scenario file's JSON Schema, for editors (yaml-language-server) and CI. */
export function registerSchemaCommand(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of scenario files (point your editor at it for completion)')
    .action(() => {
      process.stdout.write(formatScenarioJsonSchema());
    });
}
