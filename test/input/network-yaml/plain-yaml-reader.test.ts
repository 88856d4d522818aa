import { readFileSync, readdirSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isMap, isNode, isScalar, parseDocument } from 'yaml';
import { MAX_NESTING_DEPTH } from '../../../src/common/index.js';
import { measureYaml } from '../../../src/input/input-bounds.js';
import { resolveCoreScalar } from '../../../src/input/core-scalar.js';
import { readPlainYaml } from '../../../src/input/plain-yaml-reader.js';
import { entryOf, isPlainNode, type PlainDocument, type PlainValue } from '../../../src/input/plain-yaml-tree.js';

/** Scalars whose core-schema reading is easy to get wrong: numbers in every base, null/bool spellings, addresses. */
const SCALARS = [
  'West US', '10.0.0.0/16', '2001:db8::/32', 'fe80::1', '1', '-1', '+1', '007', '0x1F', '0o17', '0o8', '1.5', '1.', '.5',
  '1e3', '-2.5E-3', '1_000', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', 'true', 'False', 'TRUE', 'tRue', 'null', 'Null',
  '~', 'NULL', 'yes', 'no', 'a:b', 'x-y', '-x', 'A  B', 'on', '0xG', '12:30', 'Site1', 'GatewaySubnet',
];
const KEYS = ['name', 'addressPrefix', 'subnets', 'a', 'b_c', 'x-y', 'Name'];

/** A random value tree in the shapes plans use. */
const valueTree: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...SCALARS),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** Renders a tree as YAML, choosing block or flow style per node, varying the indent and spacing, adding comments. */
function render(value: unknown, style: readonly number[]): string {
  let pick = 0;
  const next = () => style[pick++ % style.length] ?? 0;
  const flow = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(flow).join(next() % 2 ? ', ' : ',')}]`;
    if (v !== null && typeof v === 'object') {
      const pad = next() % 2 ? ' ' : '';
      return `{${pad}${Object.entries(v).map(([k, x]) => `${k}: ${flow(x)}`).join(', ')}${pad}}`;
    }
    return String(v);
  };
  const block = (v: unknown, indent: string): string[] => {
    const nested = (x: unknown) => Array.isArray(x) || (x !== null && typeof x === 'object');
    if (Array.isArray(v)) {
      return v.flatMap((x) => {
        if (nested(x) && next() % 3 !== 0 && Object.keys(x as object).length > 0) {
          const [first = '', ...rest] = block(x, `${indent}  `);
          return [`${indent}- ${first.trimStart()}`, ...rest];
        }
        return [`${indent}- ${flow(x)}`];
      });
    }
    return Object.entries(v as object).flatMap(([k, x]) => {
      if (nested(x) && Object.keys(x as object).length > 0 && next() % 3 !== 0) {
        const deeper = Array.isArray(x) && next() % 2 ? indent : `${indent}${' '.repeat(1 + (next() % 3))}`;
        return [`${indent}${k}:`, ...block(x, deeper)];
      }
      return [`${indent}${k}: ${flow(x)}`];
    });
  };
  const root = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : { root: value };
  // comments: some lines end with one, some are preceded by a comment line at any indent
  const lines = block(root, '').flatMap((line) => [
    ...(next() % 7 === 0 ? [`${' '.repeat(next() % 6)}# "remark" – see § 2 → \u{1F600} *x &y`] : []),
    next() % 5 === 0 ? `${line} # note` : line,
  ]);
  return `${lines.join('\n')}\n`;
}

/** Every path to a value of the plain tree (collections and scalars), with the value, where it starts and where its key starts. */
function valuesOf(document: PlainDocument, value: PlainValue, start: number, path: PropertyKey[] = []): Array<[PropertyKey[], PlainValue, number, number | undefined]> {
  if (!isPlainNode(value)) return [];
  return Array.from({ length: value.size }, (_, i) => (value.kind === 'map' ? value.keys[i]! : i)).flatMap((key) => {
    const entry = entryOf(document, value, key)!;
    return [[[...path, key], entry.value, entry.start, entry.keyStart] as const, ...valuesOf(document, entry.value, entry.start, [...path, key])];
  });
}

