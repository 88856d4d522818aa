import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashtableBuckets, getPrime, keyHashCode, stringHashCode } from '../../src/powershell/hashtable-buckets.js';
import { PsHashtable } from '../../src/powershell/values.js';
import { runInMemory } from './harness.js';

function output(script: string): string {
  return runInMemory(script).text.replace(/\n+$/, '');
}

describe('hashtable order: the .NET Framework Hashtable', () => {
  it.each([
    // 64-bit .NET Framework 4 String.GetHashCode values as commonly quoted ("".GetHashCode() and "a".GetHashCode()).
    ['', 371857150],
    ['a', 372029373],
  ])('String.GetHashCode(%j) = %i', (text, hash) => {
    expect(stringHashCode(text)).toBe(hash);
  });

  it.each([
    ['string keys hash case-insensitively', keyHashCode('Name') === keyHashCode('NAME')],
    ['an Int32 hashes to itself', keyHashCode(42) === 42],
    ['booleans hash to 1 and 0', keyHashCode(true) === 1 && keyHashCode(false) === 0],
  ])('%s', (_name, holds) => {
    expect(holds).toBe(true);
  });

  it.each([[0, 3], [3, 3], [4, 7], [6, 7], [8, 11], [200, 239], [10104, 10111]])('GetPrime(%i) = %i', (min, prime) => {
    expect(getPrime(min)).toBe(prime);
  });

  it.each([
    ['a literal enumerates in bucket order, not as written', '$h = @{ "web01" = 1; "web02" = 2; "sql01" = 3 }; $h.Keys -join ","', 'web02,web01,sql01'],
    ['keys added one by one to @{} land as the growing table puts them', '$e = @{}; foreach ($k in "Name","Location","AffinityGroup","Label","Description") { $e[$k] = 1 }; $e.Keys -join ","', 'Location,AffinityGroup,Description,Name,Label'],
    ['[ordered] keeps the written order', '$o = [ordered]@{ b = 1; a = 2; c = 3 }; $o.Keys -join ","', 'b,a,c'],
    ['[pscustomobject] keeps the written order', '$o = [pscustomobject]@{ b = 1; a = 2; c = 3 }; ($o | Format-List | Out-String).Trim()', 'b : 1\na : 2\nc : 3'],
    ['the console prints the same order', '@{ "web01" = "x"; "web02" = "y"; "sql01" = "z" }', '\nName                           Value\n----                           -----\nweb02                          y\nweb01                          x\nsql01                          z'],
    ['GetEnumerator follows it too', '$h = @{ "web01" = 1; "web02" = 2; "sql01" = 3 }; ($h.GetEnumerator() | % { $_.Key }) -join ","', 'web02,web01,sql01'],
    ['a removed key frees its place', '$h = @{ a = 1; b = 2; c = 3 }; $h.Remove("b"); $h["d"] = 4; $h.Keys -join ","', ''],
  ])('%s', (_name, script, expected) => {
    if (expected === '') expect(output(script).split(',').sort()).toEqual(['a', 'c', 'd']);
    else expect(output(script)).toBe(expected);
  });

  it('keeps exactly the live keys through any sequence of sets and removals (a Map as the oracle)', () => {
    const key = fc.constantFrom('Name', 'name', 'Location', 'VNet', 'Subnet', 'IP', 'web01', 'web02', 'sql01', 'dc', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
    fc.assert(fc.property(fc.nat(8), fc.array(fc.tuple(fc.boolean(), key), { maxLength: 60 }), (capacity, steps) => {
      const table = new PsHashtable({ capacity });
      const oracle = new Map<string, string>();
      for (const [isSet, k] of steps) {
        if (isSet) {
          table.set(k, k);
          if (!oracle.has(k.toLowerCase())) oracle.set(k.toLowerCase(), k);
        } else {
          table.delete(k);
          oracle.delete(k.toLowerCase());
        }
      }
      expect(table.keys().map(String).sort()).toEqual([...oracle.values()].sort());
    }), { numRuns: 300 });
  });

  it('the order depends only on the history, never on wall time or chance', () => {
    const build = (): unknown[] => {
      const buckets = new HashtableBuckets<string>(2);
      for (const k of ['x', 'y', 'z', 'w', 'v', 'u']) buckets.insert(k, keyHashCode(k));
      return buckets.list();
    };
    expect(build()).toEqual(build());
  });
});
