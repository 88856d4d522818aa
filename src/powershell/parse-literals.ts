import type { ConstantNode, ExpandableStringNode, ExpressionNode, StatementNode, VariableNode } from './ast.js';
import { Scanner, isDoubleQuote, isSingleQuote, isVariableChar } from './scanner.js';

const NUMBER = /^(?:0x[0-9a-f]+|(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?)(?:l|d)?(?:kb|mb|gb|tb|pb)?/i;
const MULTIPLIERS: Record<string, number> = { kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4, pb: 1024 ** 5 };

/** Backtick escapes in expandable strings (spec §2.3.7). */
const ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/**
 * Literals: numbers, the four string forms, variables and type names. `$(...)` inside a string is parsed in place by
 * the statement layer, so positions inside strings are the script's own.
 */
export abstract class LiteralParser extends Scanner {
  /** `<Proposed cloud service name>`-style placeholders the user mapped to values (`--answers placeholders`). */
  protected placeholders: ReadonlyMap<string, string> = new Map();

  /** Parses statements up to (not including) `close`; the statement layer implements it. */
  protected abstract parseStatementsUntil(close: string): StatementNode[];

  /** A number literal at the cursor, when one ends where `isEnd` says a token ends. */
  protected tryNumber(isEnd: (ch: string | undefined) => boolean): ConstantNode | undefined {
    const match = NUMBER.exec(this.text.slice(this.offset, this.offset + 64));
    if (match === null) return undefined;
    const raw = match[0];
    if (!isEnd(this.text[this.offset + raw.length])) return undefined;
    const pos = this.positionAt();
    this.offset += raw.length;
    return { kind: 'Constant', pos, value: numberValue(raw), quoted: false };
  }

  /** Replaces mapped placeholders inside a string's text. */
  protected fillPlaceholders(value: string): string {
    let result = value;
    for (const [placeholder, replacement] of this.placeholders) result = result.split(placeholder).join(replacement);
    return result;
  }

  /** A placeholder the user mapped, when one starts at the cursor; consumed. */
  protected tryPlaceholder(): ConstantNode | undefined {
    for (const [placeholder, replacement] of this.placeholders) {
      if (this.text.startsWith(placeholder, this.offset)) {
        const pos = this.positionAt();
        this.offset += placeholder.length;
        return { kind: 'Constant', pos, value: replacement, quoted: true };
      }
    }
    return undefined;
  }

  /** `'...'` or `@'...'@` at the cursor. */
  protected parseSingleQuoted(): ConstantNode {
    const pos = this.positionAt();
    if (this.peek() === '@') return { kind: 'Constant', pos, value: this.fillPlaceholders(this.readHereStringBody("'")), quoted: true };
    this.offset += 1;
    let value = '';
    for (;;) {
      if (this.atEnd()) this.fail('The string is missing the terminator: \'.', pos.offset);
      const ch = this.peek() ?? '';
      this.offset += 1;
      if (isSingleQuote(ch)) {
        if (!isSingleQuote(this.peek())) break;
        this.offset += 1;
      }
      value += ch;
    }
    return { kind: 'Constant', pos, value: this.fillPlaceholders(value), quoted: true };
  }

  /** `"..."` or `@"..."@` at the cursor, with `$var`, `${var}`, `$(...)` and backtick escapes. */
  protected parseDoubleQuoted(): ExpandableStringNode | ConstantNode {
    const pos = this.positionAt();
    const here = this.peek() === '@';
    if (here) {
      this.offset += 2;
      this.skipToHereStringBody(pos.offset);
    } else this.offset += 1;
    const parts: (string | ExpressionNode)[] = [];
    let literal = '';
    for (;;) {
      if (this.atEnd()) this.fail(here ? 'The string is missing the terminator: "@.' : 'The string is missing the terminator: ".', pos.offset);
      const ch = this.peek() ?? '';
      if (here && this.isNewline(ch) && this.atHereStringEnd('"')) break;
      if (!here && isDoubleQuote(ch)) {
        this.offset += 1;
        if (!isDoubleQuote(this.peek())) break;
        this.offset += 1;
        literal += ch;
      } else if (ch === '`' && !this.atEnd()) {
        const next = this.peek(1) ?? '';
        literal += ESCAPES[next] ?? next;
        this.offset += 2;
      } else if (ch === '$' && this.startsExpansion()) {
        if (literal !== '') parts.push(this.fillPlaceholders(literal));
        literal = '';
        parts.push(this.parseStringExpansion());
      } else {
        literal += ch;
        this.offset += 1;
      }
    }
    if (literal !== '') parts.push(this.fillPlaceholders(literal));
    if (parts.every((p) => typeof p === 'string')) return { kind: 'Constant', pos, value: parts.join(''), quoted: true };
    return { kind: 'ExpandableString', pos, parts };
  }

  private startsExpansion(): boolean {
    const next = this.peek(1);
    return next === '(' || next === '{' || next === '$' || next === '^' || isVariableChar(next);
  }

  // Inside a string only the variable expands: "$ag.Location" is $ag, then the text ".Location" (spec §2.3.5.2).
  private parseStringExpansion(): ExpressionNode {
    if (this.peek(1) === '(') {
      const pos = this.positionAt();
      this.offset += 2;
      const statements = this.parseStatementsUntil(')');
      this.expect(')', "Missing closing ')' in subexpression.");
      return { kind: 'SubExpression', pos, statements };
    }
    return this.parseVariable();
  }

  /** `$name`, `${any name}`, `$scope:name`, `$_`, `$?`, `$$`, `$^`, or `@name` (splatting). */
  protected parseVariable(): VariableNode {
    const pos = this.positionAt();
    const splat = this.peek() === '@';
    this.offset += 1;
    if (this.peek() === '{') {
      const end = this.text.indexOf('}', this.offset);
      if (end < 0) this.fail("Missing closing '}' in the variable name.", pos.offset);
      const full = this.text.slice(this.offset + 1, end);
      this.offset = end + 1;
      return { kind: 'Variable', pos, ...splitScope(full), splat };
    }
    const special = this.peek();
    if (special === '$' || special === '^' || special === '?') {
      this.offset += 1;
      return { kind: 'Variable', pos, name: special, scope: undefined, splat };
    }
    let name = this.readVariableName();
    let scope: string | undefined;
    if (this.peek() === ':' && isVariableChar(this.peek(1)) && this.peek(1) !== '?') {
      this.offset += 1;
      scope = name;
      name = this.readVariableName();
    }
    if (name === '') this.fail("Variable reference is not valid. '$' was not followed by a valid variable name character. Consider using ${} to delimit the name.", pos.offset);
    return { kind: 'Variable', pos, name, scope, splat };
  }

  private readVariableName(): string {
    const start = this.offset;
    while (isVariableChar(this.peek()) && !(this.peek() === '?' && this.offset > start)) this.offset += 1;
    return this.text.slice(start, this.offset);
  }

  /** `[TypeName]`, `[string[]]`, `[System.Collections.Generic.List[string]]`: returns the name, consumed. */
  protected readTypeName(): string {
    const start = this.offset;
    let depth = 0;
    do {
      const ch = this.peek();
      if (ch === undefined || this.isNewline(ch)) this.fail("Missing ']' at end of type token.", start);
      if (ch === '[') depth += 1;
      if (ch === ']') depth -= 1;
      this.offset += 1;
    } while (depth > 0);
    return this.text.slice(start + 1, this.offset - 1).trim();
  }

  private skipToHereStringBody(start: number): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.offset += 1;
    if (!this.isNewline()) this.fail('No characters are allowed after a here-string header but before the end of the line.', start);
    this.offset += this.peek() === '\r' && this.peek(1) === '\n' ? 2 : 1;
  }

  // A here-string ends at a newline followed by the quote and `@` at the very start of the next line.
  private atHereStringEnd(quote: string): boolean {
    const skip = this.peek() === '\r' && this.peek(1) === '\n' ? 2 : 1;
    const closing = this.text[this.offset + skip];
    const quoteMatches = quote === '"' ? isDoubleQuote(closing) : isSingleQuote(closing);
    if (!quoteMatches || this.text[this.offset + skip + 1] !== '@') return false;
    this.offset += skip + 2;
    return true;
  }

  private readHereStringBody(quote: string): string {
    const start = this.offset;
    this.offset += 2;
    this.skipToHereStringBody(start);
    const bodyStart = this.offset;
    for (;;) {
      if (this.atEnd()) this.fail(`The string is missing the terminator: ${quote}@.`, start);
      if (this.offset === bodyStart && (quote === '"' ? isDoubleQuote(this.peek()) : isSingleQuote(this.peek())) && this.peek(1) === '@') {
        this.offset += 2;
        return '';
      }
      const at = this.offset;
      if (this.isNewline() && this.atHereStringEnd(quote)) return this.text.slice(bodyStart, at);
      this.offset += 1;
    }
  }
}

function numberValue(raw: string): number {
  const lower = raw.toLowerCase();
  const multiplier = MULTIPLIERS[lower.slice(-2)] ?? 1;
  let digits = multiplier === 1 ? lower : lower.slice(0, -2);
  if (!digits.startsWith('0x') && (digits.endsWith('l') || digits.endsWith('d'))) digits = digits.slice(0, -1);
  const value = digits.startsWith('0x') ? parseInt(digits.slice(2), 16) : Number(digits);
  return value * multiplier;
}

function splitScope(full: string): { name: string; scope: string | undefined } {
  const colon = full.indexOf(':');
  if (colon <= 0) return { name: full, scope: undefined };
  return { name: full.slice(colon + 1), scope: full.slice(0, colon) };
}

