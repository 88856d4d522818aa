import { describe, expect, it } from 'vitest';
import { runDiff } from '../../src/cli/diff.js';
import { runMatrix } from '../../src/cli/matrix.js';
import { createScenarioWorld } from '../../src/cli/serve.js';
import { loadScenarioFile } from '../../src/scenario/index.js';
import type { LiveWorld } from '../../src/viz/index.js';

/* The page's diff and matrix answers are `vnetsim diff` and `vnetsim matrix` for the moment the page names. */

const STORY = 'scenarios/reach-hybrid.yaml';
const MINUTE_MS = 60_000;

/** The last event at or before `ms`: the page's moment that is the CLI's moment at that event's time. */
function lastEventBy(world: LiveWorld, ms: number): { seq: number; time: number } {
  const event = [...world.events].findLast((e) => e.time <= ms);
  if (event === undefined) throw new Error(`no event by ${ms} ms`);
  return event;
}

async function playedTo(minutes: number): Promise<LiveWorld> {
  const world = createScenarioWorld(await loadScenarioFile(STORY));
  world.advanceTo(minutes * MINUTE_MS);
  return world;
}

describe('the page diff and matrix answerers', () => {
  it('answers a diff between two moments with the text `vnetsim diff` prints for their times, either order', async () => {
    const world = await playedTo(210);
    const [a, b] = [lastEventBy(world, 30 * MINUTE_MS), lastEventBy(world, 210 * MINUTE_MS)];
    const reply = world.diff!(a.seq, b.seq);
    expect(reply.text).toBe(await runDiff(STORY, { fromMs: a.time, toMs: b.time, format: 'text' }));
    expect(reply.from).toEqual({ atSeq: a.seq, atMs: a.time });
    expect(reply.lostCount).toBeGreaterThan(0);
    expect(reply.lost).toHaveLength(reply.lostCount);
    // Every class a flow names comes with its members as graph nodes.
    const classes = new Map(reply.classes.map((c) => [c.id, c]));
    for (const flow of [...reply.gained, ...reply.lost]) {
      expect(classes.get(flow.from)?.nodeIds.length).toBeGreaterThan(0);
      expect(classes.get(flow.to)?.nodeIds.every((id) => /^(vm|site):/.test(id))).toBe(true);
    }
    const backwards = world.diff!(b.seq, a.seq);
    expect(backwards.text).toBe(await runDiff(STORY, { fromMs: b.time, toMs: a.time, format: 'text' }));
    expect(backwards.gainedCount).toBe(reply.lostCount);
  });

  it('answers the same diff whatever was asked before (the earlier side is never changed by a later fold)', async () => {
    const world = await playedTo(210);
    const [a, b, c] = [30, 150, 210].map((m) => lastEventBy(world, m * MINUTE_MS).seq) as [number, number, number];
    const fresh = world.diff!(a, c).text;
    world.reach!('vm:web/web1', 'site:HQ', a);
    world.matrix!(b);
    expect(world.diff!(a, c).text).toBe(fresh);
  });

  it('answers the matrix at a moment with the classes and flows of `vnetsim matrix`', async () => {
    const world = await playedTo(210);
    const at = lastEventBy(world, 30 * MINUTE_MS);
    const cli = JSON.parse(await runMatrix(STORY, { atMs: at.time, format: 'json' })) as {
      classes: { id: string }[];
      flows: { from: string; to: string; path: string; ports: string[] }[];
    };
    const reply = world.matrix!(at.seq);
    expect(reply.atSeq).toBe(at.seq);
    expect(reply.classes.map((c) => c.id)).toEqual(cli.classes.map((c) => c.id));
    expect(reply.classCount).toBe(cli.classes.length);
    expect(reply.cells).toEqual(cli.flows);
    for (const cls of reply.classes) expect(cls.nodeId).toMatch(cls.kind === 'site' ? /^site:/ : /^vm:[^/]+\/.+/);
    // A class of several VMs names a second member for its own cell; a one-VM class does not reach itself.
    for (const cls of reply.classes) expect(cls.partnerNodeId === null).toBe(cls.kind === 'site' || cls.memberCount === 1);
  });
});
