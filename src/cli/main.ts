#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { InputError, capDiagnosticsPerFile, formatDiagnostic, formatOmittedLine } from '../common/index.js';
import { registerCommands } from './commands.js';

/** Exit code for input that cannot be read or parsed (the README's contract). */
const EXIT_BAD_INPUT = 2;

const program = new Command('vnetsim')
  .description('Simulate Azure classic virtual networks, cloud services, VMs and site-to-site VPN gateways')
  .version('0.1.0')
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text) });

await registerCommands(program, process.argv.slice(2));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version also arrive here, with exit code 0.
    process.exitCode = error.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
  } else if (error instanceof InputError) {
    // at most 100 lines per file, each of bounded length: a fuzzed file once produced 80,125 lines
    const capped = capDiagnosticsPerFile(error.diagnostics);
    for (const d of capped.shown) process.stderr.write(`${formatDiagnostic(d)}\n`);
    for (const [file, left] of capped.omitted) {
      process.stderr.write(`${formatOmittedLine(file, left)}\n`);
    }
    process.exitCode = EXIT_BAD_INPUT;
  } else {
    throw error;
  }
}
