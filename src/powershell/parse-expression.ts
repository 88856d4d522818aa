import type { ExpressionNode, HashtableNode, Position, ScriptBlockNode, StatementNode } from './ast.js';
import { LiteralParser } from './parse-literals.js';
import { isDash, isDoubleQuote, isSingleQuote, isVariableChar } from './scanner.js';

// Binary operators by precedence, lowest first (spec §7: logical < bitwise < comparison < additive < multiplicative
// < format < range < comma < unary). Comparison operators also come with `c`/`i` prefixes.
const LOGICAL = ['and', 'or', 'xor'];
const BITWISE = ['band', 'bor', 'bxor'];
const COMPARISON_BASE = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'like', 'notlike', 'match', 'notmatch', 'replace', 'contains', 'notcontains', 'in', 'notin', 'split'];
const COMPARISON = [...COMPARISON_BASE, ...COMPARISON_BASE.flatMap((op) => [`c${op}`, `i${op}`]), 'join', 'is', 'isnot', 'as', 'shl', 'shr'];
const UNARY_WORDS = ['not', 'bnot', 'split', 'join'];

/** Expressions (spec §7): operators by precedence, unary operators and casts, postfix member access, primaries. */
export abstract class ExpressionParser extends LiteralParser {
  protected abstract parseStatement(): StatementNode;
  protected abstract parseScriptBlockBody(open: Position, close: string): ScriptBlockNode;

  /** A full expression (lowest precedence: `-and`/`-or`/`-xor`). */
  protected parseExpression(allowComma = true): ExpressionNode {
    return this.parseBinaryLevel(0, allowComma);
  }

  private parseBinaryLevel(level: number, allowComma: boolean): ExpressionNode {
    if (level === 4) return this.parseMultiplicative(allowComma);
    const words = [LOGICAL, BITWISE, COMPARISON][level];
    let left = this.parseBinaryLevel(level + 1, allowComma);
    for (;;) {
      this.skipBlanks();
      const start = this.offset;
      const pos = this.positionAt();
      let operator: string | undefined;
      if (words !== undefined) operator = this.eatDashOperator(words);
      else if (this.peek() === '+' && this.peek(1) !== '+' && this.peek(1) !== '=') operator = '+';
      else if (isDash(this.peek()) && !/[\p{L}=]/u.test(this.peek(1) ?? '') && !isDash(this.peek(1))) operator = '-';
      if (operator === undefined) return left;
      if (operator === '+' || operator === '-') this.offset += 1;
      this.skipBlanksAndNewlines();
      if (this.atExpressionEnd()) this.fail(`You must provide a value expression following the '${operator.length > 1 ? '-' + operator : operator}' operator.`, start);
      left = { kind: 'Binary', pos, operator, left, right: this.parseBinaryLevel(level + 1, allowComma) };
    }
  }

  private parseMultiplicative(allowComma: boolean): ExpressionNode {
    let left = this.parseFormat(allowComma);
    for (;;) {
      this.skipBlanks();
      const ch = this.peek();
      if ((ch !== '*' && ch !== '/' && ch !== '%') || this.peek(1) === '=') return left;
      const pos = this.positionAt();
      this.offset += 1;
      this.skipBlanksAndNewlines();
      left = { kind: 'Binary', pos, operator: ch, left, right: this.parseFormat(allowComma) };
    }
  }

  private parseFormat(allowComma: boolean): ExpressionNode {
    let left = this.parseRange(allowComma);
    for (;;) {
      this.skipBlanks();
      const pos = this.positionAt();
      if (this.eatDashOperator(['f']) === undefined) return left;
      this.skipBlanksAndNewlines();
      left = { kind: 'Binary', pos, operator: 'f', left, right: this.parseRange(allowComma) };
    }
  }

  private parseRange(allowComma: boolean): ExpressionNode {
    const left = allowComma ? this.parseArrayLiteral() : this.parseUnary();
    this.skipBlanks();
    if (this.peek() !== '.' || this.peek(1) !== '.') return left;
    const pos = this.positionAt();
    this.offset += 2;
    this.skipBlanksAndNewlines();
    return { kind: 'Binary', pos, operator: '..', left, right: allowComma ? this.parseArrayLiteral() : this.parseUnary() };
  }

  private parseArrayLiteral(): ExpressionNode {
    const first = this.parseUnary();
    this.skipBlanks();
    if (this.peek() !== ',') return first;
    const items = [first];
    while (this.peek() === ',') {
      this.offset += 1;
      this.skipBlanksAndNewlines();
      items.push(this.parseUnary());
      this.skipBlanks();
    }
    return { kind: 'ArrayLiteral', pos: first.pos, items };
  }

