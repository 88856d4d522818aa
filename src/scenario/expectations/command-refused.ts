import { z } from 'zod';
import { REFUSAL_CODES } from '../../sim/index.js';
import { findNearNames } from '../../topology/index.js';
import { COMMAND_NAMES, type CommandName } from '../command-schemas.js';
import type { RefusedCommand } from '../run-report.js';
import { defineExpectationKind } from './expectation-kind.js';

/** A refusal code the engine can give (REFUSAL_CODES), checked at load so a typo is an input error, not a failed verdict. */
const refusalCodeSchema = z.string().min(1).superRefine((code, context) => {
  if (REFUSAL_CODES.has(code)) return;
  const near = findNearNames(code, REFUSAL_CODES.keys());
  const hint = near.length > 0 ? `did you mean ${near.join(' or ')}?` : 'the codes are listed under commandRefused in docs/scenario-format.md';
  context.addIssue({ code: 'custom', message: `'${code}' is not a refusal code of the engine; ${hint}` });
});

/**
 * `commandRefused: { command, code, message?, service?, name? }`: by this time the engine refused such a command with
 * this code (e.g. a VM into a service a PaaS deployment already claimed), its message holding `message` when given.
 * Naming the refusal here also marks it as intended, so the run does not warn about it.
 */
export const commandRefusedKind = defineExpectationKind({
  key: 'commandRefused',
  schema: z.strictObject({
    command: z.enum(COMMAND_NAMES as [CommandName, ...CommandName[]]),
    code: refusalCodeSchema,
    message: z.string().min(1).optional(),
    service: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
  }),
  describe: (p) => `${p.command}${subject(p.service, p.name)} refused with ${describeRefusal(p)}`,
  evaluate: (p, { refused }) => {
    const sameCommand = refused.filter((r) => matchesCommand(p, r));
    const holds = sameCommand.some((r) => matchesRefusal(p, r));
    const actual = sameCommand.length === 0 ? 'not refused' : sameCommand.map((r) => (p.message === undefined ? r.code : `${r.code} "${r.message}"`)).join(', ');
    const expected = `refused with ${describeRefusal(p)}`;
    return { holds, expected, actual: holds ? expected : actual };
  },
  explainsRefusal: (p, refusal) => matchesCommand(p, refusal) && matchesRefusal(p, refusal),
});

function describeRefusal(p: { code: string; message?: string | undefined }): string {
  return p.message === undefined ? p.code : `${p.code} "…${p.message}…"`;
}

function matchesRefusal(p: { code: string; message?: string | undefined }, refusal: RefusedCommand): boolean {
  return refusal.code === p.code && (p.message === undefined || refusal.message.includes(p.message));
}

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
