/**
 * A seeded mutator of text inputs: the same seed gives the same inputs on every machine, so a failure found by
 * `npm test` or `npm run fuzz` is reproduced by its seed alone (and kept in the corpus as the input itself).
 */

/** A deterministic pseudo-random source (mulberry32): small, fast and good enough to pick mutations. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  below(n: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

/** Creates a seeded random source. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const below = (n: number): number => Math.floor(next() * n);
  return { next, below, pick: (items) => items[below(items.length)]! };
}

/** Tokens that break YAML, XML, JSON, durations, prefixes and names in interesting ways. */
const FRAGMENTS = [
  '[', ']', '{', '}', '- ', ': ', ',', '&a ', '*a', '!!str ', '"', "'", '#', '\n', '\n  ', '\t', '\r', '\u0000', '\uFEFF',
  '<', '>', '</a>', '<a>', '<!--', '-->', '<![CDATA[', ']]>', '&amp;', '&#0;', '&x;', '<!DOCTYPE a [<!ENTITY x "y">]>',
  '9999999999999999999999d', '2147483648h30m', '400d1s', '0s', '-1', '1e309', 'NaN', '9007199254740993', '-0',
  '__proto__', 'constructor', 'null', '~', 'true', '10.0.0.0/8', '0.0.0.0/0', '255.255.255.255/33', '::', '/32',
  '{"seq":1,"time":0,"type":"x"}', '"timeMs":9007199254740991', '"type":"seek"', 'é', '\u2028', '😀',
];

/** Boundary numbers written into a digit run. */
const NUMBERS = ['0', '1', '-1', '65535', '65536', '2147483647', '4294967296', '9007199254740991', '1e21', '0.5', '99999999999999999999'];

/** The longest input made: big enough for bombs, small enough to keep a run to milliseconds. */
const MAX_INPUT_CHARS = 200_000;

type Mutation = (text: string, rng: Rng, others: readonly string[]) => string;

const at = (text: string, rng: Rng): number => rng.below(text.length + 1);

const MUTATIONS: readonly Mutation[] = [
  (text, rng) => {
    const i = at(text, rng);
    return text.slice(0, i) + rng.pick(FRAGMENTS) + text.slice(i);
  },
  (text, rng) => {
    const i = at(text, rng);
    return text.slice(0, i) + text.slice(i + 1 + rng.below(40));
  },
  (text, rng) => {
    const from = at(text, rng);
    const piece = text.slice(from, from + 1 + rng.below(200));
    const i = at(text, rng);
    return text.slice(0, i) + piece + text.slice(i);
  },
  (text, rng) => {
    const i = rng.below(Math.max(1, text.length));
    return text.slice(0, i) + String.fromCharCode(rng.below(128)) + text.slice(i + 1);
  },
  (text, rng) => {
    const lines = text.split('\n');
    const i = rng.below(lines.length);
    const line = lines[i] ?? '';
    lines.splice(i, 0, ...Array.from({ length: 1 + rng.below(rng.next() < 0.1 ? 3000 : 20) }, () => line));
    return lines.join('\n');
  },
  (text, rng) => {
    const lines = text.split('\n');
    const a = rng.below(lines.length);
    const b = rng.below(lines.length);
    [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
    return lines.join('\n');
  },
  // nesting bombs: brackets, braces, block items or elements thousands deep
  (text, rng) => {
    const depth = 1 + rng.below(rng.next() < 0.5 ? 100 : 4000);
    const [open, close] = rng.pick([['[', ']'], ['{a: ', '}'], ['<a>', '</a>'], ['- ', ''], ['[{"a":', '}]']] as const);
    const i = at(text, rng);
    return text.slice(0, i) + open.repeat(depth) + (rng.next() < 0.5 ? close.repeat(depth) : '') + text.slice(i);
  },
  (text, rng) => {
    const runs = [...text.matchAll(/\d+/g)];
    if (runs.length === 0) return text;
    const run = rng.pick(runs);
    return text.slice(0, run.index) + rng.pick(NUMBERS) + text.slice(run.index + run[0].length);
  },
  (text, rng, others) => {
    const other = rng.pick(others);
    const from = at(other, rng);
    const i = at(text, rng);
    return text.slice(0, i) + other.slice(from, from + 1 + rng.below(400)) + text.slice(i);
  },
];

/** One mutated input: a seed text with 1–4 mutations (occasionally many more). */
export function mutate(seeds: readonly string[], rng: Rng): string {
  let text = rng.pick(seeds);
  const count = rng.next() < 0.05 ? 5 + rng.below(40) : 1 + rng.below(4);
  for (let n = 0; n < count; n++) text = rng.pick(MUTATIONS)(text, rng, seeds);
  return text.length > MAX_INPUT_CHARS ? text.slice(0, MAX_INPUT_CHARS) : text;
}
