import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/common/index.js';
import { createScenarioWorld, parseEventLog } from '../../src/cli/serve.js';
import { browsableUrl } from '../../src/cli/listen-options.js';
import { loadScenarioFile, runScenario } from '../../src/scenario/index.js';

const SCENARIO = 'test/e2e/fixtures/hub-tunnel.yaml';

describe('createScenarioWorld', () => {
  it('logs exactly what `vnetsim run` logs, however the clock is advanced', async () => {
    const scenario = await loadScenarioFile(SCENARIO);
    const expected = runScenario(scenario).events;
    const world = createScenarioWorld(scenario);
    for (let t = 0; t <= 3_600_000; t += 7_777) world.advanceTo(t);
    world.advanceTo(3_600_000);
    // The logs' events, not the stores: two stores holding the same events differ in their compiled layouts.
    expect([...world.events]).toEqual([...expected]);
    expect(world.events.length).toBeGreaterThan(0);
  });

  it('steps from one due moment to the next and stops at the scenario end', async () => {
    const world = createScenarioWorld(await loadScenarioFile(SCENARIO));
    const stops: number[] = [];
    for (let next = world.nextEventTime(); next !== undefined && stops.length < 10_000; next = world.nextEventTime()) {
      expect(next).toBeGreaterThanOrEqual(world.now());
      world.advanceTo(next);
      stops.push(next);
    }
    expect(stops[0]).toBe(0);
    expect(stops).toContain(60_000);
    expect(stops[stops.length - 1]).toBe(3_600_000);
    expect([...world.events].some((e) => e.type === 'connection.stateChanged' && e.to === 'Connected')).toBe(true);
  });
});

describe('parseEventLog', () => {
  const STARTED = '{"seq":1,"time":0,"type":"world.started","scenario":"s","seed":"1","era":"2014"}';
  it('reads one checked event per line, skipping blank lines', () => {
    const text = `${STARTED}\n\n{"seq":2,"time":5,"type":"affinityGroup.created","affinityGroup":"AG","region":"West US"}\n`;
    expect(parseEventLog(text, 'log.jsonl').map((e) => e.seq)).toEqual([1, 2]);
  });

  it.each([
    [`${STARTED}\nnot json\n`, 2, 'not JSON'],
    ['{"seq":1,"time":0}\n', 1, 'not an event'],
    ['null\n', 1, 'not an event'],
    [`${STARTED}\n[1,2]\n`, 2, 'not an event'],
    [`${STARTED}\n{"seq":3,"time":0,"type":"service.deleted","service":"web"}\n`, 2, '1 event is missing'],
    [`${STARTED}\n{"seq":2,"time":0,"type":"service.deleted","service":"web"}\n`, 2, 'service web does not exist'],
  ])('reports a bad line at its position: %s', (text, line, message) => {
    try {
      parseEventLog(text, 'log.jsonl');
      expect.unreachable('parseEventLog accepted a bad log');
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      const [first] = (error as InputError).diagnostics;
      expect(first).toMatchObject({ file: 'log.jsonl', line, column: 1, rule: 'event-log-line' });
      expect(first?.message).toContain(message);
    }
  });
});

describe('browsableUrl', () => {
  it.each([
    ['0.0.0.0', 'http://0.0.0.0:8080/', 'http://127.0.0.1:8080/'],
    ['::', 'http://[::]:8080/', 'http://[::1]:8080/'],
    ['127.0.0.1', 'http://127.0.0.1:8080/', 'http://127.0.0.1:8080/'],
    ['192.0.2.7', 'http://192.0.2.7:8080/', 'http://192.0.2.7:8080/'],
  ])('prints a URL a browser here can open for --host %s', (host, url, expected) => {
    expect(browsableUrl(url, host, 8080)).toBe(expected);
  });
});
