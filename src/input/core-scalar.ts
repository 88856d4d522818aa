// How the YAML 1.2 core schema reads a plain scalar, for the plain reader (src/input/plain-yaml-reader.ts).

const isLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** Whether a scalar starting with this character is text whatever follows: no null (n, N, ~), boolean (t, T, f, F), number (digits, signs, .) or special float starts so. */
export function startsPlainText(c: number): boolean {
  return (isLetter(c) && c !== 0x46 && c !== 0x4e && c !== 0x54 && c !== 0x66 && c !== 0x6e && c !== 0x74) || c === 0x5f;
}

/** Resolves a plain scalar the way the YAML 1.2 core schema does (null, booleans, integers, floats, else text). */
export function resolveCoreScalar(text: string): unknown {
  // Most scalars of a large plan are names (svc12-3, West US): the patterns below need not run for them.
  if (startsPlainText(text.charCodeAt(0))) return text;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(text)) return null;
  if (/^(?:[Tt]rue|TRUE)$/.test(text)) return true;
  if (/^(?:[Ff]alse|FALSE)$/.test(text)) return false;
  if (/^[-+]?[0-9]+$/.test(text)) return parseInt(text, 10);
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(text)) return NaN;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(text)) return parseFloat(text);
  return text;
}
