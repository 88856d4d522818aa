import type { z } from 'zod';
import type { EventLog, World } from '../../sim/index.js';
import type { ObjectReference } from '../object-reference.js';
import type { RefusedCommand } from '../run-report.js';
import type { WrittenWindow } from './time-window.js';

/** What an expectation sees when it is checked: the world and the event log at that simulated time. */
export interface ExpectationContext {
  world: World;
  /** Every event so far, oldest first. */
  events: EventLog;
  /** Every command refused so far, oldest first. */
  refused: readonly RefusedCommand[];
  nowMs: number;
}

/** The result of checking one expectation: whether it holds, and both sides in words for the verdict line. */
export interface Verdict {
  holds: boolean;
  expected: string;
  actual: string;
}

/** An expectation whose parameters were validated: it can name its subject, list its references and be checked. */
export interface BoundExpectation {
  /** e.g. `vm web/web1 state is ReadyRole`. */
  description: string;
  /** Objects named, with paths relative to the kind's parameters, for the static reference check. */
  references: readonly ObjectReference[];
  evaluate(context: ExpectationContext): Verdict;
  /** Whether this expectation anticipates a refusal, so the run does not flag it as unexpected. */
  explainsRefusal?(refusal: RefusedCommand): boolean;
  /** The part of the run it looks back on, for kinds about history; the loader checks it lies before `at`. */
  window?: WrittenWindow;
}

/** One kind of expectation: the YAML key that selects it, its parameter schema, and how to bind validated values. */
export interface ExpectationKind {
  key: string;
  schema: z.ZodType;
  bind(parameters: unknown): BoundExpectation;
}

/** How to write one expectation kind: its parameters' schema plus pure functions of the validated parameters. */
export interface ExpectationKindSpec<S extends z.ZodType> {
  key: string;
  schema: S;
  describe(parameters: z.output<S>): string;
  references?(parameters: z.output<S>): readonly ObjectReference[];
  evaluate(parameters: z.output<S>, context: ExpectationContext): Verdict;
  explainsRefusal?(parameters: z.output<S>, refusal: RefusedCommand): boolean;
  window?(parameters: z.output<S>): WrittenWindow;
}

/** Turns a kind's spec into a registry entry; `bind` must only receive values its `schema` accepted. */
export function defineExpectationKind<S extends z.ZodType>(spec: ExpectationKindSpec<S>): ExpectationKind {
  return {
    key: spec.key,
    schema: spec.schema,
    bind(parameters) {
      // The loader validates with `spec.schema` before binding, so the value has the schema's output type.
      const validated = parameters as z.output<S>;
      return {
        description: spec.describe(validated),
        references: spec.references?.(validated) ?? [],
        evaluate: (context) => spec.evaluate(validated, context),
        ...(spec.explainsRefusal === undefined
          ? {}
          : { explainsRefusal: (refusal: RefusedCommand) => spec.explainsRefusal?.(validated, refusal) === true }),
        ...(spec.window === undefined ? {} : { window: spec.window(validated) }),
      };
    },
  };
}

/** Formats an optional value for a verdict: `(none)` when absent. */
export function showValue(value: string | number | undefined | null): string {
  return value === undefined || value === null ? '(none)' : String(value);
}