  /** Unary operators and casts, then a postfix expression. */
  protected parseUnary(): ExpressionNode {
    this.skipBlanks();
    const pos = this.positionAt();
    const ch = this.peek();
    if (ch === '!') {
      this.offset += 1;
      return { kind: 'Unary', pos, operator: 'not', operand: this.parseUnary(), postfix: false };
    }
    if (ch === ',') {
      this.offset += 1;
      return { kind: 'Unary', pos, operator: ',', operand: this.parseUnary(), postfix: false };
    }
    if ((ch === '+' && this.peek(1) === '+') || (isDash(ch) && isDash(this.peek(1)))) {
      this.offset += 2;
      return { kind: 'Unary', pos, operator: ch === '+' ? '++' : '--', operand: this.parseUnary(), postfix: false };
    }
    if (isDash(ch)) {
      const word = this.eatDashOperator(UNARY_WORDS);
      if (word !== undefined) return { kind: 'Unary', pos, operator: word, operand: this.parseUnary(), postfix: false };
    }
    if (ch === '+' || isDash(ch)) {
      this.offset += 1;
      return { kind: 'Unary', pos, operator: ch === '+' ? '+' : '-', operand: this.parseUnary(), postfix: false };
    }
    if (ch === '[') {
      const typeName = this.readTypeName();
      if (this.peek() === ':' && this.peek(1) === ':') return this.parsePostfix({ kind: 'Type', pos, typeName }, false);
      if (this.peek() === '.' || this.atExpressionEnd() || /\s/.test(this.peek() ?? '')) {
        this.skipBlanks();
        if (this.atExpressionEnd() || this.atBinaryOperator()) return this.parsePostfix({ kind: 'Type', pos, typeName }, false);
      }
      return { kind: 'Convert', pos, typeName, operand: this.parseUnary() };
    }
    return this.parsePostfix(this.parsePrimary(), false);
  }

  /** Member access, method calls, indexing and `++`/`--` after a primary; `commandMode` forbids blanks before them. */
  protected parsePostfix(primary: ExpressionNode, commandMode: boolean): ExpressionNode {
    let node = primary;
    for (;;) {
      const ch = this.peek();
      const pos = this.positionAt();
      if (ch === '.' && this.peek(1) !== '.' || ch === ':' && this.peek(1) === ':') {
        const isStatic = ch === ':';
        this.offset += isStatic ? 2 : 1;
        const member = this.parseMemberName();
        if (this.peek() === '(' && typeof member === 'string') {
          this.offset += 1;
          node = { kind: 'InvokeMember', pos, target: node, member, isStatic, args: this.parseArguments() };
        } else node = { kind: 'Member', pos, target: node, member, isStatic };
      } else if (ch === '[' && node.kind !== 'Constant') {
        this.offset += 1;
        this.skipBlanksAndNewlines();
        const index = this.parseExpression();
        this.skipBlanksAndNewlines();
        this.expect(']', "Array index expression is missing or not valid.");
        node = { kind: 'Index', pos, target: node, index };
      } else if (!commandMode && ((ch === '+' && this.peek(1) === '+') || (isDash(ch) && isDash(this.peek(1))))) {
        this.offset += 2;
        node = { kind: 'Unary', pos, operator: ch === '+' ? '++' : '--', operand: node, postfix: true };
      } else return node;
    }
  }

  private parseMemberName(): string | ExpressionNode {
    const ch = this.peek();
    if (ch === '$') return this.parseVariable();
    if (isSingleQuote(ch)) return String(this.parseSingleQuoted().value);
    if (isDoubleQuote(ch)) return this.parseDoubleQuoted();
    const match = /^[\p{L}_][\p{L}\p{Nd}_]*/u.exec(this.text.slice(this.offset, this.offset + 256));
    if (match === null) this.fail('Missing property name after reference operator.');
    this.offset += match[0].length;
    return match[0];
  }

  private parseArguments(): ExpressionNode[] {
    const args: ExpressionNode[] = [];
    this.skipBlanksAndNewlines();
    if (this.eat(')')) return args;
    for (;;) {
      this.skipBlanksAndNewlines();
      args.push(this.parseExpression(false));
      this.skipBlanksAndNewlines();
      if (this.eat(')')) return args;
      this.expect(',', "Missing ')' in method call.");
    }
  }

