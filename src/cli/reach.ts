import { InvalidArgumentError, type Command } from 'commander';
import type { ConnectPath } from '../connect/index.js';
import { formatClock } from '../input/index.js';
import { queryReach, queryReachOnAnyPort, type EndpointError, type FlowQuery, type TopologyIndex } from '../topology/index.js';
import { answerConnectReach, formatConnectPath } from './reach-connect.js';
import { formatReachJson, formatReachText, type ReachReport } from './reach-format.js';
import { choiceOption, parseTimeOption } from './options.js';
import { loadWorldAt, type WorldView } from './scenario-topology.js';

/** Exit code when the forward flow is not delivered, as `check` exits 1 on findings (bad input exits 2). */
export const EXIT_NOT_DELIVERED = 1;
/** Exit code for a FROM or TO that names nothing usable, the same as any other bad input. */
export const EXIT_BAD_ENDPOINT = 2;
/** Most names listed when a misspelt name has no near match. */
const MAX_LISTED_NAMES = 10;

/** Output formats of `vnetsim reach`. */
export const REACH_FORMATS = ['text', 'json'] as const;
type ReachFormat = (typeof REACH_FORMATS)[number];

/** Options of one reach question. */
export interface ReachOptions {
  /** Transport and port; absent asks whether any port gets through. */
  query?: FlowQuery | undefined;
  /** Simulated time; absent means the scenario's end. */
  atMs?: number | undefined;
  format: ReachFormat;
}

/** What a reach run prints and the exit code it asks for. */
export interface ReachRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * Runs a scenario to the asked time and answers FROM → TO both ways. An unreadable or invalid scenario throws an
 * InputError (main.ts prints it, exit 2); a FROM/TO that names nothing comes back on stderr with exit 2.
 */
export async function runReach(file: string, from: string, to: string, options: ReachOptions): Promise<ReachRun> {
  const world = await loadWorldAt(file, options.atMs, { withSources: true });
  const { index } = world;
  const result = options.query === undefined
    ? queryReachOnAnyPort(index, from, to)
    : { ...queryReach(index, from, to, options.query), port: `${options.query.protocol}/${options.query.port}` };
  // Connect is asked beside the network paths: machines it knows (a laptop with the agent) may be no network end.
  const connect = answerConnectReach(world.world, from, to);
  if (!result.ok && connect !== undefined) return answerConnectOnly(world, from, to, connect, options.format);
  if (!result.ok) return { stdout: '', stderr: explainEndpointError(result.error, index), exitCode: EXIT_BAD_ENDPOINT };
  const report: ReachReport = {
    scenario: world.scenario.name, file: world.scenario.file, atMs: world.atMs, from, to, port: result.port, answer: result.answer,
  };
  const stdout = options.format === 'json'
    ? (connect === undefined ? formatReachJson(report) : `${JSON.stringify({ ...JSON.parse(formatReachJson(report)) as object, connect }, null, 2)}\n`)
    : `${formatReachText(report).trimEnd()}${connect === undefined ? '' : `\n${formatConnectPath(connect, from, to).join('\n')}`}\n`;
  const delivered = result.answer.verdict === 'reachable' || connect?.allowed === true;
  return { stdout, stderr: '', exitCode: delivered ? 0 : EXIT_NOT_DELIVERED };
}

/** Ends only Connect knows (machines with the agent, no network end): the Connect answer alone. */
function answerConnectOnly(world: WorldView, from: string, to: string, connect: ConnectPath, format: ReachFormat): ReachRun {
  const header = `${world.scenario.name} at ${formatClock(world.atMs)} (${world.scenario.file}): ${from} → ${to}`;
  const stdout = format === 'json'
    ? `${JSON.stringify({ scenario: world.scenario.name, file: world.scenario.file, atMs: world.atMs, at: formatClock(world.atMs), question: { from, to }, connect }, null, 2)}\n`
    : `${[header, '  (no VNet, gateway or Internet path: these ends are known to Windows Azure Connect only)', ...formatConnectPath(connect, from, to)].join('\n')}\n`;
  return { stdout, stderr: '', exitCode: connect.allowed ? 0 : EXIT_NOT_DELIVERED };
}

/** `error unknown-name: …` plus the names the user probably meant, or the names that exist when none is near. */
export function explainEndpointError(error: EndpointError, index: TopologyIndex): string {
  const lines = [`vnetsim reach: error ${error.code}: ${error.message}`];
  if (error.suggestions.length > 0) {
    lines.push(`  did you mean: ${error.suggestions.join(', ')}`);
  } else if (error.code === 'unknown-name') {
    const names = [...index.vmsByKey.values()].map((vm) => `${vm.service}:${vm.name}`).sort();
    const shown = names.slice(0, MAX_LISTED_NAMES).join(', ');
    lines.push(names.length === 0 ? '  this world holds no VM at that time' : `  VMs at that time: ${shown}${names.length > MAX_LISTED_NAMES ? ', …' : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The arguments, flags and action of `vnetsim reach FILE FROM TO`; imported only when it runs (commands.ts names and describes it). */
export function defineCommand(command: Command): void {
  command
    .argument('<file>', 'scenario YAML file')
    .argument('<from>', 'VM name, service:vm, DIP, site:NAME, or an on-premises or Internet address')
    .argument('<to>', 'VM name, service:vm, DIP, VIP:port, site:NAME, or an on-premises or Internet address')
    .option('--port <protocol/port>', 'e.g. tcp/3389 or udp/500 (the private port of a VM, the public one of VIP:port); default: any port', parsePort)
    .option('--at <duration>', "simulated time to look at (e.g. 30m, 2h, 1h30m); default: the scenario's end", parseTimeOption)
    .option('--format <format>', `output format: ${REACH_FORMATS.join(' or ')}`, choiceOption(REACH_FORMATS), 'text')
    .action(async (file: string, from: string, to: string, flags: { port?: FlowQuery; at?: number; format: ReachFormat }) => {
      const run = await runReach(file, from, to, { query: flags.port, atMs: flags.at, format: flags.format });
      process.stdout.write(run.stdout);
      process.stderr.write(run.stderr);
      process.exitCode = run.exitCode;
    });
}

/** Reads `tcp/3389`, `udp/500`, or a bare port (TCP). */
export function parsePort(text: string): FlowQuery {
  const match = /^(?:(tcp|udp)\/)?(\d{1,5})$/i.exec(text.trim());
  const port = Number(match?.[2]);
  if (match === null || port < 1 || port > 65_535) throw new InvalidArgumentError('write a port as tcp/3389 or udp/500 (1–65535)');
  return { protocol: match[1]?.toLowerCase() === 'udp' ? 'udp' : 'tcp', port };
}
