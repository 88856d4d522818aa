/**
 * The Service Management emulator's request path (issue 9): requests/s and p50/p99 latency of reads
 * (GET /services/hostedservices over 10 cloud services, GET /services/networking/virtualnetwork over a 20-VNet
 * configuration) and a write (PUT /services/networking/media,
 * alternating two documents so every upload changes the world, the operation completed between uploads), each beside a
 * bare node:http handler measured in the same run with the same client (keep-alive, 8 requests in flight).
 * Run: `npm run bench -- emulate`.
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { startEmulator } from '../src/api/index.js';

const CONCURRENCY = 8;
const WARMUP_REQUESTS = 300;
const READ_REQUESTS = 4_000;
const WRITE_REQUESTS = 1_500;
const VNETS = 20;
const SERVICES = 10;

interface Figures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

function networkConfig(variant: number): string {
  const vnets = Array.from({ length: VNETS }, (_, i) => `<VirtualNetworkSite name="vnet${i}" Location="West US"><AddressSpace><AddressPrefix>10.${i}.0.0/16</AddressPrefix></AddressSpace>
    <Subnets><Subnet name="web"><AddressPrefix>10.${i}.1.0/24</AddressPrefix></Subnet><Subnet name="app"><AddressPrefix>10.${i}.${2 + variant}.0/24</AddressPrefix></Subnet></Subnets></VirtualNetworkSite>`).join('');
  return `<NetworkConfiguration xmlns="http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration"><VirtualNetworkConfiguration><Dns />
    <VirtualNetworkSites>${vnets}</VirtualNetworkSites></VirtualNetworkConfiguration></NetworkConfiguration>`;
}

function send(agent: Agent, url: URL, method: string, body: (i: number) => string | undefined, i: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const payload = body(i);
    const started = performance.now();
    const req = request(url, { method, agent, headers: { 'x-ms-version': '2016-07-01', ...(payload === undefined ? {} : { 'content-type': 'application/octet-stream' }) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode !== undefined && res.statusCode < 300 ? resolve(performance.now() - started) : reject(new Error(`HTTP ${res.statusCode} from ${method} ${url.pathname}`))));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function measure(url: URL, method: string, count: number, body: (i: number) => string | undefined, between?: () => void): Promise<Figures> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  for (let i = 0; i < WARMUP_REQUESTS; i++) {
    await send(agent, url, method, body, i);
    between?.();
  }
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  // A write must not overlap the previous one (a second upload while one runs is 409): writes go one at a time.
  const lanes = between === undefined ? CONCURRENCY : 1;
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (next < count) {
      const i = next++;
      latencies.push(await send(agent, url, method, body, i));
      between?.();
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { requestsPerSecond: count / seconds, p50Ms: at(0.5), p99Ms: at(0.99) };
}

function line(name: string, figures: Figures, baseline: Figures): string {
  return `${name.padEnd(44)} ${figures.requestsPerSecond.toFixed(0).padStart(7)} req/s (${(figures.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)}× bare)  p50 ${figures.p50Ms.toFixed(2)} ms  p99 ${figures.p99Ms.toFixed(2)} ms`;
}

const emulator = await startEmulator({ start: { kind: 'empty' }, host: '127.0.0.1', port: 0, paused: true });
const base = `${emulator.apiUrl}/${emulator.subscriptionId}`;
// Each upload's operation completes after 30 simulated seconds; the bench moves the clock past it between uploads.
const completeUpload = (): void => emulator.engine.advanceTo(emulator.engine.now() + 31_000);
await send(new Agent(), new URL(`${base}/services/networking/media`), 'PUT', () => networkConfig(0), 0);
completeUpload();
for (let i = 0; i < SERVICES; i++) {
  const created = `<CreateHostedService xmlns="http://schemas.microsoft.com/windowsazure"><ServiceName>svc${i}</ServiceName><Label>${Buffer.from(`svc${i}`).toString('base64')}</Label><Location>West US</Location></CreateHostedService>`;
  await send(new Agent(), new URL(`${base}/services/hostedservices`), 'POST', () => created, i);
}

const bareRead = networkConfig(0);
const bare = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const text = req.method === 'GET' ? bareRead : '';
    res.writeHead(req.method === 'GET' ? 200 : 202, { 'content-length': String(Buffer.byteLength(text)) }).end(text);
  });
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;

const readBare = await measure(new URL(`${bareUrl}/read`), 'GET', READ_REQUESTS, () => undefined);
const readServices = await measure(new URL(`${base}/services/hostedservices`), 'GET', READ_REQUESTS, () => undefined);
const read = await measure(new URL(`${base}/services/networking/virtualnetwork`), 'GET', READ_REQUESTS, () => undefined);
const writeBare = await measure(new URL(`${bareUrl}/write`), 'PUT', WRITE_REQUESTS, (i) => networkConfig(i % 2), () => undefined);
const write = await measure(new URL(`${base}/services/networking/media`), 'PUT', WRITE_REQUESTS, (i) => networkConfig((i + 1) % 2), completeUpload);

process.stdout.write(`${line('bare node:http GET (same client)', readBare, readBare)}\n`);
process.stdout.write(`${line(`GET hostedservices (${SERVICES} services)`, readServices, readBare)}\n`);
process.stdout.write(`${line(`GET networking/virtualnetwork (${VNETS} VNets)`, read, readBare)}\n`);
process.stdout.write(`${line('bare node:http PUT, one at a time', writeBare, writeBare)}\n`);
process.stdout.write(`${line(`PUT networking/media (${VNETS} VNets, applied)`, write, writeBare)}\n`);
await emulator.close();
await new Promise<void>((resolve) => bare.close(() => resolve()));