  /** A primary expression: variable, literal, string, `( )`, `$( )`, `@( )`, `@{ }`, `{ }`. */
  protected parsePrimary(): ExpressionNode {
    this.skipBlanks();
    const pos = this.positionAt();
    const ch = this.peek();
    const next = this.peek(1);
    if (ch === '$' && next === '(') {
      this.offset += 2;
      const statements = this.parseStatementsUntil(')');
      this.expect(')', "Missing closing ')' in subexpression.");
      return { kind: 'SubExpression', pos, statements };
    }
    if (ch === '@' && next === '(') {
      this.offset += 2;
      const statements = this.parseStatementsUntil(')');
      this.expect(')', "Missing closing ')' in subexpression.");
      return { kind: 'ArrayExpression', pos, statements };
    }
    if (ch === '@' && next === '{') return this.parseHashtable();
    if (ch === '@' && (isDoubleQuote(next) || isSingleQuote(next))) return isDoubleQuote(next) ? this.parseDoubleQuoted() : this.parseSingleQuoted();
    if (ch === '@' && isVariableChar(next)) {
      const name = this.peekWord(1);
      this.fail(`The splatting operator '@' cannot be used to reference variables in an expression. '@${name}' can be used only as an argument to a command. To reference variables in an expression use '$${name}'.`);
    }
    if (ch === '$') return this.parseVariable();
    if (isSingleQuote(ch)) return this.parseSingleQuoted();
    if (isDoubleQuote(ch)) return this.parseDoubleQuoted();
    if (ch === '(') {
      this.offset += 1;
      this.skipBlanksAndNewlines();
      const statement = this.parseStatement();
      this.skipBlanksAndNewlines();
      this.expect(')', "Missing closing ')' in expression.");
      return { kind: 'Paren', pos, statement };
    }
    if (ch === '{') {
      this.offset += 1;
      return { kind: 'ScriptBlockExpression', pos, block: this.parseScriptBlockBody(pos, '}') };
    }
    const placeholder = ch === '<' ? this.tryPlaceholder() : undefined;
    if (placeholder !== undefined) return placeholder;
    if (ch === '<') this.fail("The '<' operator is reserved for future use.");
    const number = this.tryNumber((after) => after === undefined || !/[\p{L}\p{Nd}_]/u.test(after));
    if (number !== undefined) return number;
    const word = /^[\p{L}_][\p{L}\p{Nd}_\-.]*/u.exec(this.text.slice(this.offset, this.offset + 128));
    if (word !== null) this.fail(`Unexpected token '${word[0]}' in expression or statement.`);
    if (this.atEnd()) this.fail('You must provide a value expression.');
    this.fail(`Unexpected token '${ch ?? ''}' in expression or statement.`);
  }

  private parseHashtable(): HashtableNode {
    const pos = this.positionAt();
    this.offset += 2;
    const entries: HashtableNode['entries'] = [];
    for (;;) {
      this.skipSeparators();
      if (this.eat('}')) return { kind: 'Hashtable', pos, entries };
      if (this.atEnd()) this.fail("Missing closing '}' in statement block or type definition.", pos.offset);
      const key = this.parseHashKey();
      this.skipBlanks();
      this.expect('=', "Missing '=' operator after key in hash literal.");
      this.skipBlanksAndNewlines();
      entries.push({ key, value: this.parseStatement() });
      this.skipBlanks();
      if (!this.isNewline() && this.peek() !== ';' && this.peek() !== '}') this.fail('Missing statement after \'=\' in hash literal.');
    }
  }

  private parseHashKey(): ExpressionNode {
    const pos = this.positionAt();
    const word = /^[\p{L}_][\p{L}\p{Nd}_\-]*/u.exec(this.text.slice(this.offset, this.offset + 256));
    if (word !== null) {
      this.offset += word[0].length;
      return { kind: 'Constant', pos, value: word[0], quoted: true };
    }
    return this.parseUnary();
  }

  /** Consumes `-word` when `word` is one of `words` and ends there; returns the lower-cased word. */
  protected eatDashOperator(words: readonly string[]): string | undefined {
    if (!isDash(this.peek())) return undefined;
    const match = /^[a-z]+/i.exec(this.text.slice(this.offset + 1, this.offset + 16));
    if (match === null) return undefined;
    const word = match[0].toLowerCase();
    if (!words.includes(word)) return undefined;
    this.offset += 1 + word.length;
    return word;
  }

  /** True at something that ends an expression: newline, `;`, `)`, `}`, `]`, `|`, `,`, end of input. */
  protected atExpressionEnd(): boolean {
    const ch = this.peek();
    return ch === undefined || this.isNewline(ch) || ch === ';' || ch === ')' || ch === '}' || ch === ']' || ch === '|' || ch === ',';
  }

  private atBinaryOperator(): boolean {
    const ch = this.peek();
    if (ch === '=' || ch === '+' || ch === '*' || ch === '/' || ch === '%') return true;
    if (!isDash(ch)) return false;
    const match = /^[a-z]+/i.exec(this.text.slice(this.offset + 1, this.offset + 16));
    return match !== null && [...LOGICAL, ...BITWISE, ...COMPARISON, 'f'].includes(match[0].toLowerCase());
  }
}
