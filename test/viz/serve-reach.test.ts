import { describe, expect, it } from 'vitest';
import { createLogWorld, createScenarioWorld } from '../../src/cli/serve.js';
import { loadScenarioFile, runScenario } from '../../src/scenario/index.js';

const SCENARIO = 'test/e2e/fixtures/hub-tunnel.yaml';

async function worldAt(timeMs: number) {
  const world = createScenarioWorld(await loadScenarioFile(SCENARIO));
  world.advanceTo(timeMs);
  return world;
}

describe('reach queries from the page, answered by the topology engine', () => {
  it('traces a VM to its on-premises site through the gateway once the tunnel is up', async () => {
    const answer = (await worldAt(30 * 60_000)).reach!('vm:web/web1', 'site:HQ').answer;
    expect(answer.verdict).toBe('reachable');
    expect(answer.disposition).toBe('delivered');
    expect(answer.hops.map((h) => h.nodeId)).toEqual(['vm:web/web1', 'vnet:CorpVNet', 'gateway:CorpVNet', 'site:HQ']);
    expect(answer.blockers).toEqual([]);
  });

  it('names every blocker, on its node, while the gateway is still provisioning', async () => {
    const answer = (await worldAt(10 * 60_000)).reach!('vm:web/web1', 'site:HQ').answer;
    expect(answer.verdict).toBe('unreachable');
    expect(answer.disposition).toBe('gateway-not-provisioned');
    expect(answer.blockers.map((b) => [b.nodeId, b.code])).toContainEqual(['gateway:CorpVNet', 'gateway-not-provisioned']);
    expect(answer.blockers.every((b) => b.message.includes('fix:'))).toBe(true);
  });

  it('sees the world as it stands: a stopped VM answers nothing', async () => {
    const answer = (await worldAt(2 * 3_600_000)).reach!('site:HQ', 'vm:web/web1').answer;
    expect(answer.verdict).toBe('unreachable');
    expect(answer.blockers.map((b) => [b.nodeId, b.code])).toContainEqual(['vm:web/web1', 'vm-not-running']);
  });

  it('explains that a subnet is not a flow end', async () => {
    const answer = (await worldAt(30 * 60_000)).reach!('subnet:CorpVNet/FrontEnd', 'site:HQ').answer;
    expect(answer).toMatchObject({ verdict: 'unreachable', disposition: 'not-a-flow-end', hops: [] });
    expect(answer.blockers[0]?.nodeId).toBe('subnet:CorpVNet/FrontEnd');
  });

  it('answers on a replayed event log exactly as on the live scenario', async () => {
    const scenario = await loadScenarioFile(SCENARIO);
    const replay = createLogWorld([...runScenario(scenario, { untilMs: 30 * 60_000 }).events], SCENARIO);
    replay.advanceTo(30 * 60_000);
    expect(replay.reach!('vm:web/web1', 'site:HQ')).toEqual((await worldAt(30 * 60_000)).reach!('vm:web/web1', 'site:HQ'));
  });

  it('answers for the moment the page shows (atSeq), not for the live end, and says which moment', async () => {
    const live = await worldAt(30 * 60_000);
    const early = await worldAt(10 * 60_000);
    const earlySeq = early.events.at(-1)!.seq;
    const scrubbed = live.reach!('vm:web/web1', 'site:HQ', earlySeq);
    expect(scrubbed.atSeq).toBe(earlySeq);
    expect(scrubbed.atMs).toBe(early.events.at(-1)!.time);
    expect(scrubbed.answer).toEqual(early.reach!('vm:web/web1', 'site:HQ').answer);
    expect(scrubbed.answer.disposition).toBe('gateway-not-provisioned');
    // Back at the live end the answer is the end's again, after a past moment was asked.
    const end = live.reach!('vm:web/web1', 'site:HQ');
    expect(end.atSeq).toBe(live.events.at(-1)!.seq);
    expect(end.answer.verdict).toBe('reachable');
  });

  it("carries the CLI's text: both directions and every hop, the tunnel among them", async () => {
    const { answer } = (await worldAt(30 * 60_000)).reach!('vm:web/web1', 'site:HQ');
    expect(answer.text).toContain('forward  web/web1 → 192.168.0.1 (on-premises site HQ): reachable (delivered)');
    expect(answer.text).toContain('reverse  192.168.0.1 (on-premises site HQ) → web/web1: reachable (delivered)');
    expect(answer.text).toMatch(/✓ {7}tunnel {10}connection:CorpVNet->HQ/);
  });
});
