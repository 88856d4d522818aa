import type { Position } from './ast.js';
import { PsSyntaxError } from './syntax-error.js';

/** PowerShell accepts the en dash, em dash and horizontal bar wherever it accepts `-` (spec §2.3.2 "dash"). */
export function isDash(ch: string | undefined): boolean {
  return ch === '-' || ch === '\u2013' || ch === '\u2014' || ch === '\u2015';
}

/** Single quotes include the typographic ones Word substituted (spec §2.3.5.2 "single-quote-character"). */
export function isSingleQuote(ch: string | undefined): boolean {
  return ch === "'" || ch === '\u2018' || ch === '\u2019' || ch === '\u201a' || ch === '\u201b';
}

/** Double quotes include “ ” „ (spec §2.3.5.2 "double-quote-character"). */
export function isDoubleQuote(ch: string | undefined): boolean {
  return ch === '"' || ch === '\u201c' || ch === '\u201d' || ch === '\u201e';
}

/** Characters that may continue a `$name` (spec §2.3.6: letters, digits, `_`, `?`). */
export function isVariableChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{Nd}_?]/u.test(ch);
}

/** Horizontal whitespace (not newlines). */
export function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\f' || ch === '\v' || ch === '\u00a0' || ch === '\ufeff';
}

/** The character cursor every parser layer shares: offsets, positions, whitespace and comments. */
export class Scanner {
  protected offset = 0;
  private readonly lineStarts: number[] = [0];

  constructor(protected readonly text: string) {
    for (let i = 0; i < text.length; i += 1) {
      if (text[i] === '\n') this.lineStarts.push(i + 1);
      else if (text[i] === '\r' && text[i + 1] !== '\n') this.lineStarts.push(i + 1);
    }
  }

  /** The position of an offset (default: the cursor). */
  positionAt(offset = this.offset): Position {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.lineStarts[low] ?? 0) + 1, offset };
  }

  protected peek(ahead = 0): string | undefined {
    return this.text[this.offset + ahead];
  }

  protected atEnd(): boolean {
    return this.offset >= this.text.length;
  }

  protected isNewline(ch = this.peek()): boolean {
    return ch === '\n' || ch === '\r';
  }

  protected fail(message: string, offset = this.offset): never {
    throw new PsSyntaxError(this.positionAt(offset), message);
  }

  protected unsupported(construct: string, offset = this.offset): never {
    throw new PsSyntaxError(this.positionAt(offset), `${construct} is not supported by vnetsim ps`, 'unsupported');
  }

  /** Skips blanks, comments and backtick line continuations, but not newlines. */
  protected skipBlanks(): void {
    for (;;) {
      const ch = this.peek();
      if (isBlank(ch)) this.offset += 1;
      else if (ch === '`' && this.isNewline(this.peek(1))) {
        this.offset += this.peek(1) === '\r' && this.peek(2) === '\n' ? 3 : 2;
      } else if (ch === '<' && this.peek(1) === '#') this.skipBlockComment();
      else if (ch === '#') {
        while (!this.atEnd() && !this.isNewline()) this.offset += 1;
      } else return;
    }
  }

  /** Skips blanks, comments and newlines. */
  protected skipBlanksAndNewlines(): void {
    for (;;) {
      this.skipBlanks();
      if (!this.isNewline()) return;
      this.offset += 1;
    }
  }

  /** Skips blanks, newlines and `;`: the separators between statements. */
  protected skipSeparators(): void {
    for (;;) {
      this.skipBlanksAndNewlines();
      if (this.peek() !== ';') return;
      this.offset += 1;
    }
  }

  private skipBlockComment(): void {
    const start = this.offset;
    const end = this.text.indexOf('#>', this.offset + 2);
    if (end < 0) this.fail("Missing closing '#>' for the block comment.", start);
    this.offset = end + 2;
  }

  /** Consumes `expected` if it is next (case-insensitive); returns whether it did. */
  protected eat(expected: string): boolean {
    if (this.text.slice(this.offset, this.offset + expected.length).toLowerCase() !== expected.toLowerCase()) return false;
    this.offset += expected.length;
    return true;
  }

  /** Consumes `expected` or fails with PowerShell's "Missing ..." message. */
  protected expect(expected: string, message: string): void {
    if (!this.eat(expected)) this.fail(message);
  }

  /** A word of letters, digits, `-` and `_` starting `ahead` characters after the cursor (not consumed). */
  protected peekWord(ahead = 0): string {
    const match = /^[\p{L}_][\p{L}\p{Nd}_]*/u.exec(this.text.slice(this.offset + ahead, this.offset + ahead + 64));
    return match?.[0] ?? '';
  }

  /** True when a keyword is next and followed by a non-word character. */
  protected atKeyword(keyword: string): boolean {
    const word = this.peekWord();
    if (word.toLowerCase() !== keyword) return false;
    const after = this.text[this.offset + word.length];
    return after === undefined || !/[\p{L}\p{Nd}_\-\\.:]/u.test(after);
  }
}
