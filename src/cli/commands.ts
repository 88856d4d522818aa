import type { Command } from 'commander';
import { registerCheckCommand } from './check.js';
import { registerFreeCommand } from './free.js';
import { registerRunCommand } from './run.js';
import { registerSchemaCommand } from './schema.js';
import { registerServeCommand } from './serve.js';

/** Adds every `vnetsim` sub-command to the program; each command lives in its own file. */
export function registerCommands(program: Command): void {
  registerCheckCommand(program);
  registerFreeCommand(program);
  registerRunCommand(program);
  registerSchemaCommand(program);
  registerServeCommand(program);
}
