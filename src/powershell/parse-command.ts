import type { CommandElement, CommandNode, ExpressionNode, PipelineNode, RedirectionNode, StatementNode } from './ast.js';
import { ExpressionParser } from './parse-expression.js';
import { isDash, isDoubleQuote, isSingleQuote } from './scanner.js';

const ASSIGNMENT_OPERATORS = ['=', '+=', '-=', '*=', '/=', '%='];

// Characters that end a bare word in command mode (spec §2.3.4 "generic-token" and its terminators).
const GENERIC_END = /[\s;|&(){},]/u;

/** Pipelines, assignments, commands in command mode (spec §8.2 and §8.14: arguments, parameters, redirections). */
export abstract class CommandParser extends ExpressionParser {
  /** A pipeline, or an assignment when an expression is followed by `=` (`$vm = New-AzureVMConfig ...`). */
  protected parsePipelineOrAssignment(): StatementNode {
    this.skipBlanks();
    const pos = this.positionAt();
    const elements: PipelineNode['elements'] = [];
    if (this.atExpressionStart()) {
      const expression = this.parseExpression();
      this.skipBlanks();
      const operator = this.eatAssignmentOperator();
      if (operator !== undefined) {
        if (!isAssignable(expression)) this.fail('The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property.', expression.pos.offset);
        this.skipBlanksAndNewlines();
        return { kind: 'Assignment', pos, target: expression, operator, value: this.parseStatement() };
      }
      elements.push({ kind: 'ExpressionStatement', pos, expression, redirections: this.parseRedirections() });
    } else elements.push(this.parseCommand());
    for (;;) {
      this.skipBlanks();
      if (this.peek() !== '|' || this.peek(1) === '|') break;
      this.offset += 1;
      this.skipBlanksAndNewlines();
      if (this.atExpressionStart() && !this.atScriptBlockStart()) this.fail('Expressions are only allowed as the first element of a pipeline.');
      if (this.atExpressionEnd()) this.fail('An empty pipe element is not allowed.');
      elements.push(this.parseCommand());
    }
    return { kind: 'Pipeline', pos, elements };
  }

  private eatAssignmentOperator(): string | undefined {
    for (const operator of ASSIGNMENT_OPERATORS) {
      const dashed = operator === '-=' && isDash(this.peek()) && this.peek(1) === '=';
      if ((dashed || this.text.startsWith(operator, this.offset)) && this.peek(operator.length) !== '=') {
        this.offset += operator.length;
        return operator;
      }
    }
    return undefined;
  }

  /** True when the cursor starts an expression rather than a command name (spec §8.2). */
  protected atExpressionStart(): boolean {
    const ch = this.peek();
    const next = this.peek(1);
    if (ch === '$' || ch === '(' || ch === '[' || ch === '{' || ch === '!' || ch === ',' || isSingleQuote(ch) || isDoubleQuote(ch)) return true;
    // `@name` at a statement's start is an expression too, which the primary parser refuses as PowerShell does.
    if (ch === '@') return next === '(' || next === '{' || isSingleQuote(next) || isDoubleQuote(next) || /[\p{L}_]/u.test(next ?? '');
    if (ch === '+' && next === '+') return true;
    if (isDash(ch)) {
      if (isDash(next) && this.peek(2) === '$') return true;
      if (/[\d.]/.test(next ?? '')) return true;
      return /^(not|bnot|split|join)\b/i.test(this.text.slice(this.offset + 1, this.offset + 8));
    }
    if (ch !== undefined && /[\d.]/.test(ch)) {
      const saved = this.offset;
      const number = this.tryNumber((after) => after === undefined || !/[\p{L}\p{Nd}_\\:]/u.test(after));
      this.offset = saved;
      return number !== undefined;
    }
    return false;
  }

  private atScriptBlockStart(): boolean {
    return this.peek() === '{';
  }

