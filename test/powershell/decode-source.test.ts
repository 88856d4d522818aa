import { describe, expect, it } from 'vitest';
import { decodeScript } from '../../src/powershell/decode-source.js';
import { parseScript } from '../../src/powershell/parser.js';
import { printStatement } from './ast-print.js';

const LINE = 'New-AzureService \u2013ServiceName svc1\r\n';

describe('decodeScript', () => {
  it.each([
    ['UTF-16LE with BOM', Uint8Array.from([0xff, 0xfe, ...Buffer.from(LINE, 'utf16le')]), 'utf-16le'],
    ['UTF-8 with BOM', Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from(LINE, 'utf8')]), 'utf-8-bom'],
    ['UTF-8 without BOM', Uint8Array.from(Buffer.from(LINE, 'utf8')), 'utf-8'],
    ['Windows-1252 (0x96 is the en dash)', Uint8Array.from(Buffer.from(LINE.replace('\u2013', '\x96'), 'latin1')), 'windows-1252'],
  ])('%s decodes to the text the author saw, and parses', (_name, bytes, encoding) => {
    const decoded = decodeScript(bytes);
    expect(decoded).toEqual({ text: LINE, encoding });
    expect(printStatement(parseScript(decoded.text).statements[0]!)).toBe('[New-AzureService -ServiceName "svc1"]');
  });
});
