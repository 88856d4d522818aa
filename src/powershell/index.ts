/** Public face of src/powershell: running the era's classic cmdlet scripts on the simulated world. */
export { decodeScript, type ScriptEncoding } from './decode-source.js';
export { parseScript, type ParseOptions } from './parser.js';
export { PsSyntaxError } from './syntax-error.js';
export type * from './ast.js';
