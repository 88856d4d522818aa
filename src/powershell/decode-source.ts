/**
 * Script files of the era came in three encodings: UTF-16LE with a BOM (what the ISE saved), UTF-8 with or without a
 * BOM, and Windows-1252 (Notepad's "ANSI", where the byte 0x96 is the en dash Word put before parameter names).
 * PowerShell 3/4 read a BOM-less file as the system code page; we read it as UTF-8 when it is valid UTF-8 and as
 * Windows-1252 otherwise, so both kinds of real files decode to the text their author saw.
 */

// Windows-1252 differs from Latin-1 only in 0x80–0x9F (https://www.unicode.org/Public/MAPPINGS/VENDORS/MICSFT/WindowsBestFit/bestfit1252.txt).
const CP1252_HIGH: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6,
  0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c,
  0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a,
  0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

/** The encoding a script file was read as. */
export type ScriptEncoding = 'utf-16le' | 'utf-16be' | 'utf-8-bom' | 'utf-8' | 'windows-1252';

/** Decodes a script file's bytes to text, detecting the encoding by BOM and UTF-8 validity. */
export function decodeScript(bytes: Uint8Array): { text: string; encoding: ScriptEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** Decodes Windows-1252 bytes (the five undefined bytes map to themselves, as .NET's best-fit table does). */
export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(CP1252_HIGH[byte] ?? byte);
  return text;
}
