/** Public face of src/powershell: running the era's classic cmdlet scripts on the simulated world. */
export { decodeScript, type ScriptEncoding } from './decode-source.js';
export { parseScript, type ParseOptions } from './parser.js';
export { PsSyntaxError } from './syntax-error.js';
export type * from './ast.js';
export { runScriptText, type ScriptRunOptions, type ScriptRunResult } from './run-script.js';
export { AnswersHost, type SimulatedClock, type LocalFiles, type RunNote } from './script-host.js';
export { parseAnswers, DEFAULT_ANSWERS, type Answers } from './answers.js';
export type { PsHost } from './host.js';
export type { Cmdlet, CmdletCall, CmdletParameter } from './cmdlet.js';
export type { FormatView } from './output-format.js';
export { formatErrorRecord, type ErrorDetails } from './error-record.js';
export { AZURE_VIEWS, AzureSession, createAzureCmdlets, createAzureSession, summarizeWorld, formatWorldSummary, type PlatformEngine, type WorldSummary } from './azure/index.js';
