import type { Answers } from './answers.js';
import type { PsHost } from './host.js';
import { RuntimeFailure } from './runtime-error.js';

/** The simulated clock the host reads and advances. */
export interface SimulatedClock {
  nowMs(): number;
  sleep(ms: number): void;
}

/** What the host needs from the machine: reading a local file (undefined when absent). */
export interface LocalFiles {
  read(path: string): string | undefined;
  /** Resolves a path relative to the script's folder (or the answers file's, for mapped files). */
  resolve(path: string, base: 'script' | 'answers'): string;
}

/** One note the run recorded (remoting, jobs, files left alone). */
export interface RunNote {
  text: string;
}

/**
 * The host behind `vnetsim ps`: console lines are collected, Read-Host and Get-Credential answer from `--answers`,
 * files map Windows paths to local files (written files stay in memory, so nothing on disk changes), and time is the
 * simulation's.
 */
export class AnswersHost implements PsHost {
  readonly lines: string[] = [];
  readonly notes: RunNote[] = [];
  private readonly written = new Map<string, string>();
  private answered = 0;
  private confirmed = 0;
  private guids = 0;

  constructor(
    readonly scriptPath: string,
    private readonly answers: Answers,
    private readonly files: LocalFiles,
    private readonly clock: SimulatedClock,
    private readonly environment: Readonly<Record<string, string>> = { COMPUTERNAME: 'WORKSTATION', USERNAME: 'admin', TEMP: 'C:\\Users\\admin\\AppData\\Local\\Temp', USERPROFILE: 'C:\\Users\\admin' },
  ) {}

  writeLine(text: string): void {
    this.lines.push(text);
  }

  readHost(): string {
    const answer = this.answers.readHost[this.answered];
    this.answered += 1;
    return answer ?? '';
  }

  confirm(): string {
    const answer = this.answers.confirm[this.confirmed];
    this.confirmed += 1;
    return answer ?? '';
  }

  credential(): { user: string; password: string } {
    return this.answers.credential;
  }

  readFile(path: string): string {
    const key = normalize(path);
    const written = this.written.get(key);
    if (written !== undefined) return written;
    const mapped = Object.entries(this.answers.files).find(([windows]) => normalize(windows) === key);
    const besideScript = this.relativeToScript(path);
    const local = mapped !== undefined ? this.files.resolve(mapped[1], 'answers') : besideScript === undefined ? undefined : this.files.resolve(besideScript, 'script');
    const text = local === undefined ? undefined : this.files.read(local);
    if (text === undefined) {
      throw new RuntimeFailure(
        `Cannot find path '${path}' because it does not exist. Map it to a local file in the answers file: files: {'${path}': ./local-copy}`,
        'ObjectNotFound', 'PathNotFound', 'System.Management.Automation.ItemNotFoundException',
      );
    }
    return text;
  }

  // `.\\x.xml`, `x.xml` and `$PSScriptRoot\\x.xml` are files beside the script; other absolute paths must be mapped.
  private relativeToScript(path: string): string | undefined {
    const directory = normalize(this.scriptPath.replace(/[\\/][^\\/]*$/, ''));
    const key = normalize(path);
    if (key.startsWith(`${directory}\\`)) return key.slice(directory.length + 1).replace(/\\/g, '/');
    if (isAbsoluteWindowsPath(path) || path.startsWith('/')) return undefined;
    return path.replace(/\\/g, '/').replace(/^\.\//, '');
  }

  writeFile(path: string, text: string, append: boolean): void {
    const key = normalize(path);
    this.written.set(key, append ? (this.written.get(key) ?? '') + text : text);
  }

  fileExists(path: string): boolean {
    try {
      this.readFile(path);
      return true;
    } catch {
      return false;
    }
  }

  /** The files the script wrote, by its own path (kept in memory, shown in the run's result). */
  writtenFiles(): ReadonlyMap<string, string> {
    return this.written;
  }

  nowMs(): number {
    return this.clock.nowMs();
  }

  sleep(ms: number): void {
    this.clock.sleep(ms);
  }

  note(text: string): void {
    this.notes.push({ text });
  }

  env(name: string): string | undefined {
    return Object.entries(this.environment).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  }

  newGuid(): string {
    this.guids += 1;
    const hex = this.guids.toString(16).padStart(12, '0');
    return `00000000-0000-4000-8000-${hex}`;
  }
}

// Windows paths compare case-insensitively, with either slash; `.\x` and `x` are the same file.
function normalize(path: string): string {
  return path.replace(/\//g, '\\').replace(/^\.\\/, '').toLowerCase();
}

function isAbsoluteWindowsPath(path: string): boolean {
  return /^[a-z]:[\\/]/i.test(path) || path.startsWith('\\\\');
}
