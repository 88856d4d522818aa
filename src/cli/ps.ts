import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatEventLines } from '../sim/index.js';
import { formatWorldSummary, summarizeWorld } from '../powershell/index.js';
import { choiceOption } from './options.js';
import { describeStop, runPsScript } from './ps-run.js';
import { formatPsRecording } from './ps-world.js';

interface PsFlags {
  answers?: string | undefined;
  world?: string | undefined;
  log?: string | undefined;
  record?: string | undefined;
  format: 'text' | 'json';
}

/** The arguments, flags and action of `vnetsim ps SCRIPT`; imported only when it runs (commands.ts names and describes it). */
export function defineCommand(command: Command): void {
  command
    .argument('<script>', 'a PowerShell script of the era (.ps1; UTF-16LE, UTF-8 or Windows-1252)')
    .option('--answers <file>', 'YAML: readHost answers, credential, files (Windows path -> local file), placeholders, params')
    .option('--world <file>', 'the starting subscription: a scenario YAML or a NetworkConfig.xml (default: empty)')
    .option('--log <file>', 'write the event log as JSON lines')
    .option('--record <path>', 'write the run as a scenario that `vnetsim run` replays to the same world')
    .option('--format <format>', 'output format: text or json', choiceOption(['text', 'json'] as const), 'text')
    .action(async (script: string, flags: PsFlags) => {
      const { result, host, world, startMs } = await runPsScript(script, flags);
      const summary = summarizeWorld(world.engine.sim.world, world.engine.state.compute);
      if (flags.log !== undefined) await writeFile(flags.log, formatEventLines(world.engine.sim.events));
      if (flags.record !== undefined) await writeFile(flags.record, formatPsRecording(world));
      const stop = describeStop(script, result);
      if (flags.format === 'json') {
        const notes = host.notes.map((n) => n.text);
        process.stdout.write(`${JSON.stringify({ exitCode: result.exitCode, console: host.lines, notes, stopped: stop ?? null, world: summary, writtenFiles: [...host.writtenFiles().keys()] }, null, 2)}\n`);
      } else {
        const lines = [...host.lines, ...host.notes.map((n) => `NOTE: ${n.text}`), '', ...formatWorldSummary(summary, world.engine.now() - startMs)];
        process.stdout.write(`${lines.join('\n')}\n`);
        if (stop !== undefined) process.stderr.write(`${stop}\n`);
      }
      process.exitCode = result.exitCode;
    });
}
