/** The characters of a key the platform generates: "an alpha-numeric string" (N-SSKE, N-GSK-OK, N-RSK). */
const SHARED_KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Draws an alphanumeric key of `length` characters from `nextInt` (a seeded RNG, or crypto in the emulator). */
export function drawAlphanumericKey(nextInt: (maxExclusive: number) => number, length: number): string {
  let key = '';
  for (let i = 0; i < length; i++) key += SHARED_KEY_ALPHABET[nextInt(SHARED_KEY_ALPHABET.length)];
  return key;
}
