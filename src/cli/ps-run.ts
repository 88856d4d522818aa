import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { SIMULATED_EPOCH_MS } from '../api/index.js';
import { InputError, diagnosticAt } from '../common/index.js';
import {
  AZURE_VIEWS, AnswersHost, DEFAULT_ANSWERS, createAzureCmdlets, createAzureSession, decodeScript, parseAnswers, runScriptText, type LocalFiles, type ScriptRunResult,
} from '../powershell/index.js';
import { loadPsWorld, type PsWorld } from './ps-world.js';

/** Rule of a script that cannot be read at all. */
export const UNREADABLE_SCRIPT_RULE = 'unreadable-script';

/** What `vnetsim ps` ran: the result, the console the host collected, and the world the engine holds. */
export interface PsRun {
  result: ScriptRunResult;
  host: AnswersHost;
  world: PsWorld;
  /** Simulated time when the script started (a scenario world starts at its end). */
  startMs: number;
}

/** Reads the script, the answers and the starting world, then runs the script against the simulated subscription. */
export async function runPsScript(script: string, options: { answers?: string | undefined; world?: string | undefined }): Promise<PsRun> {
  const bytes = await readFile(script).catch(() => {
    throw new InputError([diagnosticAt({ file: script, line: 1, column: 1 }, UNREADABLE_SCRIPT_RULE, 'error', `cannot read the script ${script}; check the path`)]);
  });
  const { text } = decodeScript(bytes);
  const answers = options.answers === undefined ? DEFAULT_ANSWERS : parseAnswers(await readFile(options.answers, 'utf8'), options.answers);
  const world = await loadPsWorld(options.world);
  const startMs = world.engine.now();
  const session = createAzureSession(world.engine, SIMULATED_EPOCH_MS);
  const host = new AnswersHost(script, answers, localFiles(script, options.answers), { nowMs: () => SIMULATED_EPOCH_MS + session.nowMs(), sleep: (ms) => session.sleep(ms) });
  const result = runScriptText(text, host, {
    cmdlets: createAzureCmdlets(session), views: AZURE_VIEWS, placeholders: new Map(Object.entries(answers.placeholders)), params: new Map(Object.entries(answers.params)),
  });
  return { result, host, world, startMs };
}

// Files the script reads: mapped ones resolve beside the answers file, relative ones beside the script.
function localFiles(script: string, answersFile: string | undefined): LocalFiles {
  return {
    read: (path) => {
      try {
        return decodeScript(readFileSync(path)).text;
      } catch {
        return undefined;
      }
    },
    resolve: (path, base) => resolve(dirname(base === 'answers' && answersFile !== undefined ? answersFile : script), path),
  };
}

/** How the run stopped early, as `file:line:col: …` (undefined when the script ran to its end). */
export function describeStop(script: string, result: ScriptRunResult): string | undefined {
  const outcome = result.outcome;
  if (outcome.kind === 'syntax') return `${script}:${outcome.error.pos.line}:${outcome.error.pos.column}: ${outcome.error.kind === 'unsupported' ? 'unsupported' : 'parse error'}: ${outcome.error.message}`;
  if (outcome.kind === 'completed') return undefined;
  const at = outcome.error.extent === undefined ? script : `${script}:${outcome.error.extent.pos.line}:${outcome.error.extent.pos.column}`;
  return `${at}: ${outcome.kind === 'unsupported' ? 'unsupported' : 'stopped'}: ${outcome.error.message}`;
}
