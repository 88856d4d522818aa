import { InvalidArgumentError, type Command } from 'commander';
import { InputError, diagnosticAt } from '../common/index.js';
import {
  formatPrefix,
  nextFreePrefixes,
  parsePrefix4,
  type NetworkPlan,
  type Prefix4,
} from '../ipam/index.js';
import { loadNetworkPlan } from '../scenario/index.js';

/** Code of the input error for a `--vnet` that the file does not define. */
export const UNKNOWN_VNET_RULE = 'unknown-vnet';

/** Exit code when the VNet has no room left for a block of the requested size. */
export const EXIT_NO_ROOM = 1;

/** Largest `--count`: far beyond any real plan, small enough that output stays bounded. */
const MAX_COUNT = 65_536;

/** Options of a free-space query. */
export interface FreeQuery {
  vnet: string;
  /** Prefix length of each block, e.g. 27 for a /27. */
  length: number;
  count: number;
}

/**
 * The next free aligned blocks in a VNet's address space after its subnets, lowest first. Prefixes the plan rules
 * would reject as invalid are skipped; host bits are cleared. Throws InputError when the VNet is not in the plan.
 */
export function findFreePrefixes(plan: NetworkPlan, query: FreeQuery): Prefix4[] {
  const vnet = plan.vnets.find((v) => v.name === query.vnet);
  if (vnet === undefined) {
    const names = plan.vnets.map((v) => v.name);
    const known = names.length === 0 ? 'the file defines no virtual networks' : `known VNets: ${names.join(', ')}`;
    throw new InputError([
      diagnosticAt(
        { file: plan.file, line: 1, column: 1 },
        UNKNOWN_VNET_RULE,
        'error',
        `no virtual network named "${query.vnet}"; ${known}`,
      ),
    ]);
  }
  const space = parsedPrefixes(vnet.addressSpace.map((p) => p.value));
  const used = parsedPrefixes(vnet.subnets.map((s) => s.addressPrefix.value));
  return nextFreePrefixes(space, used, query.length, { count: query.count });
}

/** Adds `vnetsim free FILE --vnet NAME --size N [--count N]`: the next free prefixes for new subnets. */
export function registerFreeCommand(program: Command): void {
  program
    .command('free')
    .description("print the next free aligned prefixes in a VNet's address space, after its subnets, one per line")
    .argument('<file>', 'scenario YAML or NetworkConfig.xml file')
    .requiredOption('--vnet <name>', 'virtual network name')
    .requiredOption('--size <length>', 'prefix length of each block, e.g. 27 for a /27', parseLength)
    .option('--count <n>', 'how many blocks to list', parseCount, 1)
    .action(async (file: string, flags: { vnet: string; size: number; count: number }) => {
      const { plan } = await loadNetworkPlan(file);
      const free = findFreePrefixes(plan, { vnet: flags.vnet, length: flags.size, count: flags.count });
      if (free.length > 0) process.stdout.write(`${free.map(formatPrefix).join('\n')}\n`);
      if (free.length < flags.count) {
        process.stderr.write(
          `${file}: VNet ${flags.vnet} has room for only ${free.length} free /${flags.size} block` +
            `${free.length === 1 ? '' : 's'} of the ${flags.count} asked for; add address space or pick a smaller size\n`,
        );
        process.exitCode = EXIT_NO_ROOM;
      }
    });
}

function parsedPrefixes(texts: readonly string[]): Prefix4[] {
  const prefixes: Prefix4[] = [];
  for (const text of texts) {
    const parsed = parsePrefix4(text.trim(), { allowHostBits: true });
    if (parsed.ok) prefixes.push(parsed.value);
  }
  return prefixes;
}

function parseLength(value: string): number {
  const length = Number(value.replace(/^\//, ''));
  if (!Number.isInteger(length) || length < 0 || length > 32) {
    throw new InvalidArgumentError('give a prefix length from 0 to 32, e.g. 27');
  }
  return length;
}

function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
    throw new InvalidArgumentError(`give a whole number from 1 to ${MAX_COUNT}`);
  }
  return count;
}
