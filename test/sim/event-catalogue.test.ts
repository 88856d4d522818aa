import { describe, expect, expectTypeOf, it } from 'vitest';
import { CONNECT_EVENT_SCHEMAS } from '../../src/connect/index.js';
import { GATEWAY_EVENT_SCHEMAS } from '../../src/gateway/index.js';
import { ENGINE_EVENT_SCHEMAS } from '../../src/sim/events.js';
import { EVENT_SCHEMAS, isEventType, type EventType, type SimEvent } from '../../src/sim/index.js';
import { COMPUTE_EVENT_SCHEMAS } from '../../src/vm/index.js';

/*
 * The catalogue is closed and typed: each event type is declared once, in one domain, and the union has no open
 * member, so a payload field can only be read after narrowing by type (the @ts-expect-error lines fail `tsc -p .`
 * the day an escape hatch comes back).
 */

describe('the event catalogue', () => {
  it('declares each event type in exactly one domain, and the full catalogue is their union', () => {
    const domains = [ENGINE_EVENT_SCHEMAS, COMPUTE_EVENT_SCHEMAS, GATEWAY_EVENT_SCHEMAS, CONNECT_EVENT_SCHEMAS].map((schemas) => Object.keys(schemas));
    const all = domains.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(Object.keys(EVENT_SCHEMAS).sort()).toEqual([...all].sort());
    for (const type of all) expect(isEventType(type)).toBe(true);
    expect(isEventType('vm.teleported')).toBe(false);
    expect(isEventType('toString')).toBe(false);
  });

  it('has no open member: an unknown type is not an event, and an un-narrowed event has no payload fields', () => {
    expectTypeOf<'vm.teleported'>().not.toExtend<EventType>();
    expectTypeOf<string>().not.toExtend<EventType>();
    // @ts-expect-error an event of a type outside the catalogue does not type-check
    const unknown: SimEvent = { seq: 1, time: 0, type: 'vm.teleported' };
    const event = { seq: 1, time: 0, type: 'vm.deleted', service: 'web', vm: 'web1' } as SimEvent;
    // @ts-expect-error a payload field is read only after narrowing by type
    expect(event.service).toBe('web');
    if (event.type === 'vm.deleted') expectTypeOf(event.service).toEqualTypeOf<string>();
    expect(unknown.type).toBe('vm.teleported');
  });

  it('refuses a payload with a field it does not declare', () => {
    expect(EVENT_SCHEMAS['vm.deleted'].safeParse({ service: 'web', vm: 'web1' }).success).toBe(true);
    expect(EVENT_SCHEMAS['vm.deleted'].safeParse({ service: 'web', vm: 'web1', name: 'x' }).success).toBe(false);
    expect(EVENT_SCHEMAS['vm.deleted'].safeParse({ service: 'web' }).success).toBe(false);
  });
});
