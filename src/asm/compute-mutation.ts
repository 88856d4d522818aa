import type { ComputeDecision } from './compute-outcome.js';
import { fail, succeed, type PlatformResult } from './errors.js';
import type { Mutation } from './state.js';

/**
 * A compute decision in the operation-function shape the live engine performs: commands, the record edit (applied to
 * the subscription's compute records once the engine accepted every command) and the pattern-A operation it opens —
 * `undefined` for the synchronous calls (hosted service create/delete, disk create/delete).
 */
export function toMutation(decision: ComputeDecision, operationName: string | undefined): PlatformResult<Mutation> {
  if (decision.kind === 'refuse') return fail(decision.error);
  if (decision.kind === 'failLater') {
    const { error } = decision;
    return succeed({ commands: [], operation: { pattern: 'compute', name: operationName ?? 'Compute', rule: () => ({ status: 'failed', error }) } });
  }
  const { commands, edit, completion } = decision;
  return succeed({
    commands,
    remember: edit === undefined ? undefined : (state) => edit(state.compute),
    operation: operationName === undefined ? undefined : { pattern: 'compute', name: operationName, rule: completion },
  });
}
