import type { BlockNode, ExpressionNode, FunctionNode, ParameterNode, Position, ScriptBlockNode, StatementNode, SwitchNode, TryNode } from './ast.js';
import { CommandParser } from './parse-command.js';
import { isDash } from './scanner.js';

const LOOP_KEYWORDS = ['foreach', 'for', 'while', 'do', 'switch'];
const UNSUPPORTED_KEYWORDS: Record<string, string> = {
  trap: 'The trap statement', data: 'The data section', workflow: 'A workflow', class: 'A class definition',
  enum: 'An enum definition', configuration: 'A DSC configuration', parallel: 'A parallel block', inlinescript: 'An inlinescript block',
};

/** Options for parsing one script. */
export interface ParseOptions {
  /** Documentation placeholders mapped to the values to use instead (`--answers placeholders`). */
  placeholders?: ReadonlyMap<string, string> | undefined;
}

/** Parses a whole script into its top-level script block; throws PsSyntaxError with the position on failure. */
export function parseScript(text: string, options: ParseOptions = {}): ScriptBlockNode {
  return new StatementParser(text, options).parseWholeScript();
}

/** Statements (spec §8): flow control, functions, try/catch, param blocks and script blocks. */
class StatementParser extends CommandParser {
  constructor(text: string, options: ParseOptions) {
    super(text);
    this.placeholders = options.placeholders ?? new Map();
  }

  parseWholeScript(): ScriptBlockNode {
    const block = this.parseScriptBlockBody(this.positionAt(0), '');
    if (!this.atEnd()) this.fail(`Unexpected token '${this.peek() ?? ''}' in expression or statement.`);
    return block;
  }

  protected parseScriptBlockBody(open: Position, close: string): ScriptBlockNode {
    const bodyStart = this.offset;
    this.skipSeparators();
    const params = this.parseParamBlockIfAny();
    const block: ScriptBlockNode = { kind: 'ScriptBlock', pos: open, params, statements: [], process: [], begin: [], text: '' };
    this.skipSeparators();
    const named = this.peekWord().toLowerCase();
    if ((named === 'begin' || named === 'process' || named === 'end') && this.isFollowedByBrace(named.length)) {
      while (['begin', 'process', 'end'].includes(this.peekWord().toLowerCase())) {
        const which = this.peekWord().toLowerCase();
        this.offset += which.length;
        const body = this.parseBlock().statements;
        if (which === 'begin') block.begin = body;
        else if (which === 'process') block.process = body;
        else block.statements = body;
        this.skipSeparators();
      }
    } else block.statements = this.parseStatementsUntil(close);
    block.text = this.text.slice(bodyStart, this.offset);
    if (close !== '') this.expect(close, "Missing closing '}' in statement block or type definition.");
    return block;
  }

