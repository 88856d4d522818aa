import { z } from 'zod';
import { countEventsBeforeTime, countEventsThroughTime, eventTypeAt, type EventLog, type SimEvent } from '../../sim/index.js';
import { formatClock } from '../../input/index.js';
import { defineExpectationKind } from './expectation-kind.js';
import {
  describeQuery, eventQueryFields, fieldOf, matchesQuery, refineEventField, refineEventQuery, referencesOfQuery,
  type EventQuery,
} from './event-query.js';
import { describeWindow, refineWindowOrder, windowAt, windowFields, type WrittenWindow } from './time-window.js';

/** How many matching events a verdict lists by time before it only counts. */
const SHOWN_TIMES = 3;
const howMany = z.number().int().min(0);

interface Counted extends EventQuery, WrittenWindow {
  count?: number | undefined;
  min?: number | undefined;
  max?: number | undefined;
  distinct?: string | undefined;
}

/**
 * `logged: { type, subject?, fields?, count? | min? / max?, distinct?, from?, until? }`: the log holds events of this
 * type (about `subject`, with `fields` matching) between `from` and `until` — at least one unless a count says
 * otherwise. `distinct: FIELD` counts the different values of that field instead of the events ("the gateway's IP
 * changed": two distinct `publicIp` among its Provisioned events).
 */
export const loggedKind = defineExpectationKind({
  key: 'logged',
  schema: z
    .strictObject({ ...eventQueryFields, count: howMany.optional(), min: howMany.optional(), max: howMany.optional(), distinct: z.string().min(1).optional(), ...windowFields })
    .superRefine((p, context) => {
      refineEventQuery(p, context);
      refineEventField(p, p.distinct, 'distinct', context);
      refineWindowOrder(p, context);
      if (p.count !== undefined && (p.min !== undefined || p.max !== undefined)) {
        context.addIssue({ code: 'custom', path: ['count'], message: 'count is an exact number; give either count or min/max' });
      }
      if (p.min !== undefined && p.max !== undefined && p.min > p.max) {
        context.addIssue({ code: 'custom', path: ['max'], message: `max ${p.max} is below min ${p.min}` });
      }
    }),
  describe: (p) => `logged ${describeQuery(p)} ${describeCount(p)}${describeWindow(p)}`,
  references: (p) => referencesOfQuery(p),
  window: (p) => p,
  evaluate: (p, { events, nowMs }) => {
    const found = countEvents(p, events, nowMs);
    const { min, max } = boundsOf(p);
    return { holds: found.count >= min && found.count <= max, expected: describeCount(p), actual: found.text };
  },
});

/** `notLogged: { type, subject?, fields?, from?, until? }`: no such event between `from` and `until`. */
export const notLoggedKind = defineExpectationKind({
  key: 'notLogged',
  schema: z.strictObject({ ...eventQueryFields, ...windowFields }).superRefine((p, context) => {
    refineEventQuery(p, context);
    refineWindowOrder(p, context);
  }),
  describe: (p) => `not logged ${describeQuery(p)}${describeWindow(p)}`,
  references: (p) => referencesOfQuery(p),
  window: (p) => p,
  evaluate: (p, { events, nowMs }) => {
    const found = countEvents(p, events, nowMs);
    return { holds: found.count === 0, expected: 'none', actual: found.text };
  },
});

/** The matching events (or distinct values) in the window, and that in words: `2 (00:11:29, 00:45:00)`. */
function countEvents(p: Counted, events: EventLog, nowMs: number): { count: number; text: string } {
  const { fromMs, untilMs } = windowAt(p, nowMs);
  // Times never go back: the window is a run of the log, and only its events of the query's type are rebuilt.
  const matched: SimEvent[] = [];
  const end = countEventsThroughTime(events, untilMs);
  for (let index = countEventsBeforeTime(events, fromMs); index < end; index++) {
    if (eventTypeAt(events, index) !== p.type) continue;
    const event = events.at(index)!;
    if (matchesQuery(p, event)) matched.push(event);
  }
  if (p.distinct !== undefined) {
    const field = p.distinct;
    const values = [...new Set(matched.map((event) => fieldOf(event, field)))];
    return { count: values.length, text: `${values.length} distinct ${field}${values.length === 0 ? '' : ` (${listShown(values)})`}` };
  }
  const times = matched.map((event) => formatClock(event.time));
  return { count: matched.length, text: `${matched.length}${times.length === 0 ? '' : ` (${listShown(times)})`}` };
}

function listShown(items: readonly string[]): string {
  const shown = items.slice(0, SHOWN_TIMES).join(', ');
  return items.length > SHOWN_TIMES ? `${shown}, … ${items.length - SHOWN_TIMES} more` : shown;
}

function boundsOf(p: Counted): { min: number; max: number } {
  if (p.count !== undefined) return { min: p.count, max: p.count };
  return { min: p.min ?? (p.max === undefined ? 1 : 0), max: p.max ?? Number.POSITIVE_INFINITY };
}

/** `exactly 3`, `at least 1`, `at most 2`, `between 2 and 5`, with `distinct publicIp` when counting values. */
function describeCount(p: Counted): string {
  const { min, max } = boundsOf(p);
  const what = p.distinct === undefined ? '' : ` distinct ${p.distinct}`;
  if (min === max) return `exactly ${min}${what}`;
  if (max === Number.POSITIVE_INFINITY) return `at least ${min}${what}`;
  if (min === 0) return `at most ${max}${what}`;
  return `between ${min} and ${max}${what}`;
}
