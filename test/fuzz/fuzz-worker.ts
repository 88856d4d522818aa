import { parentPort, workerData } from 'node:worker_threads';
import { FUZZED_LOADERS } from './loaders.js';

/** A worker that loads inputs for one loader, so the driver can kill it when an input hangs or exhausts memory. */
const loader = FUZZED_LOADERS.find((candidate) => candidate.name === (workerData as { loader: string }).loader);
if (loader === undefined || parentPort === null) throw new Error('fuzz-worker: unknown loader or not a worker');
const port = parentPort;

port.postMessage({ type: 'seeds', seeds: loader.seeds() });
port.on('message', ({ id, input }: { id: number; input: string }) => {
  const started = performance.now();
  try {
    const outcome = loader.load(input);
    port.postMessage({ type: 'done', id, outcome, ms: performance.now() - started });
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
    port.postMessage({ type: 'crash', id, message: message.slice(0, 4000), ms: performance.now() - started });
  }
});
