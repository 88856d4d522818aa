/**
 * The outside world of a script run: the console, the answers to prompts, files, the simulated clock. The CLI
 * implements it from `--answers`; tests implement it in memory. Nothing in the interpreter touches Node directly.
 */
export interface PsHost {
  /** The script's path as PowerShell would show it in "At …" lines. */
  readonly scriptPath: string;
  /** One console line (Write-Host, formatted output, warnings, errors). */
  writeLine(text: string): void;
  /** Read-Host: the next answer (empty when the answers run out, as pressing Enter). */
  readHost(prompt: string): string;
  /** A confirmation prompt (ShouldContinue): the next answer, '' (Enter, the default) when they run out. */
  confirm(query: string): string;
  /** Get-Credential: the answer's user and password. */
  credential(): { user: string; password: string };
  /** Reads a file by the script's (Windows) path; fails naming the path and how to map it. */
  readFile(path: string): string;
  /** Writes a file by the script's path (kept in memory or mapped to a local file). */
  writeFile(path: string, text: string, append: boolean): void;
  fileExists(path: string): boolean;
  /** Simulated time in milliseconds since the epoch. */
  nowMs(): number;
  /** Advances simulated time (Start-Sleep, polling); instant in wall time. */
  sleep(ms: number): void;
  /** Records something the simulation did not do for real (remoting, jobs), shown in the output. */
  note(text: string): void;
  /** `$env:NAME`. */
  env(name: string): string | undefined;
  /** A fresh GUID, deterministic per run. */
  newGuid(): string;
}
