import type { PsHost } from './host.js';

/** The console's current line: Write-Host -NoNewline text waits here until a full line is written. */
export class ConsoleWriter {
  private pending = '';

  constructor(private readonly host: PsHost) {}

  write(text: string, newline: boolean): void {
    if (!newline) {
      this.pending += text;
      return;
    }
    const line = this.pending + text;
    this.pending = '';
    for (const part of line.split(/\r?\n/)) this.host.writeLine(part);
  }

  /** Ends a pending partial line before other output. */
  endLine(): void {
    if (this.pending !== '') this.write('', true);
  }
}
