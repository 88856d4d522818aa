import { Help, type Command, type Option } from 'commander';

/** What a command's module exports: it adds the command's arguments, flags and action to the named command. */
export interface CommandModule {
  defineCommand(command: Command): void;
}

/**
 * One `vnetsim` sub-command as the registry knows it before its module is imported. Only `load` imports the module
 * (and with it zod, yaml, xstate, the engine …), so `vnetsim --help` and each command pay only for what they run.
 */
export interface CommandEntry {
  name: string;
  /** Its arguments as `vnetsim --help` lists them, e.g. `[options] <file>`; a test keeps it equal to what the module defines. */
  usage: string;
  description: string;
  load(): Promise<CommandModule>;
}

/**
 * Every sub-command, in `--help` order. To add one: write `src/cli/NAME.ts` exporting `defineCommand` (arguments,
 * flags, action) and add an entry here; never import a command's module statically from this file or main.ts.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'check',
    usage: '[options] <files...>',
    description:
      'check address plans (scenario YAML or NetworkConfig.xml), each file on its own: exit 0 clean, 1 errors found, 2 a file was refused',
    load: () => import('./check.js'),
  },
  {
    name: 'diff',
    usage: '[options] <file>',
    description: 'flows gained and lost between two moments of a scenario, each with the events that caused it',
    load: () => import('./diff.js'),
  },
  {
    name: 'emulate',
    usage: '[options] [file]',
    description: 'serve the Service Management API (azure CLI, SDKs) and the live page over one simulated world that clients change',
    load: () => import('./emulate.js'),
  },
  {
    name: 'export',
    usage: '[options] <file>',
    description: 'write the network configuration of a plan or scenario as NetworkConfig.xml (Set-AzureVNetConfig input)',
    load: () => import('./export.js'),
  },
  {
    name: 'free',
    usage: '[options] <file>',
    description: "print the next free aligned prefixes in a VNet's address space, after its subnets, one per line",
    load: () => import('./free.js'),
  },
  {
    name: 'init',
    usage: '[options]',
    description: 'write a runnable scenario YAML that starts from a NetworkConfig.xml (its plan, seed 0, the era its features date it to)',
    load: () => import('./init.js'),
  },
  {
    name: 'matrix',
    usage: '[options] <file>',
    description: 'who can reach whom at a moment of a scenario, grouped into classes of VMs that reach and are reached alike',
    load: () => import('./matrix.js'),
  },
  {
    name: 'ps',
    usage: '[options] <script>',
    description: "run a classic Azure PowerShell script of 2012–2015 unmodified on a simulated subscription (exit 0 ran to its end, 1 stopped on an error, 2 cannot run)",
    load: () => import('./ps.js'),
  },
  {
    name: 'reach',
    usage: '[options] <file> <from> <to>',
    description: 'can FROM reach TO at a moment of a scenario, both ways, with the hop trace and every blocker (exit 0 delivered, 1 not, 2 bad input)',
    load: () => import('./reach.js'),
  },
  {
    name: 'run',
    usage: '[options] <file>',
    description: 'run a scenario: print what happened and whether each expectation held (exit 0 all held, 1 one failed, 2 bad input)',
    load: () => import('./run.js'),
  },
  {
    name: 'schema',
    usage: '',
    description: 'print the JSON Schema of scenario files (point your editor at it for completion)',
    load: () => import('./schema.js'),
  },
  {
    name: 'serve',
    usage: '[options] <file>',
    description: 'run a scenario on the simulated clock and show it live in the browser (topology, timeline, reach, diff, matrix, address plan)',
    load: () => import('./serve.js'),
  },
  {
    name: 'status',
    usage: '[options] <file>',
    description: 'show each VNet gateway and its site connections at a simulated moment, as Get-AzureVNetGateway and Get-AzureVNetConnection did',
    load: () => import('./status.js'),
  },
];

/** `vnetsim --help` lists each command with the usage of its entry, since its module (and arguments) is not loaded. */
const HELP_LISTING = new Help();

/** An option's help text, marked `(required)` when the command cannot run without it (commander leaves it unmarked). */
function describeOption(option: Option): string {
  const description = HELP_LISTING.optionDescription(option);
  return option.mandatory ? `${description} (required)` : description;
}

/**
 * Adds every sub-command to the program by name and description only, then imports and defines the one the command
 * line names (`vnetsim NAME …` or `vnetsim help NAME`), so commander parses its arguments as before.
 */
export async function registerCommands(program: Command, args: readonly string[]): Promise<void> {
  for (const entry of COMMANDS) program.command(entry.name).description(entry.description).configureHelp({ optionDescription: describeOption });
  program.configureHelp({
    subcommandTerm: (command) => {
      const entry = COMMANDS.find((candidate) => candidate.name === command.name());
      return entry === undefined ? HELP_LISTING.subcommandTerm(command) : [entry.name, entry.usage].filter((part) => part !== '').join(' ');
    },
  });
  const requested = args[0] === 'help' ? args[1] : args[0];
  const entry = COMMANDS.find((candidate) => candidate.name === requested);
  const command = program.commands.find((candidate) => candidate.name() === requested);
  if (entry !== undefined && command !== undefined) (await entry.load()).defineCommand(command);
}
