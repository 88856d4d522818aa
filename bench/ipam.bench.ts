/**
 * ipam benchmark: each figure beside a plain-integer baseline measured in the same run, and beside ip-address and
 * netmask objects doing the same work (reference/ipam.md §5 targets). Run: node --import tsx bench/ipam.bench.ts
 * (add --expose-gc for steadier memory figures).
 */
import { availableParallelism, loadavg } from 'node:os';
import { Address4 } from 'ip-address';
import { Netmask } from 'netmask';
import {
  containsPrefix,
  findOverlaps,
  formatIPv4,
  formatPrefix,
  FreeSpaceIndex,
  makePrefix4,
  parsePrefix4,
  prefixesOverlap,
  splitPrefix,
  SubnetAllocator,
  type FitStrategy,
  type Prefix4,
} from '../src/ipam/index.js';

interface Row {
  operation: string;
  ours: number;
  baseline: number;
  target: string;
  ipAddress?: number | undefined;
  netmask?: number | undefined;
  unit?: string | undefined;
}

let sink = 0;
const rows: Row[] = [];
const gc = (globalThis as { gc?: () => void }).gc;

/** A small seeded generator so every run measures the same inputs. */
function makeRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** Median ns per operation over `samples` runs of `run`, each doing `opsPerRun` operations, after a warm-up. */
function measure(run: () => void, opsPerRun: number, samples = 25): number {
  for (let i = 0; i < 5; i++) run();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / opsPerRun);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1] as number;
}

/** Bytes held by what `build` returns, from heap and ArrayBuffer deltas (after a GC when --expose-gc is on). */
function measureBytes<T>(build: () => T): { value: T; bytes: number } {
  gc?.();
  const before = process.memoryUsage();
  const value = build();
  gc?.();
  const after = process.memoryUsage();
  return { value, bytes: after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers) };
}

const random = makeRandom(20140311);
const N = 4096;
const randomPrefix = (minLength: number, maxLength: number): Prefix4 =>
  makePrefix4(0x0a000000 + Math.floor(random() * 2 ** 24), minLength + Math.floor(random() * (maxLength - minLength + 1)));

// ---- parse --------------------------------------------------------------------------------------------------------
const cidrTexts = JSON.parse(JSON.stringify(Array.from({ length: N }, () => formatPrefix(randomPrefix(16, 30))))) as string[];

/** The integer baseline parser: strict dotted decimal + length into {net, len}, no diagnostics. */
function parseBaseline(text: string): { net: number; len: number } | undefined {
  let value = 0;
  let octet = 0;
  let dots = 0;
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 47) break;
    if (c === 46) {
      value = (value << 8) | octet;
      octet = 0;
      dots++;
    } else {
      octet = octet * 10 + (c - 48);
      if (octet > 255) return undefined;
    }
  }
  if (dots !== 3) return undefined;
  value = (value << 8) | octet;
  let len = 0;
  for (i++; i < text.length; i++) len = len * 10 + (text.charCodeAt(i) - 48);
  return len > 32 ? undefined : { net: value | 0, len };
}

rows.push({
  operation: 'parse IPv4 CIDR (bulk path)',
  ours: measure(() => {
    for (const text of cidrTexts) {
      const r = parsePrefix4(text);
      if (r.ok) sink += r.value.length;
    }
  }, N),
  baseline: measure(() => {
    for (const text of cidrTexts) sink += parseBaseline(text)?.len ?? 0;
  }, N),
  ipAddress: measure(() => {
    for (const text of cidrTexts) sink += new Address4(text).subnetMask;
  }, N, 9),
  netmask: measure(() => {
    for (const text of cidrTexts) sink += new Netmask(text).bitmask;
  }, N, 9),
  target: '≤ 100 ns',
});

// ---- contains / overlap -------------------------------------------------------------------------------------------
const pairs = Array.from({ length: N }, () => {
  const outer = randomPrefix(8, 20);
  const inner = random() < 0.5 ? makePrefix4(outer.network + Math.floor(random() * 2 ** (32 - outer.length)), 24) : randomPrefix(16, 24);
  return [outer, inner] as const;
});
// indexed loops over parallel arrays, so every column pays the same loop cost
const outers = pairs.map(([a]) => a);
const inners = pairs.map(([, b]) => b);
const baseOuters = outers.map((p) => ({ net: p.network | 0, len: p.length }));
const baseInners = inners.map((p) => ({ net: p.network | 0, len: p.length }));
const MASKS = Int32Array.from({ length: 33 }, (_, n) => (n === 0 ? 0 : (0xffffffff << (32 - n)) | 0));
const libOuters = outers.map((p) => new Address4(formatPrefix(p)));
const libInners = inners.map((p) => new Address4(formatPrefix(p)));
const netmaskOuters = outers.map((p) => new Netmask(formatPrefix(p)));
const netmaskInners = inners.map((p) => new Netmask(formatPrefix(p)));