  /** A command: its name (bare word, or an expression after `&` / `.`), then parameters, arguments, redirections. */
  protected parseCommand(): CommandNode {
    const pos = this.positionAt();
    let invocation: CommandNode['invocation'] = 'plain';
    let name: string | ExpressionNode;
    if (this.peek() === '&' || (this.peek() === '.' && /\s/.test(this.peek(1) ?? ''))) {
      invocation = this.peek() === '&' ? 'call' : 'dot';
      this.offset += 1;
      this.skipBlanks();
      name = this.parseCommandArgument();
    } else {
      const word = this.readGenericToken();
      name = word.kind === 'Constant' ? String(word.value) : word;
    }
    const elements: CommandElement[] = [];
    const redirections: RedirectionNode[] = [];
    let end = this.offset;
    for (;;) {
      end = this.offset;
      this.skipBlanks();
      const ch = this.peek();
      if (ch === undefined || this.isNewline(ch) || ch === ';' || ch === '|' || ch === ')' || ch === '}') break;
      if (ch === '&' && this.peek(1) === '&') this.fail("The token '&&' is not a valid statement separator in this version.");
      if (ch === '<') elements.push({ kind: 'Argument', pos: this.positionAt(), value: this.parseArgumentList() });
      else if (this.atRedirection()) redirections.push(this.parseRedirection());
      else if (isDash(ch) && /[\p{L}_?]/u.test(this.peek(1) ?? '')) elements.push(this.parseParameter());
      else if (ch === '@' && /[\p{L}_]/u.test(this.peek(1) ?? '')) elements.push(this.parseSplat());
      else if (isDash(ch) && isDash(this.peek(1)) && this.peek(2) === '%') this.unsupported('The stop-parsing symbol (--%)');
      else {
        const argPos = this.positionAt();
        elements.push({ kind: 'Argument', pos: argPos, value: this.parseArgumentList() });
      }
    }
    return { kind: 'Command', pos, name, invocation, end, elements, redirections };
  }

  // A splatted variable is a command element of its own, never an item of `a, b` (the parser of the time said so too).
  private parseSplat(): CommandElement {
    const pos = this.positionAt();
    const variable = this.parseVariable();
    this.skipBlanks();
    if (this.peek() === ',') this.fail(`Splatted variables like '@${variable.name}' cannot be part of a comma-separated list of arguments.`, pos.offset);
    return { kind: 'Splat', pos, variable };
  }

  private parseParameter(): CommandElement {
    const pos = this.positionAt();
    const start = this.offset;
    this.offset += 1;
    while (!this.atEnd() && !GENERIC_END.test(this.peek() ?? '') && this.peek() !== ':') this.offset += 1;
    const name = this.text.slice(start + 1, this.offset);
    const text = `-${name}`;
    if (this.peek() === ':') {
      this.offset += 1;
      this.skipBlanks();
      return { kind: 'Parameter', pos, name, text, argument: this.parseArgumentList() };
    }
    return { kind: 'Parameter', pos, name, text, argument: undefined };
  }

  // `Select Name, Label` is one argument: the array Name, Label (spec §8.14.1: commas in command mode make arrays).
  private parseArgumentList(): ExpressionNode {
    const first = this.parseCommandArgument();
    this.skipBlanks();
    if (this.peek() !== ',') return first;
    const items = [first];
    while (this.eat(',')) {
      this.skipBlanksAndNewlines();
      items.push(this.parseCommandArgument());
      this.skipBlanks();
    }
    return { kind: 'ArrayLiteral', pos: first.pos, items };
  }

  /** One argument in command mode: a primary with attached member access, a number, or a bare word. */
  protected parseCommandArgument(): ExpressionNode {
    const ch = this.peek();
    const next = this.peek(1);
    const placeholder = ch === '<' ? this.tryPlaceholder() : undefined;
    if (placeholder !== undefined) return placeholder;
    if (ch === '<') this.fail("The '<' operator is reserved for future use.");
    if (ch === '@' && /[\p{L}_]/u.test(next ?? '')) this.fail(`Splatted variables like '@${this.peekWord(1)}' cannot be part of a comma-separated list of arguments.`);
    const primaryStart = ch === '$' || ch === '(' || ch === '{' || isSingleQuote(ch) || isDoubleQuote(ch) || (ch === '@' && (next === '(' || next === '{' || isSingleQuote(next) || isDoubleQuote(next)));
    if (primaryStart) {
      const primary = this.parsePrimary();
      if (this.atGenericContinuation()) return this.unsupported('An argument that joins a value with a bare word (such as $a.txt)', primary.pos.offset);
      return this.parsePostfix(primary, true);
    }
    const number = this.tryNumber((after) => after === undefined || /[\s;|&(){},]/u.test(after));
    if (number !== undefined) return number;
    return this.readGenericToken();
  }

