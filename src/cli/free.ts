import { InvalidArgumentError, type Command } from 'commander';
import { InputError, diagnosticAt, type Diagnostic } from '../common/index.js';
import {
  formatPrefix,
  LARGEST_SUBNET_LENGTH,
  nextFreePrefixes,
  parsePrefix4,
  SMALLEST_SUBNET_LENGTH,
  type Located,
  type NetworkPlan,
  type Prefix4,
} from '../ipam/index.js';
import { loadNetworkPlan } from '../input/index.js';

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
 * The next free aligned blocks in a VNet's address space after its subnets, lowest first. Throws InputError when the
 * VNet is not in the plan, or when its address space or subnets hold a prefix that is not valid IPv4 CIDR (a block
 * skipped or guessed at could be handed out as free while the user meant it as taken).
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
  const problems: Diagnostic[] = [];
  const space = parsedPrefixes(
    vnet.addressSpace.map((text) => ({ text, label: `VNet ${vnet.name} address space` })),
    problems,
  );
  const used = parsedPrefixes(
    vnet.subnets.map((s) => ({ text: s.addressPrefix, label: `subnet ${vnet.name}/${s.name}` })),
    problems,
  );
  if (problems.length > 0) throw new InputError(problems);
  return nextFreePrefixes(space, used, query.length, { count: query.count });
}

/** The arguments, flags and action of `vnetsim free FILE --vnet NAME --size N [--count N]`; imported only when it runs (commands.ts names and describes it). */
export function defineCommand(command: Command): void {
  command
    .argument('<file>', 'scenario YAML or NetworkConfig.xml file')
    .requiredOption('--vnet <name>', 'virtual network name')
    .requiredOption(
      '--size <length>',
      `prefix length of each block, /${LARGEST_SUBNET_LENGTH} to /${SMALLEST_SUBNET_LENGTH} as classic subnets, e.g. 27`,
      parseSubnetLength,
    )
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

/** The prefixes of the texts; each one that is not strict IPv4 CIDR adds a diagnostic at its position instead. */
function parsedPrefixes(texts: ReadonlyArray<{ text: Located; label: string }>, problems: Diagnostic[]): Prefix4[] {
  const prefixes: Prefix4[] = [];
  for (const { text, label } of texts) {
    const parsed = parsePrefix4(text.value.trim());
    if (parsed.ok) {
      prefixes.push(parsed.value);
    } else {
      const fix = 'fix it first (vnetsim check lists every problem of the plan)';
      problems.push(diagnosticAt(text.at, parsed.code, 'error', `${label}: ${parsed.message}; ${fix}`));
    }
  }
  return prefixes;
}

/** Reads `--size`: a classic subnet length, /8 to /29 (`27` or `/27`); anything else cannot become a subnet. */
export function parseSubnetLength(value: string): number {
  const length = Number(value.replace(/^\//, ''));
  if (!/^\/?\d+$/.test(value) || length < LARGEST_SUBNET_LENGTH || length > SMALLEST_SUBNET_LENGTH) {
    throw new InvalidArgumentError(
      `give a subnet prefix length from ${LARGEST_SUBNET_LENGTH} to ${SMALLEST_SUBNET_LENGTH} ` +
        `(classic subnets are /${LARGEST_SUBNET_LENGTH} to /${SMALLEST_SUBNET_LENGTH}), e.g. 27`,
    );
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
