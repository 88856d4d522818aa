import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseRequestXml } from '../../src/api/index.js';
import { parseEventLog } from '../../src/cli/serve.js';
import { InputError } from '../../src/common/index.js';
import { parseNetworkPlan, parseScenario, runScenario } from '../../src/scenario/index.js';
import { formatEventLine } from '../../src/sim/index.js';
import { parseClientMessage } from '../../src/viz/index.js';

/** What a loader made of one input: a value, or a clean refusal (an InputError / an error reply). */
export type Outcome = 'value' | 'diagnostic';

/** Something that reads untrusted text, with the inputs its fuzzing starts from. */
export interface FuzzedLoader {
  name: string;
  /** Valid (or nearly valid) inputs the mutator starts from. */
  seeds(): string[];
  /** Loads one input; throws only when the loader broke its contract (any exception other than a clean refusal). */
  load(text: string): Outcome;
}

const textsIn = (dir: string, pattern: RegExp): string[] =>
  readdirSync(dir).filter((f) => pattern.test(f)).sort().map((f) => readFileSync(join(dir, f), 'utf8'));

/** A loader's contract: it returns, or it throws an InputError with at least one positioned diagnostic. */
function cleanly(load: () => unknown): Outcome {
  try {
    load();
    return 'value';
  } catch (error) {
    if (!(error instanceof InputError) || error.diagnostics.length === 0) throw error;
    for (const d of error.diagnostics) {
      if (!(d.line >= 1 && d.column >= 1 && d.message.length > 0)) throw new Error(`diagnostic without a position or a message: ${JSON.stringify(d)}`);
    }
    return 'diagnostic';
  }
}

/** The event logs of a few scenarios, as `vnetsim run --log` writes them. */
function recordedLogs(): string[] {
  return ['05-site-to-site-shared-key.yaml', '03-service-becomes-paas.yaml', '14-vnet-to-vnet.yaml'].map((file) => {
    const report = runScenario(parseScenario(readFileSync(join('scenarios', file), 'utf8'), file));
    return [...report.events].map((event) => `${formatEventLine(event)}\n`).join('');
  });
}

/** Every loader of untrusted input: files, replayed logs, the page's messages and the Service Management API's request bodies. */
export const FUZZED_LOADERS: readonly FuzzedLoader[] = [
  {
    name: 'scenario-yaml',
    seeds: () => [...textsIn('scenarios', /\.yaml$/), ...textsIn('test/fixtures/reach', /\.yaml$/)],
    load: (text) => cleanly(() => parseScenario(text, 'fuzz.yaml')),
  },
  {
    name: 'network-config-xml',
    seeds: () => [...textsIn('scenarios', /\.xml$/), ...textsIn('test/fixtures/netcfg', /\.xml$/)],
    load: (text) => cleanly(() => parseNetworkPlan(text, 'fuzz.xml')),
  },
  {
    name: 'event-log-jsonl',
    seeds: recordedLogs,
    load: (text) => cleanly(() => parseEventLog(text, 'fuzz.jsonl')),
  },
  {
    name: 'client-ws-message',
    seeds: () => [
      '{"type":"play"}', '{"type":"play","speed":3600}', '{"type":"pause"}', '{"type":"step"}', '{"type":"seek","timeMs":60000}',
      '{"type":"reach","requestId":"r1","from":"vm:web/web1","to":"site:HQ"}',
    ],
    load: (text) => {
      const parsed = parseClientMessage(text);
      if (parsed.ok) return 'value';
      if (typeof parsed.error.message !== 'string' || parsed.error.type !== 'error') throw new Error('an error reply without a message');
      return 'diagnostic';
    },
  },
  {
    name: 'asm-request-xml',
    seeds: () => [
      ...textsIn('test/fixtures/netcfg', /\.xml$/),
      '<?xml version="1.0" encoding="utf-8"?><CreateHostedService xmlns="http://schemas.microsoft.com/windowsazure"><ServiceName>web</ServiceName>' +
        '<Label>d2Vi</Label><Location>West US</Location></CreateHostedService>',
      '<UpdateGatewayParameters xmlns="http://schemas.microsoft.com/windowsazure"><GatewaySize>Default</GatewaySize></UpdateGatewayParameters>',
      '<ResetSharedKey xmlns="http://schemas.microsoft.com/windowsazure"><KeyLength>32</KeyLength></ResetSharedKey>',
    ],
    // the Service Management API emulator's request-body reader: an element tree, or undefined (InvalidXmlRequest)
    load: (text) => (parseRequestXml(text) === undefined ? 'diagnostic' : 'value'),
  },
];

/** Folder of the inputs that once broke a loader; tests replay every file in it. */
export function corpusDir(loader: string): string {
  return join('test', 'fuzz', 'corpus', loader);
}