  private isFollowedByBrace(wordLength: number): boolean {
    const rest = this.text.slice(this.offset + wordLength, this.offset + wordLength + 64);
    return /^\s*\{/.test(rest);
  }

  protected parseStatementsUntil(close: string): StatementNode[] {
    const statements: StatementNode[] = [];
    for (;;) {
      this.skipSeparators();
      if (this.atEnd() || (close !== '' && this.peek() === close)) return statements;
      if (close === '' && (this.peek() === '}' || this.peek() === ')')) this.fail(`Unexpected token '${this.peek() ?? ''}' in expression or statement.`);
      statements.push(this.parseStatement());
      this.skipBlanks();
      const ch = this.peek();
      if (!(ch === undefined || this.isNewline(ch) || ch === ';' || ch === close || (close !== '' && (ch === '}' || ch === ')')))) {
        this.fail(`Unexpected token '${this.text.slice(this.offset).split(/\s/)[0] ?? ''}' in expression or statement.`);
      }
    }
  }

  protected parseStatement(): StatementNode {
    this.skipBlanks();
    const pos = this.positionAt();
    let label: string | undefined;
    if (this.peek() === ':' && /[\p{L}_]/u.test(this.peek(1) ?? '')) {
      this.offset += 1;
      label = this.peekWord();
      this.offset += label.length;
      this.skipBlanks();
      if (!LOOP_KEYWORDS.some((k) => this.atKeyword(k))) this.fail('A loop label can only be used on loop statements.');
    }
    const word = this.peekWord().toLowerCase();
    if (!this.atKeyword(word)) return this.parsePipelineOrAssignment();
    const unsupported = UNSUPPORTED_KEYWORDS[word];
    if (unsupported !== undefined && this.isFollowedByKeywordBody(word.length)) this.unsupported(unsupported);
    switch (word) {
      case 'if': return this.parseIf(pos);
      case 'foreach': return this.parseForeach(pos, label);
      case 'for': return this.parseFor(pos, label);
      case 'while': return this.parseWhile(pos, label);
      case 'do': return this.parseDo(pos, label);
      case 'switch': return this.parseSwitch(pos, label);
      case 'function': case 'filter': return this.parseFunction(pos, word === 'filter');
      case 'try': return this.parseTry(pos);
      case 'throw': case 'return': case 'exit': return this.parseFlowWithValue(pos, word);
      case 'break': case 'continue': return this.parseBreakContinue(pos, word);
      case 'param': return this.fail('The param block must be the first statement in a script or function.');
      case 'else': case 'elseif': return this.fail(`Unexpected token '${word}' in expression or statement.`);
      default: return this.parsePipelineOrAssignment();
    }
  }

  private isFollowedByKeywordBody(wordLength: number): boolean {
    return /^\s*[\w{(]/.test(this.text.slice(this.offset + wordLength, this.offset + wordLength + 64));
  }

  private parseBlock(): BlockNode {
    this.skipBlanksAndNewlines();
    const pos = this.positionAt();
    this.expect('{', "Missing statement block.");
    const statements = this.parseStatementsUntil('}');
    this.expect('}', "Missing closing '}' in statement block or type definition.");
    return { kind: 'Block', pos, statements };
  }

  private parseCondition(keyword: string): StatementNode {
    this.skipBlanksAndNewlines();
    this.expect('(', `Missing '(' after '${keyword}' in ${keyword} statement.`);
    this.skipBlanksAndNewlines();
    const condition = this.parseStatement();
    this.skipBlanksAndNewlines();
    this.expect(')', `Missing closing ')' after expression in '${keyword}' statement.`);
    return condition;
  }

  private parseIf(pos: Position): StatementNode {
    this.offset += 2;
    const clauses = [{ condition: this.parseCondition('if'), body: this.parseBlock() }];
    let elseBody: BlockNode | undefined;
    for (;;) {
      const saved = this.offset;
      this.skipBlanksAndNewlines();
      if (this.atKeyword('elseif')) {
        this.offset += 6;
        clauses.push({ condition: this.parseCondition('elseif'), body: this.parseBlock() });
      } else if (this.atKeyword('else')) {
        this.offset += 4;
        elseBody = this.parseBlock();
        break;
      } else {
        this.offset = saved;
        break;
      }
    }
    return { kind: 'If', pos, clauses, elseBody };
  }

  private parseForeach(pos: Position, label: string | undefined): StatementNode {
    this.offset += 7;
    this.skipBlanksAndNewlines();
    if (isDash(this.peek())) this.unsupported('foreach -parallel');
    this.expect('(', "Missing opening '(' after keyword 'foreach'.");
    this.skipBlanksAndNewlines();
    if (this.peek() !== '$') this.fail("Missing variable name after foreach.");
    const variable = this.parseVariable().name;
    this.skipBlanksAndNewlines();
    if (!this.atKeyword('in')) this.fail("Missing 'in' after variable in foreach loop.");
    this.offset += 2;
    this.skipBlanksAndNewlines();
    const iterable = this.parseStatement();
    this.skipBlanksAndNewlines();
    this.expect(')', "Missing closing ')' after expression in 'foreach' statement.");
    return { kind: 'Foreach', pos, label, variable, iterable, body: this.parseBlock() };
  }

  private parseFor(pos: Position, label: string | undefined): StatementNode {
    this.offset += 3;
    this.skipBlanksAndNewlines();
    this.expect('(', "Missing opening '(' after keyword 'for'.");
    const part = (end: string): StatementNode | undefined => {
      this.skipBlanksAndNewlines();
      if (this.peek() === end) {
        this.offset += 1;
        return undefined;
      }
      const statement = this.parseStatement();
      this.skipBlanksAndNewlines();
      if (this.peek() === end || (end === ';' && this.isNewline())) this.offset += 1;
      else this.expect(end, `Missing closing '${end}' in for statement.`);
      return statement;
    };
    const init = part(';');
    const condition = part(';');
    const iterator = part(')');
    return { kind: 'For', pos, label, init, condition, iterator, body: this.parseBlock() };
  }

  private parseWhile(pos: Position, label: string | undefined): StatementNode {
    this.offset += 5;
    return { kind: 'While', pos, label, condition: this.parseCondition('while'), body: this.parseBlock() };
  }

  private parseDo(pos: Position, label: string | undefined): StatementNode {
    this.offset += 2;
    const body = this.parseBlock();
    this.skipBlanksAndNewlines();
    const until = this.atKeyword('until');
    if (!until && !this.atKeyword('while')) this.fail("Missing 'while' or 'until' in do loop.");
    this.offset += until ? 5 : 5;
    return { kind: 'Do', pos, label, body, condition: this.parseCondition(until ? 'until' : 'while'), until };
  }

  private parseSwitch(pos: Position, label: string | undefined): SwitchNode {
    this.offset += 6;
    let mode: SwitchNode['mode'] = 'exact';
    let caseSensitive = false;
    for (;;) {
      this.skipBlanks();
      if (!isDash(this.peek())) break;
      const option = /^[a-z]+/i.exec(this.text.slice(this.offset + 1))?.[0]?.toLowerCase() ?? '';
      this.offset += 1 + option.length;
      if (option === 'regex' || option === 'wildcard' || option === 'exact') mode = option;
      else if (option === 'casesensitive') caseSensitive = true;
      else this.unsupported(`switch -${option}`);
    }
    const subject = this.parseCondition('switch');
    this.skipBlanksAndNewlines();
    this.expect('{', "Missing opening '{' in switch statement.");
    const clauses: SwitchNode['clauses'] = [];
    for (;;) {
      this.skipSeparators();
      if (this.eat('}')) break;
      if (this.atEnd()) this.fail("Missing closing '}' in switch statement.", pos.offset);
      let pattern: ExpressionNode | 'default';
      if (this.atKeyword('default')) {
        this.offset += 7;
        pattern = 'default';
      } else pattern = this.peek() === '{' ? this.parsePrimary() : this.parseCommandArgument();
      clauses.push({ pattern, body: this.parseBlock() });
    }
    return { kind: 'Switch', pos, label, mode, caseSensitive, subject, clauses };
  }

  private parseFunction(pos: Position, isFilter: boolean): FunctionNode {
    this.offset += isFilter ? 6 : 8;
    this.skipBlanks();
    const nameStart = this.offset;
    while (!this.atEnd() && !/[\s{(]/.test(this.peek() ?? '')) this.offset += 1;
    const name = this.text.slice(nameStart, this.offset).replace(/^(global|script|local):/i, '');
    if (name === '') this.fail('Missing name after function keyword.');
    this.skipBlanksAndNewlines();
    let params: ParameterNode[] = [];
    if (this.eat('(')) params = this.parseParameterList(')');
    this.skipBlanksAndNewlines();
    const open = this.positionAt();
    this.expect('{', "Missing function body in function declaration.");
    const body = this.parseScriptBlockBody(open, '}');
    if (params.length > 0) body.params = params;
    return { kind: 'Function', pos, name, body, isFilter };
  }

  private parseTry(pos: Position): TryNode {
    this.offset += 3;
    const body = this.parseBlock();
    const catches: TryNode['catches'] = [];
    let finallyBody: BlockNode | undefined;
    for (;;) {
      const saved = this.offset;
      this.skipBlanksAndNewlines();
      if (this.atKeyword('catch')) {
        this.offset += 5;
        const types: string[] = [];
        for (;;) {
          this.skipBlanksAndNewlines();
          if (this.peek() !== '[') break;
          types.push(this.readTypeName());
          this.skipBlanksAndNewlines();
          this.eat(',');
        }
        catches.push({ types, body: this.parseBlock() });
      } else if (this.atKeyword('finally')) {
        this.offset += 7;
        finallyBody = this.parseBlock();
        break;
      } else {
        this.offset = saved;
        break;
      }
    }
    if (catches.length === 0 && finallyBody === undefined) this.fail('The Try statement is missing its Catch or Finally block.');
    return { kind: 'Try', pos, body, catches, finallyBody };
  }

  private parseFlowWithValue(pos: Position, word: string): StatementNode {
    this.offset += word.length;
    this.skipBlanks();
    const value = this.atExpressionEnd() ? undefined : this.parseStatement();
    if (word === 'throw') return { kind: 'Throw', pos, value };
    return { kind: 'Flow', pos, flow: word === 'return' ? 'return' : 'exit', value, label: undefined };
  }

  private parseBreakContinue(pos: Position, word: string): StatementNode {
    this.offset += word.length;
    this.skipBlanks();
    const label = this.atExpressionEnd() ? undefined : this.peekWord();
    if (label !== undefined) this.offset += label.length;
    return { kind: 'Flow', pos, flow: word === 'break' ? 'break' : 'continue', value: undefined, label };
  }

  private parseParamBlockIfAny(): ParameterNode[] {
    const saved = this.offset;
    while (this.peek() === '[') {
      this.readTypeName();
      this.skipSeparators();
    }
    if (!this.atKeyword('param')) {
      this.offset = saved;
      return [];
    }
    this.offset += 5;
    this.skipBlanksAndNewlines();
    this.expect('(', "Missing '(' in the param block.");
    return this.parseParameterList(')');
  }

  private parseParameterList(close: string): ParameterNode[] {
    const params: ParameterNode[] = [];
    for (;;) {
      this.skipBlanksAndNewlines();
      if (this.eat(close)) return params;
      params.push(this.parseParameterDeclaration());
      this.skipBlanksAndNewlines();
      if (this.eat(close)) return params;
      this.expect(',', `Missing ')' in function parameter list.`);
    }
  }

  private parseParameterDeclaration(): ParameterNode {
    const pos = this.positionAt();
    const param: ParameterNode = { pos, name: '', typeName: undefined, defaultValue: undefined, mandatory: false, position: undefined, valueFromPipeline: false, isSwitch: false };
    while (this.peek() === '[') {
      const attribute = this.readTypeName();
      this.skipBlanksAndNewlines();
      const call = /^(\w+)\s*\(([\s\S]*)\)$/.exec(attribute);
      if (call === null) {
        param.typeName = attribute;
        param.isSwitch = /^(switch|System\.Management\.Automation\.SwitchParameter)$/i.test(attribute);
      } else if (call[1]?.toLowerCase() === 'parameter') readParameterAttribute(call[2] ?? '', param);
    }
    if (this.peek() !== '$') this.fail('Missing variable name in the parameter list.');
    param.name = this.parseVariable().name;
    this.skipBlanksAndNewlines();
    if (this.eat('=')) {
      this.skipBlanksAndNewlines();
      param.defaultValue = this.parseExpression(false);
    }
    return param;
  }
}

// `[Parameter(Mandatory=$true, Position=0, ValueFromPipeline=$true)]`: only the facts the binder needs.
function readParameterAttribute(args: string, param: ParameterNode): void {
  for (const part of args.split(',')) {
    const [key = '', value = '$true'] = part.split('=').map((s) => s.trim());
    const lower = key.toLowerCase();
    const truthy = /^\$true$|^1$/i.test(value);
    if (lower === 'mandatory') param.mandatory = truthy;
    else if (lower === 'position') param.position = Number(value);
    else if (lower === 'valuefrompipeline') param.valueFromPipeline = truthy;
  }
}
