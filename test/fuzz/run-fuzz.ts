/**
 * `npm run fuzz [-- --runs N] [--loader NAME] [--seed S] [--time-limit-ms T]`: feeds every loader of untrusted input
 * N mutated inputs (default 100,000 each), one at a time in a worker thread with a per-input time limit and a heap
 * cap, so an input that hangs or exhausts memory is killed and counted rather than stopping the run. Every input that
 * breaks a loader's contract (an exception other than a clean refusal, a hang, a dead worker) is written to
 * test/fuzz/corpus/<loader>/, which `npm test` replays. Prints one summary line per loader.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { FUZZED_LOADERS, corpusDir, type Outcome } from './loaders.js';
import { createRng, mutate } from './mutator.js';

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '100000' },
    loader: { type: 'string' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000_007) },
    'time-limit-ms': { type: 'string', default: '10000' },
  },
});
const RUNS = Number(flags.runs);
const SEED = Number(flags.seed);
const TIME_LIMIT_MS = Number(flags['time-limit-ms']);
/** Heap of a worker: an input that needs more is a memory bomb, and the worker dying is the finding. */
const WORKER_HEAP_MB = 1024;

/** Worker threads do not inherit tsx's module hooks: the worker registers them itself, then loads the TypeScript worker. */
const WORKER_BOOTSTRAP = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(new URL('./fuzz-worker.ts', import.meta.url).href)}); });`;

type Reply = { type: 'seeds'; seeds: string[] } | { type: 'done'; id: number; outcome: Outcome; ms: number } | { type: 'crash'; id: number; message: string; ms: number };

interface Tally {
  loader: string;
  inputs: number;
  values: number;
  diagnostics: number;
  crashes: number;
  hangs: number;
  slowestMs: number;
}

/** A worker for one loader, and the seeds it reported once it had loaded. */
async function startWorker(loader: string): Promise<{ worker: Worker; seeds: string[] }> {
  const worker = new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: { loader }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  const seeds = await new Promise<string[]>((resolve, reject) => {
    worker.once('message', (reply: Reply) => (reply.type === 'seeds' ? resolve(reply.seeds) : reject(new Error('worker did not start'))));
    worker.once('error', reject);
  });
  return { worker, seeds };
}

/** Sends one input and waits for its outcome, the time limit, or the worker's death. */
function runOne(worker: Worker, id: number, input: string): Promise<Reply | { type: 'hang' } | { type: 'died'; message: string }> {
  return new Promise((resolve) => {
    const finish = (result: Reply | { type: 'hang' } | { type: 'died'; message: string }): void => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      resolve(result);
    };
    const onMessage = (reply: Reply): void => {
      if (reply.type !== 'seeds' && reply.id === id) finish(reply);
    };
    const onError = (error: Error): void => finish({ type: 'died', message: `${error.name}: ${error.message}` });
    const onExit = (code: number): void => finish({ type: 'died', message: `worker exited with code ${code}` });
    const timer = setTimeout(() => finish({ type: 'hang' }), TIME_LIMIT_MS);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ id, input });
  });
}

function keep(loader: string, kind: string, input: string, detail: string): void {
  const dir = corpusDir(loader);
  mkdirSync(dir, { recursive: true });
  const name = `${kind}-${createHash('sha256').update(input).digest('hex').slice(0, 16)}`;
  writeFileSync(join(dir, name), input);
  writeFileSync(join(dir, `.${name}.why`), `${detail}\n`);
  process.stderr.write(`  ${loader}: ${kind} kept as ${join(dir, name)}: ${detail.split('\n')[0]}\n`);
}

async function fuzzLoader(name: string): Promise<Tally> {
  const tally: Tally = { loader: name, inputs: 0, values: 0, diagnostics: 0, crashes: 0, hangs: 0, slowestMs: 0 };
  let { worker, seeds } = await startWorker(name);
  const rng = createRng(SEED);
  for (let id = 0; id < RUNS; id++) {
    const input = mutate(seeds, rng);
    const result = await runOne(worker, id, input);
    tally.inputs++;
    if (result.type === 'done') {
      tally[result.outcome === 'value' ? 'values' : 'diagnostics']++;
      tally.slowestMs = Math.max(tally.slowestMs, result.ms);
    } else if (result.type === 'crash') {
      tally.crashes++;
      keep(name, 'crash', input, result.message);
    } else if (result.type !== 'seeds') {
      if (result.type === 'hang') tally.hangs++;
      else tally.crashes++;
      keep(name, result.type, input, result.type === 'hang' ? `no answer within ${TIME_LIMIT_MS} ms` : result.message);
      await worker.terminate();
      ({ worker } = await startWorker(name));
    }
    if ((id + 1) % 5000 === 0) process.stderr.write(`  ${name}: ${id + 1}/${RUNS}\n`);
  }
  await worker.terminate();
  return tally;
}

const loaders = FUZZED_LOADERS.filter((l) => flags.loader === undefined || l.name === flags.loader).map((l) => l.name);
process.stdout.write(`fuzz: ${RUNS} inputs per loader, seed ${SEED}, ${TIME_LIMIT_MS} ms per input, ${WORKER_HEAP_MB} MB heap per worker\n`);
let broken = 0;
for (const name of loaders) {
  const started = Date.now();
  const tally = await fuzzLoader(name);
  broken += tally.crashes + tally.hangs;
  process.stdout.write(`${JSON.stringify({ ...tally, slowestMs: Math.round(tally.slowestMs), seconds: Math.round((Date.now() - started) / 1000) })}\n`);
}
process.exitCode = broken > 0 ? 1 : 0;
