import { decideConnectCommand, isConnectCommand } from '../connect/index.js';
import type { GatewayCommand, GatewayResult } from '../gateway/index.js';
import { decideComputeCommand, isComputeCommand, type ComputeLimits, type ComputeProfile } from '../vm/index.js';
import { applyRecorded } from './apply-event.js';
import type { Command } from './commands.js';
import { createConnectContext } from './connect-context.js';
import { cloneStreams, createDecideContext, type RandomStreams } from './decide-context.js';
import { decideNetworkConfig } from './network-config.js';
import type { World } from './world.js';

/**
 * A request's commands decided as one: every command is decided in order against a scratch copy of the world, each
 * accepted one folded into that copy so the next sees it, with copies of the random streams. Nothing of the engine's
 * own world, log or streams is touched, so a request refused at its third command leaves everything as it was, and
 * the engine then applies an accepted request knowing every command will pass (the same decisions on the same state).
 */

/** What a trial run needs from the engine: its state at this moment, read only. */
export interface TrialEngine {
  world: World;
  streams: RandomStreams;
  profile: ComputeProfile;
  limits: ComputeLimits;
  nowMs: number;
  /** The month the engine's clock started in, which dates Connect's retirement. */
  startMonth: string;
  /** Sequence number the next recorded event would get. */
  nextSeq: number;
  /** The gateway host's check of a command against its configuration (changes nothing). */
  validateGateway(command: GatewayCommand): GatewayResult;
}

/** The first command a trial refused: its place in the request and the refusal the engine would have given. */
export interface TrialRefusal {
  ok: false;
  index: number;
  code: string;
  message: string;
  objects: string[];
  platformMessage?: string | undefined;
}

/** Every command would be accepted, or the first that would not. */
export type TrialVerdict = { ok: true } | TrialRefusal;

/**
 * Decides `commands` in order without changing the engine. Gateway commands and network uploads act through the
 * gateway host, whose state a scratch world does not hold, so they may only end a request (true of every request the
 * platform's operations make); anything else is a programming error.
 */
export function trialRun(engine: TrialEngine, commands: readonly Command[]): TrialVerdict {
  // One command needs no folding: deciding is pure, so the engine's own world serves (only the streams are copied).
  const world = commands.length > 1 ? structuredClone(engine.world) : engine.world;
  const context = createDecideContext(world, cloneStreams(engine.streams), engine.profile, engine.limits);
  context.nowMs = engine.nowMs;
  let seq = engine.nextSeq;
  for (const [index, command] of commands.entries()) {
    const isLast = index === commands.length - 1;
    if (isConnectCommand(command)) {
      const verdict = decideConnectCommand(world.connect, command, createConnectContext(world, engine.nowMs, engine.startMonth));
      if (!verdict.ok) return { ok: false, index, ...verdict.refusal };
      for (const body of isLast ? [] : verdict.events) applyRecorded(world, body, seq++, engine.nowMs);
      continue;
    }
    if (command.type === 'setNetworkConfig' || !isComputeCommand(command)) {
      if (!isLast) throw new RangeError(`a ${command.type} command can only be the last of a request (it acts through the gateway host)`);
      if (command.type === 'setNetworkConfig') {
        const decision = decideNetworkConfig(world, command.plan);
        return decision.ok ? { ok: true } : { ok: false, index, ...decision.refusal };
      }
      const verdict = engine.validateGateway(command);
      return verdict.ok ? verdict : { ok: false, index, code: verdict.code, message: verdict.message, objects: [], platformMessage: verdict.platformMessage };
    }
    const decision = decideComputeCommand(world, command, context);
    if (!decision.ok) return { ok: false, index, ...decision.refusal };
    if (isLast) break;
    for (const body of decision.events) applyRecorded(world, body, seq++, engine.nowMs);
  }
  return { ok: true };
}
