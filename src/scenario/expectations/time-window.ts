import type { z } from 'zod';
import { parseDuration } from '../../input/index.js';
import { durationSchema } from '../entry-schema.js';

/** `from` / `until`: the part of the run an expectation about history looks at (both ends included). */
export const windowFields = {
  from: durationSchema.optional(),
  until: durationSchema.optional(),
};

/** A window as written: either end may be absent (from the start of the run, until the expectation's time). */
export interface WrittenWindow {
  from?: string | undefined;
  until?: string | undefined;
}

/** A window in simulated ms, both ends included. */
export interface Window {
  fromMs: number;
  untilMs: number;
}

/** The window at check time: from 0 and until now unless the expectation said otherwise. */
export function windowAt(written: WrittenWindow, nowMs: number): Window {
  return { fromMs: msOf(written.from) ?? 0, untilMs: msOf(written.until) ?? nowMs };
}

/** ` from 1h until 2h`, or nothing for the whole run so far. */
export function describeWindow(written: WrittenWindow): string {
  return `${written.from === undefined ? '' : ` from ${written.from}`}${written.until === undefined ? '' : ` until ${written.until}`}`;
}

/** Refuses a window that ends before it starts, at its `until`. */
export function refineWindowOrder(written: WrittenWindow, context: z.core.$RefinementCtx): void {
  const fromMs = msOf(written.from);
  const untilMs = msOf(written.until);
  if (fromMs !== undefined && untilMs !== undefined && untilMs < fromMs) {
    context.addIssue({ code: 'custom', path: ['until'], message: `until ${written.until ?? ''} is before from ${written.from ?? ''}; write the earlier time as from` });
  }
}

/**
 * A window end later than the expectation's own time, which would ask about a future the check cannot see: the field
 * and the message, or undefined when the window lies in the past.
 */
export function findWindowBeyond(written: WrittenWindow, atMs: number, atText: string): { field: 'from' | 'until'; message: string } | undefined {
  for (const field of ['until', 'from'] as const) {
    const text = written[field];
    const ms = msOf(text);
    if (text !== undefined && ms !== undefined && ms > atMs) {
      return {
        field,
        message: `${field} ${text} is after this expectation's time (at: ${atText}); an expectation sees only what happened by then: move at: to ${text} or later`,
      };
    }
  }
  return undefined;
}

function msOf(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseDuration(text);
}
