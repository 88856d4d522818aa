import { z } from 'zod';
import { COMMAND_NAMES, type CommandName } from '../command-schemas.js';
import type { RefusedCommand } from '../run-report.js';
import { defineExpectationKind } from './expectation-kind.js';

/**
 * `commandRefused: { command, code, service?, name? }`: by this time the engine refused such a command with this
 * code (e.g. a VM into a service a PaaS deployment already claimed). Naming the refusal here also marks it as
 * intended, so the run does not warn about it.
 */
export const commandRefusedKind = defineExpectationKind({
  key: 'commandRefused',
  schema: z.strictObject({
    command: z.enum(COMMAND_NAMES as [CommandName, ...CommandName[]]),
    code: z.string().min(1),
    service: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
  }),
  describe: (p) => `${p.command}${subject(p.service, p.name)} refused with ${p.code}`,
  evaluate: (p, { refused }) => {
    const sameCommand = refused.filter((r) => matchesCommand(p, r));
    const holds = sameCommand.some((r) => r.code === p.code);
    const actual = sameCommand.length === 0 ? 'not refused' : sameCommand.map((r) => r.code).join(', ');
    return { holds, expected: `refused with ${p.code}`, actual: holds ? `refused with ${p.code}` : actual };
  },
  explainsRefusal: (p, refusal) => matchesCommand(p, refusal) && refusal.code === p.code,
});

function matchesCommand(
  p: { command: CommandName; service?: string | undefined; name?: string | undefined },
  refusal: RefusedCommand,
): boolean {
  const command = refusal.command;
  const service = 'service' in command ? command.service : undefined;
  const name = 'name' in command ? command.name : undefined;
  return (
    command.type === p.command &&
    (p.service === undefined || service === p.service) &&
    (p.name === undefined || name === p.name)
  );
}

function subject(service: string | undefined, name: string | undefined): string {
  const parts = [service, name].filter((part): part is string => part !== undefined);
  return parts.length === 0 ? '' : ` ${parts.join('/')}`;
}
