import { DEFAULT_ANSWERS, type Answers } from '../../src/powershell/answers.js';
import type { Cmdlet } from '../../src/powershell/cmdlet.js';
import { runScriptText, type ScriptRunResult } from '../../src/powershell/run-script.js';
import { AnswersHost } from '../../src/powershell/script-host.js';

/** A script run in memory: its console lines, notes, written files, and exit code. */
export interface MemoryRun {
  lines: string[];
  text: string;
  exitCode: number;
  result: ScriptRunResult;
  host: AnswersHost;
}

/** Runs a script with in-memory files and a clock that starts on 2014-06-01 and advances only by sleeps. */
export function runInMemory(script: string, options: { answers?: Partial<Answers>; files?: Record<string, string>; cmdlets?: Cmdlet[] } = {}): MemoryRun {
  let now = Date.UTC(2014, 5, 1, 9, 0, 0);
  const answers: Answers = { ...DEFAULT_ANSWERS, ...options.answers };
  const files = options.files ?? {};
  const host = new AnswersHost('C:\\scripts\\test.ps1', answers, {
    read: (path) => files[path],
    resolve: (path) => path,
  }, { nowMs: () => now, sleep: (ms) => { now += ms; } });
  const result = runScriptText(script, host, {
    ...(options.cmdlets === undefined ? {} : { cmdlets: options.cmdlets }),
    placeholders: new Map(Object.entries(answers.placeholders)),
    params: new Map(Object.entries(answers.params)),
  });
  return { lines: host.lines, text: host.lines.join('\n'), exitCode: result.exitCode, result, host };
}
