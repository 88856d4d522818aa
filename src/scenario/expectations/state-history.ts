import { z } from 'zod';
import { countEventsThroughTime, eventTypeAt, type EventLog, type EventType, type SimEvent } from '../../sim/index.js';
import type { ObjectReference } from '../object-reference.js';
import { CONNECTIVITY_STATE } from './connection-state.js';
import { defineExpectationKind, type Verdict } from './expectation-kind.js';
import { GATEWAY_STATE } from './gateway-state.js';
import { describeWindow, refineWindowOrder, windowAt, windowFields, type Window } from './time-window.js';
import { describeMatch, matchOf, matchesValue, pathsOfMatch } from './value-match.js';
import { INSTANCE_STATUS } from './vm-state.js';

/*
 * History read from the event log: which states a VM, a gateway or a tunnel held between two times, from the
 * catalogue's typed state-change events (vm.stateChanged, gateway.stateChanged, connection.stateChanged). The subject
 * is named as in vmState, gatewayState and connection: `service` + `vm`, `vnet`, or `vnet` + `site`.
 */

const SUBJECT_STATES = {
  vm: INSTANCE_STATUS.options,
  gateway: GATEWAY_STATE.options,
  tunnel: CONNECTIVITY_STATE.options,
} as const;

/** Every state of every subject, for editors; the refinement below insists on the states of the subject named. */
const anyState = z.string().min(1).meta({ enum: [...new Set<string>(Object.values(SUBJECT_STATES).flat())] });

const historySchema = z
  .strictObject({
    service: z.string().min(1).optional(),
    vm: z.string().min(1).optional(),
    vnet: z.string().min(1).optional(),
    site: z.string().min(1).optional(),
    state: matchOf(anyState),
    ...windowFields,
  })
  .superRefine((p, context) => {
    refineWindowOrder(p, context);
    const kind = subjectKindOf(p);
    if (kind === undefined) {
      context.addIssue({ code: 'custom', message: 'name a VM (service and vm), a gateway (vnet) or a tunnel (vnet and site), and nothing else' });
      return;
    }
    const allowed: readonly string[] = SUBJECT_STATES[kind];
    for (const { value, path } of pathsOfMatch(p.state)) {
      if (!allowed.includes(value)) {
        context.addIssue({ code: 'custom', path: ['state', ...path], message: `${value} is not a state of a ${kind}; use one of: ${allowed.join(', ')}` });
      }
    }
  });

type HistoryParameters = z.output<typeof historySchema>;

/** Which kind of subject the keys name: `service` + `vm`, `vnet` + `site`, or `vnet` alone. */
function subjectKindOf(p: { service?: string | undefined; vm?: string | undefined; vnet?: string | undefined; site?: string | undefined }): keyof typeof SUBJECT_STATES | undefined {
  const named = (['service', 'vm', 'vnet', 'site'] as const).filter((key) => p[key] !== undefined).join('+');
  return named === 'service+vm' ? 'vm' : named === 'vnet+site' ? 'tunnel' : named === 'vnet' ? 'gateway' : undefined;
}

/** A subject whose history is read: how it is named, what it starts as, and which events change its state. */
interface Subject {
  label: string;
  /** The state before any change is logged (a gateway is NotProvisioned, a tunnel NotConnected); none for a VM. */
  initial: string | undefined;
  /** The type of the events that change its state: the only ones rebuilt from the log. */
  changeType: EventType;
  transitionOf(event: SimEvent): { from: string; to: string } | undefined;
  references: ObjectReference[];
}

function subjectOf(p: HistoryParameters): Subject {
  const { service = '', vm = '', vnet = '', site = '' } = p;
  switch (subjectKindOf(p)) {
    case 'vm':
      return {
        label: `vm ${service}/${vm}`,
        initial: undefined,
        changeType: 'vm.stateChanged',
        transitionOf: (e) => (e.type === 'vm.stateChanged' && e.service === service && e.vm === vm ? e : undefined),
        references: [{ kind: 'vm', service, name: vm, path: ['vm'] }],
      };
    case 'tunnel':
      return {
        label: `tunnel ${vnet} ↔ ${site}`,
        initial: 'NotConnected',
        changeType: 'connection.stateChanged',
        transitionOf: (e) => (e.type === 'connection.stateChanged' && e.vnet === vnet && e.site === site ? e : undefined),
        references: [{ kind: 'vnet', name: vnet, path: ['vnet'] }, { kind: 'site', name: site, path: ['site'] }],
      };
    default:
      return {
        label: `gateway ${vnet}`,
        initial: 'NotProvisioned',
        changeType: 'gateway.stateChanged',
        transitionOf: (e) => (e.type === 'gateway.stateChanged' && e.vnet === vnet ? e : undefined),
        references: [{ kind: 'vnet', name: vnet, path: ['vnet'] }],
      };
  }
}

/**
 * The states the subject held at some moment of the window, in the order first held: the state it was in at the
 * window's start, then every state a change moved it into (or out of, for one created inside the window) up to its end.
 */
function statesHeld(subject: Subject, events: EventLog, window: Window): string[] {
  let atStart = subject.initial;
  const held = new Set<string>();
  // Times never go back: the events up to the window's end are a run of the log, and of them only the state changes
  // of the subject's type are rebuilt (a run of 200,000 VMs logs 1.7M events).
  const end = countEventsThroughTime(events, window.untilMs);
  for (let index = 0; index < end; index++) {
    if (eventTypeAt(events, index) !== subject.changeType) continue;
    const event = events.at(index)!;
    const change = subject.transitionOf(event);
    if (change === undefined) continue;
    if (event.time <= window.fromMs) {
      atStart = change.to;
      continue;
    }
    if (held.size === 0 && atStart !== undefined) held.add(atStart);
    held.add(change.from);
    held.add(change.to);
  }
  if (held.size === 0 && atStart !== undefined) held.add(atStart);
  return [...held];
}

/** A history kind: `passedThrough` when the state must have been held in the window, `neverReached` when it must not. */
function defineHistoryKind(key: 'passedThrough' | 'neverReached', wantHeld: boolean) {
  const words = wantHeld ? 'passed through' : 'never reached';
  return defineExpectationKind({
    key,
    schema: historySchema,
    describe: (p) => `${subjectOf(p).label} ${words} ${describeMatch(p.state)}${describeWindow(p)}`,
    references: (p) => subjectOf(p).references,
    window: (p) => p,
    evaluate: (p, { events, nowMs }): Verdict => {
      const held = statesHeld(subjectOf(p), events, windowAt(p, nowMs));
      const reached = held.some((state) => matchesValue(p.state, state));
      return { holds: reached === wantHeld, expected: `${words} ${describeMatch(p.state)}`, actual: held.length === 0 ? 'no state logged' : `held ${held.join(' → ')}` };
    },
  });
}

/**
 * `passedThrough: { service, vm | vnet | vnet, site; state; from?; until? }`: the subject held the state at some
 * moment between `from` (default the start) and `until` (default the expectation's time), however briefly.
 */
export const passedThroughKind = defineHistoryKind('passedThrough', true);

/** `neverReached: { …the same… }`: the subject never held the state in the window ("the tunnel never reached Connected"). */
export const neverReachedKind = defineHistoryKind('neverReached', false);
