import { z } from 'zod';
import { MAX_SIM_TIME_MS } from '../common/index.js';
import { MAX_SPEED, errorMessage, type ClientMessage, type ErrorMessage } from './protocol.js';

const requestId = z.string().min(1).max(64);
const seq = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const nodeId = z.string().min(1).max(200).regex(/^[a-zA-Z]+:/, 'must be a graph node id like vm:service/name');

/** Schema of every message a page may send; unknown keys are errors, not silently dropped. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('play'), speed: z.number().positive().max(MAX_SPEED).optional() }),
  z.strictObject({ type: z.literal('pause') }),
  z.strictObject({ type: z.literal('step') }),
  // Seeking runs the engine to that time, so it is bounded like every other simulated time (src/common/limits.ts).
  z.strictObject({
    type: z.literal('seek'),
    timeMs: z.number().int().nonnegative().max(MAX_SIM_TIME_MS, `seek at most ${MAX_SIM_TIME_MS} ms (400 days of simulated time)`),
  }),
  // atSeq names the moment the page shows (its last visible event); absent means the live end of the log.
  z.strictObject({
    type: z.literal('reach'), requestId, from: nodeId, to: nodeId, atSeq: seq.optional(),
  }),
  // The two moments of a diff, each the last event shown then; either order (`fromSeq` is "before").
  z.strictObject({ type: z.literal('diff'), requestId, fromSeq: seq, toSeq: seq }),
  z.strictObject({ type: z.literal('matrix'), requestId, atSeq: seq.optional() }),
]);

// Compile-time guard: the schema and the protocol's ClientMessage type must describe the same messages.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesProtocol: Same<z.infer<typeof clientMessageSchema>, ClientMessage> = true;
void schemaMatchesProtocol;

/** Result of reading one client frame: the message, or the error to reply with. */
export type ParsedClientMessage = { ok: true; message: ClientMessage } | { ok: false; error: ErrorMessage };

/** Parses and validates one text frame from a page. */
export function parseClientMessage(text: string): ParsedClientMessage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: errorMessage('bad-json', 'message is not JSON; send {"type": "play" | "pause" | "step" | "seek" | "reach" | "diff" | "matrix", ...}') };
  }
  const result = clientMessageSchema.safeParse(json);
  if (result.success) return { ok: true, message: result.data };
  const problems = result.error.issues.map((issue) => `${issue.path.length === 0 ? '(message)' : issue.path.join('.')}: ${issue.message}`);
  const requestId = typeof json === 'object' && json !== null && typeof (json as Record<string, unknown>)['requestId'] === 'string'
    ? String((json as Record<string, unknown>)['requestId']).slice(0, 64) : null;
  return { ok: false, error: errorMessage('bad-message', problems.join('; '), requestId) };
}