rows.push({
  operation: 'contains (parsed prefixes)',
  ours: measure(() => {
    for (let i = 0; i < N; i++) if (containsPrefix(outers[i]!, inners[i]!)) sink++;
  }, N, 101),
  baseline: measure(() => {
    for (let i = 0; i < N; i++) {
      const a = baseOuters[i]!;
      const b = baseInners[i]!;
      if (b.len >= a.len && ((a.net ^ b.net) & (MASKS[a.len] as number)) === 0) sink++;
    }
  }, N, 101),
  ipAddress: measure(() => {
    for (let i = 0; i < N; i++) if (libInners[i]!.isInSubnet(libOuters[i]!)) sink++;
  }, N, 9),
  netmask: measure(() => {
    for (let i = 0; i < N; i++) if (netmaskOuters[i]!.contains(netmaskInners[i]!)) sink++;
  }, N, 9),
  target: '≤ 10 ns, ≤ 3×',
});

rows.push({
  operation: 'overlap (parsed prefixes)',
  ours: measure(() => {
    for (let i = 0; i < N; i++) if (prefixesOverlap(outers[i]!, inners[i]!)) sink++;
  }, N, 101),
  baseline: measure(() => {
    for (let i = 0; i < N; i++) {
      const a = baseOuters[i]!;
      const b = baseInners[i]!;
      if (((a.net ^ b.net) & (MASKS[a.len < b.len ? a.len : b.len] as number)) === 0) sink++;
    }
  }, N, 101),
  ipAddress: measure(() => {
    for (let i = 0; i < N; i++) if (libOuters[i]!.isInSubnet(libInners[i]!) || libInners[i]!.isInSubnet(libOuters[i]!)) sink++;
  }, N, 9),
  netmask: measure(() => {
    for (let i = 0; i < N; i++) if (netmaskOuters[i]!.contains(netmaskInners[i]!) || netmaskInners[i]!.contains(netmaskOuters[i]!)) sink++;
  }, N, 9),
  target: '≤ 10 ns, ≤ 3×',
});

// ---- split a /8 into /24s -----------------------------------------------------------------------------------------
const slash8 = makePrefix4(0x0a000000, 8);
const SUBNETS = 65536;
const LIB_SUBNETS = 4096; // the libraries take ~5 µs per subnet; a slice of the /8 keeps the run short
const splitOut = new Uint32Array(SUBNETS);
rows.push({
  operation: 'split a /8 into /24s (per subnet)',
  ours: measure(() => {
    for (const p of splitPrefix(slash8, 24)) sink += p.length;
  }, SUBNETS, 15),
  baseline: measure(() => {
    for (let i = 0; i < SUBNETS; i++) splitOut[i] = 0x0a000000 + i * 256;
    sink += splitOut[SUBNETS - 1] as number;
  }, SUBNETS, 15),
  ipAddress: measure(() => {
    for (let i = 0; i < LIB_SUBNETS; i++) sink += new Address4(`${formatIPv4(0x0a000000 + i * 256)}/24`).subnetMask;
  }, LIB_SUBNETS, 5),
  netmask: measure(() => {
    let block = new Netmask('10.0.0.0/24');
    for (let i = 0; i < LIB_SUBNETS; i++) {
      sink += block.bitmask;
      block = block.next();
    }
  }, LIB_SUBNETS, 5),
  target: '(/8: 65,536 subnets)',
});

