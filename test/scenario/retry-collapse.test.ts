import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/sim/index.js';
import { formatRunReport, parseScenario, runScenario, type RunReport } from '../../src/scenario/index.js';
import { createEventNarrator } from '../../src/scenario/event-narration.js';
import { planRetryCollapse } from '../../src/scenario/retry-collapse.js';

const TUNNEL = { vnet: 'V', site: 'HQ' };
let seq = 0;

/** One failed retry round of tunnel V ↔ HQ at `time` s: retry, the IKE answer, back to NotConnected. */
function round(time: number, reason: 'AUTHENTICATION_FAILED' | 'NO_PROPOSAL_CHOSEN' = 'AUTHENTICATION_FAILED', site = 'HQ'): SimEvent[] {
  const at = time * 1000;
  const tunnel = { ...TUNNEL, site };
  return [
    { seq: ++seq, time: at, type: 'connection.stateChanged', ...tunnel, from: 'NotConnected', to: 'Connecting', eventId: 23402, message: 'retry', reason, retry: true },
    { seq: ++seq, time: at, type: 'connection.ike', ...tunnel, exchange: 'MAIN_MODE', detail: `peer answered with ${reason}` },
    { seq: ++seq, time: at, type: 'connection.stateChanged', ...tunnel, from: 'Connecting', to: 'NotConnected', eventId: 23402, message: 'failed', reason },
  ];
}

const keySet = (time: number): SimEvent => ({ seq: ++seq, time: time * 1000, type: 'connection.sharedKeySet', ...TUNNEL, key: 'k', generated: false });
const otherObject = (time: number): SimEvent => ({ seq: ++seq, time: time * 1000, type: 'vnet.removed', vnet: 'Other' });

/** The timeline lines as `run` prints them without --verbose, with runs of spaces squeezed. */
function collapse(events: SimEvent[]): string[] {
  const narrate = createEventNarrator();
  const { hidden, summaries } = planRetryCollapse(events);
  return events.flatMap((event, index) => {
    const line = narrate(event);
    return [summaries.get(index), hidden.has(index) ? undefined : line].filter((shown): shown is string => shown !== undefined);
  }).map((line) => line.replace(/\s+/g, ' '));
}

const summaryOf = (line: string | undefined): string => (line ?? '').replace(/^(.+?) tunnel V ↔ \S+ /, '$1 ');

describe('repeated identical retry rounds collapse into one line', () => {
  it.each([
    ['three identical rounds: the first shown, then one line for the other two', [...round(10), ...round(20), ...round(30)], 4,
      '00:00:20 retried 2 more times until 00:00:30, same reason [AUTHENTICATION_FAILED], each round as above (--verbose shows each)'],
    ['rounds days into a run', [...round(86_400 * 3), ...round(86_400 * 3 + 20), ...round(86_400 * 3 + 40)], 4,
      '3d 00:00:20 retried 2 more times until 3d 00:00:40, same reason [AUTHENTICATION_FAILED], each round as above (--verbose shows each)'],
    ['two identical rounds', [...round(10), ...round(20)], 4, '00:00:20 retried once more until 00:00:20, same reason [AUTHENTICATION_FAILED], each round as above (--verbose shows each)'],
    ['a different reason is a different round', [...round(10), ...round(20, 'NO_PROPOSAL_CHOSEN')], 6, undefined],
    ['another event of the tunnel between rounds breaks the run', [...round(10), keySet(15), ...round(20)], 7, undefined],
    ['rounds of two tunnels are not the same round', [...round(10), ...round(20, 'AUTHENTICATION_FAILED', 'Branch')], 6, undefined],
    ['a round the log ends in the middle of stays', [...round(10), ...round(20).slice(0, 2)], 5, undefined],
  ])('%s', (_name, events, lineCount, summary) => {
    const lines = collapse(events);
    expect(lines).toHaveLength(lineCount);
    if (summary !== undefined) expect(summaryOf(lines[3])).toBe(summary);
    else expect(lines.some((line) => line.includes('retried'))).toBe(false);
  });

  it('keeps the lines of other objects where they were', () => {
    const lines = collapse([...round(10), ...round(20).slice(0, 1), otherObject(20), ...round(20).slice(1), ...round(30)]);
    expect(lines.map((line) => line.split(' ').slice(1, 3).join(' '))).toEqual([
      'tunnel V', 'tunnel V', 'tunnel V', 'tunnel V', 'vnet Other',
    ]);
  });
});

const STORY = 'scenarios/08-wrong-peer-ip.yaml';

function runStory(until?: number): RunReport {
  return runScenario(parseScenario(readFileSync(STORY, 'utf8'), STORY), until === undefined ? {} : { untilMs: until });
}

describe('run --verbose and the pending-timers note', () => {
  it('shows every event with verbose, and fewer lines without', () => {
    const report = runStory();
    const verbose = formatRunReport(report, { verbose: true });
    const collapsed = formatRunReport(report);
    expect(verbose.filter((line) => /^\d\d:\d\d:\d\d {2}\S/.test(line) && !line.includes('run ended'))).toHaveLength(report.events.length);
    expect(collapsed.length).toBeLessThan(verbose.length);
    expect(collapsed.some((line) => line.includes('retried 4 more times until 00:59:14, same reason [WRONG_PEER_IP]'))).toBe(true);
  });

  it('says when a run ends with timers pending, and when the next was due', () => {
    const report = runStory(40 * 60_000);
    expect(report.pendingTimers?.count).toBeGreaterThan(0);
    const note = formatRunReport(report).find((line) => line.includes('run ended'));
    expect(note).toMatch(/^00:40:00 {2}run ended {13} {2}\d+ timers? still pending; the next was due at 00:40:\d\d /);
  });

  it('adds no note when nothing is pending', () => {
    const text = 'name: quiet\nseed: 1\nera: 2014\nuntil: 1m\n';
    const report = runScenario(parseScenario(text, 'quiet.yaml'));
    expect(report.pendingTimers).toBeUndefined();
    expect(formatRunReport(report).some((line) => line.includes('run ended'))).toBe(false);
  });
});
