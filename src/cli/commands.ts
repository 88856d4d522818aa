import type { Command } from 'commander';

/** Adds every `vnetsim` sub-command to the program; each command lives in its own file. */
export function registerCommands(program: Command): void {
  void program;
}
