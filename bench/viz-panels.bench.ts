/**
 * The live page's prefix tree (#13 item 7) at scale: building the rows of a 2,000-node world's address plan (20 VNets,
 * 200 subnets, 1,800 VMs), beside the baseline every frame already pays for the same view, building its graph model.
 * The page rebuilds the tree at most every 250 ms while the world changes, the graph on every frame.
 * Run: `npm run bench -- viz-panels`.
 */
import { performance } from 'node:perf_hooks';
import { applyEvents, buildGraph, buildPrefixTree, createView, type View } from '../src/viz/index.js';
import { largeWorldEvents } from '../test/viz/fixtures.js';

const ROUNDS = 5;
const REPEATS = 40;

/** Median milliseconds of one call over ROUNDS rounds of REPEATS calls. */
function measure(run: () => unknown): number {
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    for (let i = 0; i < REPEATS; i++) run();
    rounds.push((performance.now() - start) / REPEATS);
  }
  return rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
}

const view: View = applyEvents(createView(), largeWorldEvents(20, 10, 9, 0));
const rows = buildPrefixTree(view).length;
const graphMs = measure(() => buildGraph(view));
const treeMs = measure(() => buildPrefixTree(view));
console.log(`world: ${Object.keys(view.vms).length} VMs, ${rows} prefix rows`);
console.log(`graph model (baseline): ${graphMs.toFixed(2)} ms per view`);
console.log(`prefix tree:            ${treeMs.toFixed(2)} ms per view (${(treeMs / graphMs).toFixed(2)}× the graph model)`);