/** Whatever the reader accepts, the `yaml` library reads without errors into the same data and node offsets. */
function expectAgreesWithLibrary(text: string): void {
  const plain = readPlainYaml(text);
  if (plain === undefined) return;
  const doc = parseDocument(text, { uniqueKeys: true });
  expect(doc.errors).toEqual([]);
  expect(doc.warnings).toEqual([]);
  expect(plain.root.data).toEqual(doc.toJS());
  // the bounds check's scan of the text is skipped for text the reader accepts: the reader counts as it does
  expect(plain.entries).toBe(measureYaml(text).entries);
  expect(doc.contents?.range?.[0]).toBe(plain.root.start);
  for (const [path, value, start, keyStart] of valuesOf(plain, plain.root, plain.root.start)) {
    const libraryNode = doc.getIn(path, true);
    expect(isNode(libraryNode) ? libraryNode.range?.[0] : undefined, `start of ${path.join('.')}`).toBe(start);
    if (isPlainNode(value)) expect(value.start, `collection start of ${path.join('.')}`).toBe(start);
    if (keyStart === undefined) continue;
    const map = doc.getIn(path.slice(0, -1), true);
    if (!isMap(map)) throw new Error(`not a map at ${path.join('.')}`);
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1]);
    expect(isNode(pair?.key) ? pair.key.range?.[0] : undefined, `key ${path.join('.')}`).toBe(keyStart);
  }
}

/** A value nested `depth` deep: mappings and lists in turn as `kinds` says, with a sibling at some levels. */
function nestedValue(depth: number, kinds: readonly boolean[]): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level++) value = kinds[level % kinds.length] ? [value, 'x'] : { k: value, s: 'y' };
  return value;
}

