import { Command, Help } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS, registerCommands } from '../../src/cli/commands.js';

describe('the lazy command registry', () => {
  it.each(COMMANDS.map((entry) => [entry.name, entry] as const))('lists %s in --help with the usage its module defines', async (_name, entry) => {
    const command = new Command(entry.name);
    (await entry.load()).defineCommand(command);
    expect([entry.name, entry.usage].filter((part) => part !== '').join(' ')).toBe(new Help().subcommandTerm(command));
  });

  it('defines only the command the command line names, and the one after `help`', async () => {
    const program = new Command('vnetsim');
    await registerCommands(program, ['help', 'matrix']);
    const defined = program.commands.filter((command) => command.options.length > 0 || command.registeredArguments.length > 0);
    expect(defined.map((command) => command.name())).toEqual(['matrix']);
  });

  it('defines nothing for --help, so no command module is imported', async () => {
    const program = new Command('vnetsim');
    await registerCommands(program, ['--help']);
    expect(program.commands.filter((command) => command.registeredArguments.length > 0)).toEqual([]);
    expect(program.commands.map((command) => command.name())).toEqual(COMMANDS.map((entry) => entry.name));
  });

  it.each([
    ['free', ['--vnet', '--size']],
    ['diff', ['--from', '--to']],
    ['init', ['--from']],
    ['reach', []],
  ])('marks the options %s cannot run without, and only those, as (required) in its --help', async (name, required) => {
    const program = new Command('vnetsim');
    await registerCommands(program, [name]);
    const command = program.commands.find((candidate) => candidate.name() === name) ?? program;
    const help = command.createHelp();
    const marked = command.options.filter((option) => help.optionDescription(option).endsWith(' (required)')).map((option) => option.long);
    expect(marked).toEqual(required);
    const printed = command.helpInformation().replace(/\s+/g, ' ');
    for (const option of command.options.filter((o) => o.mandatory)) expect(printed).toContain(`${help.optionDescription(option)} `);
  });
});