// ---- 1,000,000 DIP allocations ------------------------------------------------------------------------------------
const ALLOCATIONS = 1_000_000;
const slash12 = makePrefix4(0x0a000000, 12); // 1,048,571 usable addresses under the azure-classic policy
const allocTime = measure(() => {
  const allocator = new SubnetAllocator(slash12);
  for (let i = 0; i < ALLOCATIONS; i++) sink += allocator.allocateDynamic() ?? 0;
}, ALLOCATIONS, 7);
const allocBase = measure(() => {
  const list = new Uint32Array(ALLOCATIONS);
  for (let i = 0; i < ALLOCATIONS; i++) list[i] = 0x0a000004 + i;
  sink += list[ALLOCATIONS - 1] as number;
}, ALLOCATIONS, 7);
const LIB_HELD = 100_000;
const libAlloc = measure(() => {
  const held: Address4[] = [];
  for (let i = 0; i < LIB_HELD; i++) held.push(new Address4(formatIPv4(0x0a000004 + i)));
  sink += held.length;
}, LIB_HELD, 3);
rows.push({ operation: '1,000,000 DIP allocations (per DIP)', ours: allocTime, baseline: allocBase, ipAddress: libAlloc, target: '—' });

const COPIES = 8; // the bitmap is small next to heap noise, so several full allocators are held at once
const ourBytes = measureBytes(() =>
  Array.from({ length: COPIES }, () => {
    const allocator = new SubnetAllocator(slash12);
    for (let i = 0; i < ALLOCATIONS; i++) allocator.allocateDynamic();
    return allocator;
  }),
);
sink += ourBytes.value.length;
const baseBytes = measureBytes(() => Uint32Array.from({ length: ALLOCATIONS }, (_, i) => 0x0a000004 + i));
sink += baseBytes.value.length;
const libBytes = measureBytes(() => Array.from({ length: LIB_HELD }, (_, i) => new Address4(formatIPv4(0x0a000004 + i))));
sink += libBytes.value.length;
rows.push({
  operation: 'memory per allocated IPv4 DIP',
  ours: ourBytes.bytes / (COPIES * ALLOCATIONS),
  baseline: baseBytes.bytes / ALLOCATIONS,
  ipAddress: libBytes.bytes / LIB_HELD,
  target: '≤ 8 B',
  unit: 'B',
});

// ---- next free prefix in a fragmented /8 ---------------------------------------------------------------------------
/** Fragments a /8: 30,000 first-fit allocations of random sizes /22–/30, then half of them released at random. */
function buildFragmented(): { index: FreeSpaceIndex; used: Prefix4[] } {
  const index = new FreeSpaceIndex([slash8]);
  const taken: Prefix4[] = [];
  for (let i = 0; i < 30_000; i++) {
    const p = index.allocate(22 + Math.floor(random() * 9));
    if (p !== undefined) taken.push(p);
  }
  const used: Prefix4[] = [];
  for (const p of taken) {
    if (random() < 0.5) index.release(p);
    else used.push(p);
  }
  return { index, used: used.sort((a, b) => a.network - b.network) };
}
const { index: fragmented, used: fragmentedUsed } = buildFragmented();
const usedFirst = Float64Array.from(fragmentedUsed, (p) => p.network);
const usedLast = Float64Array.from(fragmentedUsed, (p) => p.network + 2 ** (32 - p.length) - 1);

/** The integer baseline: first-fit by a linear scan of the gaps between sorted used blocks. */
function nextFreeLinear(length: number): number | undefined {
  const size = 2 ** (32 - length);
  let cursor = 0x0a000000;
  const end = 0x0a000000 + 2 ** 24;
  for (let i = 0; i <= usedFirst.length; i++) {
    const gapEnd = i < usedFirst.length ? (usedFirst[i] as number) : end;
    const aligned = Math.ceil(cursor / size) * size;
    if (aligned + size <= gapEnd) return aligned;
    if (i < usedLast.length) cursor = Math.max(cursor, (usedLast[i] as number) + 1);
  }
  return undefined;
}

const noFitLength = (() => {
  for (let length = 8; length <= 32; length++) if (fragmented.findFree(length) !== undefined) return length - 1;
  return 32;
})();
const QUERIES = 1000;
const worst: Array<[string, number, FitStrategy]> = [
  [`first-fit /32`, 32, 'first-fit'],
  [`best-fit /20`, 20, 'best-fit'],
  [`no fit (/${noFitLength})`, noFitLength, 'first-fit'],
];
let worstOurs = 0;
let worstName = '';
for (const [name, length, strategy] of worst) {
  const ns = measure(() => {
    for (let i = 0; i < QUERIES; i++) sink += fragmented.findFree(length, strategy)?.length ?? 0;
  }, QUERIES);
  if (ns > worstOurs) {
    worstOurs = ns;
    worstName = name;
  }
}
rows.push({
  operation: `next-free, fragmented /8 (worst: ${worstName}; ${fragmentedUsed.length} used blocks)`,
  ours: worstOurs,
  baseline: measure(() => {
    for (let i = 0; i < 20; i++) sink += nextFreeLinear(noFitLength) ?? 0;
  }, 20, 9),
  target: '≤ 2,000 ns',
});
const cycle = measure(() => {
  for (let i = 0; i < QUERIES; i++) {
    const p = fragmented.allocate(24, 'best-fit');
    if (p !== undefined) fragmented.release(p);
  }
}, QUERIES);
rows.push({
  operation: 'allocate + release a /24, fragmented /8 (baseline: linear first-fit)',
  ours: cycle,
  baseline: measure(() => {
    for (let i = 0; i < 20; i++) sink += nextFreeLinear(24) ?? 0;
  }, 20, 9),
  target: '—',
});