describe('plain-subset YAML reader', () => {
  test.prop([valueTree, fc.array(fc.nat(), { minLength: 1, maxLength: 8 })], { numRuns: 300 })(
    'reads rendered trees exactly as the yaml library does',
    (value, style) => {
      const text = render(value, style);
      expectAgreesWithLibrary(text);
    },
  );

  test.prop(
    [valueTree, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), fc.nat(), fc.constantFrom(' ', ':', '-', ',', '\n', '{', ']', 'x', '  ', ': ', '- ', '#', ' #', '\n#', '"', '\u2028', '\u0085', '\ufeff', '\u0001', '\r', '\t')],
    { numRuns: 500 },
  )('never accepts an edited text the library would read differently', (value, style, at, fragment) => {
    const text = render(value, style);
    const cut = at % (text.length + 1);
    expectAgreesWithLibrary(text.slice(0, cut) + fragment + text.slice(cut));
    expectAgreesWithLibrary(text.slice(0, cut) + text.slice(cut + 1));
  });

  test.prop([fc.integer({ min: 1, max: 40 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { minLength: 1, maxLength: 8 })], { numRuns: 200 })(
    'never skips the bounds scan for text that scan would find too deep',
    (depth, kinds, style) => {
      const text = render({ root: nestedValue(depth, kinds) }, style);
      const plain = readPlainYaml(text);
      // parseYamlDocument skips the scan for plain text nested at most half the limit, less one
      if (plain !== undefined && plain.depth <= MAX_NESTING_DEPTH / 2 - 1) expect(measureYaml(text).tooDeepAt).toBeUndefined();
      if (plain !== undefined) expect(plain.entries).toBe(measureYaml(text).entries);
    },
  );

  test.prop([valueTree, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), fc.subarray(KEYS)], { numRuns: 200 })(
    'keeps only the named sections, and accepts or refuses the same text as when it keeps them all',
    (value, style, sections) => {
      const text = render(value, style);
      const whole = readPlainYaml(text);
      const some = readPlainYaml(text, new Set(sections));
      expect(some === undefined).toBe(whole === undefined);
      if (whole === undefined || some === undefined) return;
      expect(some.entries).toBe(whole.entries);
      expect(Object.keys(some.root.data)).toEqual(Object.keys(whole.root.data));
      for (const [key, kept] of Object.entries(whole.root.data)) {
        const empty = Array.isArray(kept) ? [] : kept !== null && typeof kept === 'object' ? {} : kept;
        expect(some.root.data[key]).toEqual(sections.includes(key) ? kept : empty);
      }
    },
  );

  it('accepts the shape of a generated plan', () => {
    const text = [
      'name: bench',
      'network:',
      '  localNetworkSites:',
      '    - { name: Site0, addressSpace: [192.168.0.0/24], vpnGatewayAddress: 131.107.0.1 }',
      '  virtualNetworkSites:',
      '    # the first of many',
      '    - name: VNet0 # a comment after a value',
      '      location: West US',
      '      addressSpace: [10.0.0.0/16]',
      '      subnets:',
      '        - { name: GatewaySubnet, addressPrefix: 10.0.0.0/28 }',
      '      gateway: { connectionsToLocalNetwork: [Site0] }',
      '',
    ].join('\n');
    expect(readPlainYaml(text)).toBeDefined();
    expectAgreesWithLibrary(text);
  });

  it.each([
    ['a # inside a scalar', 'a: 1#2\n'],
    ['a quoted scalar', 'a: "1"\n'],
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a duplicate flow key', 'a: { b: 1, b: 2 }\n'],
    ['a tab', 'a:\t1\n'],
    ['an empty value', 'a:\nb: 1\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a flow collection across lines', 'a: [1,\n  2]\n'],
    ['a document marker', '---\na: 1\n'],
    ['a non-mapping root', '- a\n'],
    ['an empty document', '\n'],
    ['a key that is not a plain name', 'West US: 1\n'],
    ['a null key', 'null: 1\n'],
    ['a __proto__ key', '__proto__: 1\n'],
    ['Windows line ends', 'a: 1\r\n'],
    ['a lone carriage return in a comment', 'a: 1 # c\rb: 2\n'],
    ['a control character in a comment', 'a: 1 # c\u0001\n'],
    ['a quote outside a comment', 'a: x" # "\n'],
    ['a block scalar', 'a: |\n  text\n'],
    ['a mis-indented line', 'a:\n    b: 1\n  c: 2\n'],
  ])('leaves %s to the yaml library', (_what, text) => {
    expect(readPlainYaml(text)).toBeUndefined();
  });

  // A long list of mappings repeats a few key layouts: past a few uses a layout's data is built by a compiled literal,
  // and the items' nodes are made only when asked for (entryOf); both must read as the library does, edited or not.
  test.prop(
    [
      fc.array(fc.tuple(fc.nat(3), fc.constantFrom(...SCALARS), fc.boolean()), { minLength: 20, maxLength: 60 }),
      fc.nat(),
      fc.constantFrom('', ' ', ':', '- ', '{', '  x: 1\n', '\n  - a\n', 'name: dup\n', '#'),
    ],
    { numRuns: 150 },
  )('reads long lists of repeated layouts as the yaml library does, edited anywhere', (items, at, fragment) => {
    const layouts = [['service', 'name', 'image'], ['name', 'service'], ['service', 'name', 'image', 'vnet'], ['a']];
    const lines = items.flatMap(([layout, value, flow], i) => {
      const entries = layouts[layout]!.map((key) => [key, key === 'name' ? `vm${i}` : value] as const);
      if (flow) return [`  - { ${entries.map(([key, v]) => `${key}: ${v}`).join(', ')} }`];
      return entries.map(([key, v], k) => `${k === 0 ? '  - ' : '    '}${key}: ${v}`);
    });
    const text = `vms:\n${lines.join('\n')}\n`;
    expectAgreesWithLibrary(text);
    const cut = at % (text.length + 1);
    expectAgreesWithLibrary(text.slice(0, cut) + fragment + text.slice(cut));
  });

  it.each(readdirSync('scenarios').filter((file) => file.endsWith('.yaml')))(
    'reads the example scenarios/%s as the yaml library does (or leaves it to the library)',
    (file) => {
      expectAgreesWithLibrary(readFileSync(`scenarios/${file}`, 'utf8'));
    },
  );

  it.each(SCALARS)('resolves %s as the core schema does', (scalar) => {
    expect(resolveCoreScalar(scalar)).toEqual(parseDocument(`v: ${scalar}\n`).toJS().v);
  });
});
