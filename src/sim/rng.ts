/** A seeded pseudo-random source; the only randomness the core may use (never `Math.random`). */
export interface Rng {
  /** A float in [0, 1). */
  nextFloat(): number;
  /** An integer in [0, maxExclusive). */
  nextInt(maxExclusive: number): number;
  /** An independent stream derived from this one's seed and a label, so adding draws in one stream never shifts another. */
  fork(label: string): Rng;
  /** A copy at the same position: it draws what this one would, and drawing from it leaves this one where it is. */
  clone(): Rng;
}

/** FNV-1a 32-bit hash; turns string seeds and fork labels into stream seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** sfc32: small, fast, passes PractRand at this scale, and is fully determined by its 32-bit seed. */
class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;
  private readonly seed: number;

  constructor(seed: number) {
    this.seed = seed >>> 0;
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = this.seed;
    // Discard the first outputs: sfc32 needs a few rounds to mix a low-entropy seed.
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  private nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  nextFloat(): number {
    return this.nextUint32() / 4294967296;
  }

  nextInt(maxExclusive: number): number {
    return Math.floor(this.nextFloat() * maxExclusive);
  }

  fork(label: string): Rng {
    return new Sfc32(hashString(`${this.seed}:${label}`));
  }

  clone(): Rng {
    const copy = new Sfc32(this.seed);
    copy.a = this.a;
    copy.b = this.b;
    copy.c = this.c;
    copy.d = this.d;
    return copy;
  }
}

/** Creates the simulation's RNG from a scenario seed (a number or any string). */
export function createRng(seed: number | string): Rng {
  return new Sfc32(typeof seed === 'number' ? seed : hashString(seed));
}