// ---- overlap sweep of a 10k-block plan ----------------------------------------------------------------------------
const PLAN_BLOCKS = 10_000;
// a plan of VNet spaces and subnets /18–/29 across 10.0.0.0/8: some nested or clashing, most disjoint
const plan = Array.from({ length: PLAN_BLOCKS }, (_, key) => ({ prefix: randomPrefix(18, 29), key }));
const planFirst = Float64Array.from(plan, (b) => b.prefix.network);
const planLast = Float64Array.from(plan, (b) => b.prefix.network + 2 ** (32 - b.prefix.length) - 1);

/** The integer baseline sweep: sort positions by (first, last desc), stack of open blocks, count pairs. */
function sweepBaseline(): number {
  const order = Uint32Array.from({ length: PLAN_BLOCKS }, (_, i) => i).sort(
    (i, j) => (planFirst[i] as number) - (planFirst[j] as number) || (planLast[j] as number) - (planLast[i] as number),
  );
  const stack: number[] = [];
  let count = 0;
  for (const i of order) {
    while (stack.length > 0 && (planLast[stack[stack.length - 1] as number] as number) < (planFirst[i] as number)) stack.pop();
    count += stack.length;
    stack.push(i);
  }
  return count;
}
const sweepOurs = measure(() => {
  sink += findOverlaps(plan).length;
}, 1, 15);
const sweepBase = measure(() => {
  sink += sweepBaseline();
}, 1, 15);
const pairwise = measure(() => {
  for (let i = 0; i < PLAN_BLOCKS; i++) {
    for (let j = i + 1; j < PLAN_BLOCKS; j++) if (prefixesOverlap(plan[i]!.prefix, plan[j]!.prefix)) sink++;
  }
}, 1, 1);
rows.push({
  operation: `overlap sweep, 10k-block plan (${findOverlaps(plan).length} pairs; pairwise: ${(pairwise / 1e6).toFixed(0)} ms)`,
  ours: sweepOurs,
  baseline: sweepBase,
  target: '≤ 5 ms',
});

// ---- report -------------------------------------------------------------------------------------------------------
function show(value: number | undefined, unit = 'ns'): string {
  if (value === undefined) return '—';
  if (unit === 'B') return `${value.toFixed(2)} B`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} ms`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(2)} µs`;
  return `${value.toFixed(1)} ns`;
}
const ratio = (value: number | undefined, base: number): string => (value === undefined ? '' : ` (${(value / base).toFixed(2)}×)`);
const table = [
  ['operation', 'ours', 'baseline', 'ratio', 'target', 'ip-address (× baseline)', 'netmask (× baseline)'],
  ...rows.map((r) => [
    r.operation,
    show(r.ours, r.unit),
    show(r.baseline, r.unit),
    `${(r.ours / r.baseline).toFixed(2)}×`,
    r.target,
    r.ipAddress === undefined ? '—' : `${show(r.ipAddress, r.unit)}${ratio(r.ipAddress, r.baseline)}`,
    r.netmask === undefined ? '—' : `${show(r.netmask, r.unit)}${ratio(r.netmask, r.baseline)}`,
  ]),
];
const widths = (table[0] as string[]).map((_, c) => Math.max(...table.map((row) => (row[c] as string).length)));
for (const row of table) console.log(row.map((cell, c) => cell.padEnd(widths[c] as number)).join(' | '));
console.log(
  `\nbaselines: plain uint32/int32 code in this process; memory ${gc ? 'after gc' : 'without --expose-gc (noisier)'}; ` +
    `load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores (figures scale with load); checksum ${sink % 1000}`,
);