  // `$name.txt` style arguments are rare; they are member access in PowerShell too, so only odd joins stop us.
  private atGenericContinuation(): boolean {
    const ch = this.peek();
    return ch !== undefined && !GENERIC_END.test(ch) && ch !== '.' && ch !== '[' && ch !== ':' && ch !== '=' && !(ch === '>' || ch === '<') && ch !== ']' && !isDash(ch) && ch !== '\\' && ch !== '/';
  }

  /** A bare word in command mode; `$var` inside it expands (`C:\$name\x`). */
  protected readGenericToken(): ExpressionNode {
    const pos = this.positionAt();
    const parts: (string | ExpressionNode)[] = [];
    let literal = '';
    while (!this.atEnd()) {
      const ch = this.peek() ?? '';
      if (GENERIC_END.test(ch) || ch === '>' || (ch === '<' && literal === '')) break;
      if (ch === '`') {
        literal += this.peek(1) ?? '';
        this.offset += 2;
      } else if (ch === '$' && /[\p{L}_{(]/u.test(this.peek(1) ?? '')) {
        if (literal !== '') parts.push(literal);
        literal = '';
        parts.push(this.peek(1) === '(' ? this.parsePrimary() : this.parseVariable());
      } else if (isSingleQuote(ch) || isDoubleQuote(ch)) {
        const quoted = isSingleQuote(ch) ? this.parseSingleQuoted() : this.parseDoubleQuoted();
        if (quoted.kind === 'Constant') literal += String(quoted.value);
        else parts.push(quoted);
      } else {
        literal += ch;
        this.offset += 1;
      }
    }
    if (literal !== '') parts.push(literal);
    if (parts.length === 0) this.fail(`Unexpected token '${this.peek() ?? ''}' in expression or statement.`);
    if (parts.every((p) => typeof p === 'string')) return { kind: 'Constant', pos, value: parts.join(''), quoted: false };
    return { kind: 'ExpandableString', pos, parts };
  }

  private atRedirection(): boolean {
    const ch = this.peek();
    if (ch === '>' || ch === '<') return true;
    return /^[1-6*]>/.test(this.text.slice(this.offset, this.offset + 2)) && (this.offset === 0 || /\s/.test(this.text[this.offset - 1] ?? ''));
  }

  /** Redirections after an expression statement (`$x > file` is rare but valid). */
  protected parseRedirections(): RedirectionNode[] {
    const redirections: RedirectionNode[] = [];
    for (;;) {
      this.skipBlanks();
      if (!this.atRedirection()) return redirections;
      redirections.push(this.parseRedirection());
    }
  }

  private parseRedirection(): RedirectionNode {
    const pos = this.positionAt();
    if (this.peek() === '<') this.fail("The '<' operator is reserved for future use.");
    let stream = '1';
    if (this.peek() !== '>') {
      stream = this.peek() ?? '1';
      this.offset += 1;
    }
    this.offset += 1;
    const append = this.eat('>');
    if (this.eat('&1')) return { pos, stream, append, target: 'merge' };
    this.skipBlanks();
    return { pos, stream, append, target: this.parseCommandArgument() };
  }
}

function isAssignable(node: ExpressionNode): boolean {
  if (node.kind === 'Variable' || node.kind === 'Member' || node.kind === 'Index') return true;
  if (node.kind === 'Convert') return isAssignable(node.operand);
  if (node.kind === 'ArrayLiteral') return node.items.every(isAssignable);
  return false;
}
