import type { Command } from 'commander';
import { registerCheckCommand } from './check.js';
import { registerDiffCommand } from './diff.js';
import { registerExportCommand } from './export.js';
import { registerFreeCommand } from './free.js';
import { registerMatrixCommand } from './matrix.js';
import { registerReachCommand } from './reach.js';
import { registerRunCommand } from './run.js';
import { registerSchemaCommand } from './schema.js';
import { registerServeCommand } from './serve.js';
import { registerStatusCommand } from './status.js';

/** Adds every `vnetsim` sub-command to the program; each command lives in its own file. */
export function registerCommands(program: Command): void {
  registerCheckCommand(program);
  registerDiffCommand(program);
  registerExportCommand(program);
  registerFreeCommand(program);
  registerMatrixCommand(program);
  registerReachCommand(program);
  registerRunCommand(program);
  registerSchemaCommand(program);
  registerServeCommand(program);
  registerStatusCommand(program);
}
