import type { ExpressionNode, HashtableNode, Position, StatementNode } from './ast.js';
import { convertTo, enumerate, hashtableToObject, toBool, toNumber, toStr } from './convert.js';
import { applyBinary } from './operators.js';
import { PsError, type ScriptExtent } from './error-record.js';
import type { PsHost } from './host.js';
import { getMember, invokeMethod, setMember, type MemberHost } from './members.js';
import { RuntimeFailure } from './runtime-error.js';
import { Scope } from './scope.js';
import { getStaticMember, invokeStaticMethod, PsType } from './static-members.js';
import { PsHashtable, PsScriptBlock } from './values.js';

/** Where a statement's output goes: the next pipeline stage, a variable, or the console. */
export type OutputSink = (value: unknown) => void;

/** Expressions (spec §7): values, operators, member access, casts, assignment targets. */
export abstract class ExpressionEvaluator {
  protected scope: Scope;
  protected readonly globalScope: Scope;
  protected readonly lines: string[];

  constructor(protected readonly host: PsHost, text: string) {
    this.globalScope = new Scope(undefined, 'global');
    this.scope = new Scope(this.globalScope, 'script');
    this.lines = text.split(/\r\n|\r|\n/);
  }

  /** Runs statements, sending what they write to the output to `sink`. */
  protected abstract runStatementsTo(statements: readonly StatementNode[], sink: OutputSink): void;

  /** Runs statements and returns what they wrote to the output. */
  protected runStatements(statements: readonly StatementNode[]): unknown[] {
    const output: unknown[] = [];
    this.runStatementsTo(statements, (value) => output.push(value));
    return output;
  }

  /** Runs a statement used as a value (assignment right side, hashtable value, parenthesis). */
  protected runStatementOutput(statement: StatementNode): unknown[] {
    return this.runStatements([statement]);
  }
  /** Invokes a script block with `$_` and arguments, in a child scope (or the current one when `dotSourced`). */
  abstract invokeScriptBlock(block: PsScriptBlock, dollarUnder: unknown, args: readonly unknown[], dotSourced: boolean): unknown[];

  /** The extent of a node, for error messages. */
  protected extentAt(pos: Position): ScriptExtent {
    return { file: this.host.scriptPath, pos, lineText: this.lines[pos.line - 1] ?? '' };
  }

  protected get memberHost(): MemberHost {
    return {
      files: { readText: (path) => this.host.readFile(path), writeText: (path, text) => this.host.writeFile(path, text, false) },
      nowMs: () => this.host.nowMs(),
      invokeBlock: (block, args) => this.invokeScriptBlock(block, null, args, false),
    };
  }

  /** Evaluates an expression to its value (arrays stay arrays). */
  evaluate(node: ExpressionNode): unknown {
    try {
      return this.evaluateNode(node);
    } catch (error) {
      if (error instanceof RuntimeFailure) throw PsError.from(error, '', this.extentAt(node.pos));
      throw error;
    }
  }

  private evaluateNode(node: ExpressionNode): unknown {
    switch (node.kind) {
      case 'Constant': return node.value;
      case 'ExpandableString': return node.parts.map((part) => (typeof part === 'string' ? part : toStr(this.evaluate(part)))).join('');
      case 'Variable': return this.readVariable(node.name, node.scope);
      case 'Member': {
        const target = this.evaluate(node.target);
        const name = typeof node.member === 'string' ? node.member : toStr(this.evaluate(node.member));
        if (node.isStatic) return getStaticMember(typeOf(target), name, this.host);
        return getMember(target, name);
      }
      case 'InvokeMember': {
        const target = this.evaluate(node.target);
        const args = node.args.map((a) => this.evaluate(a));
        if (node.isStatic) return invokeStaticMethod(typeOf(target), node.member, args, this.host);
        if (target instanceof PsScriptBlock && /^invoke/i.test(node.member)) return collapse(this.invokeScriptBlock(target, null, args, false));
        return invokeMethod(target, node.member, args, this.memberHost);
      }
      case 'Index': return indexValue(this.evaluate(node.target), this.evaluate(node.index));
      case 'Unary': return this.evaluateUnary(node.operator, node.operand, node.postfix);
      case 'Binary': return this.evaluateBinary(node.operator, node.left, node.right);
      case 'Convert': {
        if (node.operand.kind === 'Hashtable' && /^(pscustomobject|ordered)$/i.test(node.typeName)) {
          // Both keep the written order: [ordered] is an OrderedDictionary, [pscustomobject]@{} takes its properties in order.
          const table = this.evaluateHashtable(node.operand, true);
          return node.typeName.toLowerCase() === 'ordered' ? table : hashtableToObject(table);
        }
        return convertTo(this.evaluate(node.operand), node.typeName);
      }
      case 'Type': return new PsType(node.typeName);
      case 'ArrayLiteral': return node.items.map((item) => this.evaluate(item));
      case 'SubExpression': return collapse(this.runStatements(node.statements));
      case 'ArrayExpression': return this.runStatements(node.statements);
      case 'Paren': return this.evaluateParen(node.statement);
      case 'Hashtable': return this.evaluateHashtable(node, false);
      case 'ScriptBlockExpression': return new PsScriptBlock(node.block);
    }
  }

  // `@{…}` is `new Hashtable(entryCount, comparer)`: the count sizes the buckets, which decides the enumeration order.
  private evaluateHashtable(node: HashtableNode, ordered: boolean): PsHashtable {
    const table = new PsHashtable({ ordered, capacity: node.entries.length });
    for (const entry of node.entries) table.set(this.evaluate(entry.key), this.statementValue(entry.value));
    return table;
  }

  private evaluateParen(statement: StatementNode): unknown {
    if (statement.kind === 'Pipeline' && statement.elements.length === 1 && statement.elements[0]?.kind === 'ExpressionStatement') {
      return this.evaluate(statement.elements[0].expression);
    }
    if (statement.kind === 'Assignment') {
      this.runStatements([statement]);
      return this.evaluate(statement.target);
    }
    return collapse(this.runStatementOutput(statement));
  }

  /** The value a statement gives on the right of `=`: an expression's value as is, a pipeline's output collapsed. */
  protected statementValue(statement: StatementNode): unknown {
    if (statement.kind === 'Pipeline' && statement.elements.length === 1 && statement.elements[0]?.kind === 'ExpressionStatement') {
      const value = this.evaluate(statement.elements[0].expression);
      return value;
    }
    return collapse(this.runStatementOutput(statement));
  }

  private evaluateUnary(operator: string, operand: ExpressionNode, postfix: boolean): unknown {
    switch (operator) {
      case 'not': return !toBool(this.evaluate(operand));
      case '-': { const v = this.evaluate(operand); return typeof v === 'number' ? -v : -toNumber(v, 'System.Double'); }
      case '+': return toNumber(this.evaluate(operand), 'System.Double');
      case ',': return [this.evaluate(operand)];
      case 'bnot': return ~toNumber(this.evaluate(operand));
      case 'split': return enumerate(this.evaluate(operand)).flatMap((s) => toStr(s).trim().split(/\s+/));
      case 'join': return enumerate(this.evaluate(operand)).map(toStr).join('');
      case '++': case '--': {
        const before = toNumber(this.evaluate(operand), 'System.Double');
        const after = operator === '++' ? before + 1 : before - 1;
        this.assignTo(operand, after);
        return postfix ? before : after;
      }
      default: throw new RuntimeFailure(`The unary operator ${operator} is not supported by vnetsim ps.`, 'NotImplemented', 'UnaryOperator', 'RuntimeException', 'unsupported');
    }
  }

  private evaluateBinary(operator: string, leftNode: ExpressionNode, rightNode: ExpressionNode): unknown {
    if (operator === 'and') return toBool(this.evaluate(leftNode)) && toBool(this.evaluate(rightNode));
    if (operator === 'or') return toBool(this.evaluate(leftNode)) || toBool(this.evaluate(rightNode));
    const left = this.evaluate(leftNode);
    const right = this.evaluate(rightNode);
    if (operator === '..') {
      const from = toNumber(left);
      const to = toNumber(right);
      if (Math.abs(to - from) > 1_000_000) throw new RuntimeFailure('The range is larger than vnetsim ps allows (1,000,000 elements).', 'InvalidOperation', 'RangeTooLarge', 'RuntimeException');
      const step = from <= to ? 1 : -1;
      return Array.from({ length: Math.abs(to - from) + 1 }, (_, i) => from + i * step);
    }
    return applyBinary(operator, left, right, { setMatches: (m) => this.scope.assign('matches', m) });
  }

  /** `$name`: automatic variables, `$env:`, then the scope chain; an unset variable is `$null`. */
  protected readVariable(name: string, qualifier: string | undefined): unknown {
    const lower = name.toLowerCase();
    if (qualifier?.toLowerCase() === 'env') return this.host.env(name) ?? null;
    if (lower === 'null') return null;
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    if (lower === 'psitem') return this.scope.lookup('_')?.value ?? null;
    return this.scope.lookup(name)?.value ?? null;
  }

  /** Assigns to a variable, property, index, or a list of them (`$a, $b = 1, 2`). */
  protected assignTo(target: ExpressionNode, value: unknown): void {
    switch (target.kind) {
      case 'Variable':
        if (/^(null|true|false)$/i.test(target.name) && target.scope === undefined) {
          if (target.name.toLowerCase() === 'null') return;
          throw new RuntimeFailure(`Cannot overwrite variable ${target.name} because it is read-only or constant.`, 'WriteError', 'VariableNotWritable', 'SessionStateUnauthorizedAccessException');
        }
        this.scope.assign(target.name, value, target.scope);
        return;
      case 'Member': {
        const owner = this.evaluate(target.target);
        setMember(owner, typeof target.member === 'string' ? target.member : toStr(this.evaluate(target.member)), value);
        return;
      }
      case 'Index': {
        const owner = this.evaluate(target.target);
        const index = this.evaluate(target.index);
        if (owner instanceof PsHashtable) owner.set(index, value);
        else if (Array.isArray(owner)) {
          const i = toNumber(index);
          const at = i < 0 ? owner.length + i : i;
          if (at < 0 || at >= owner.length) throw new RuntimeFailure('Index was outside the bounds of the array.', 'OperationStopped', 'System.IndexOutOfRangeException', 'IndexOutOfRangeException');
          owner[at] = value;
        } else throw new RuntimeFailure('Unable to index into an object of this type.', 'InvalidOperation', 'CannotIndex', 'RuntimeException');
        return;
      }
      case 'Convert': this.assignTo(target.operand, convertTo(value, target.typeName)); return;
      case 'ArrayLiteral': {
        const values = enumerate(value);
        target.items.forEach((item, i) => {
          const last = i === target.items.length - 1;
          const rest = values.slice(i);
          this.assignTo(item, last ? (rest.length === 1 ? rest[0] : rest.length === 0 ? null : rest) : values[i] ?? null);
        });
        return;
      }
      default: throw new RuntimeFailure('The assignment expression is not valid.', 'ParserError', 'InvalidLeftHandSide', 'ParseException');
    }
  }
}

function typeOf(value: unknown): PsType {
  if (value instanceof PsType) return value;
  throw new RuntimeFailure('Static members are read from a type literal, e.g. [DateTime]::Now.', 'InvalidOperation', 'StaticMemberOnValue', 'RuntimeException');
}

/** Output collapsed to a value: nothing is `$null`, one object is itself, more is an array. */
export function collapse(output: unknown[]): unknown {
  if (output.length === 0) return null;
  if (output.length === 1) return output[0];
  return output;
}

function indexValue(target: unknown, index: unknown): unknown {
  if (target === null || target === undefined) {
    throw new RuntimeFailure('Cannot index into a null array.', 'InvalidOperation', 'NullArray', 'RuntimeException');
  }
  if (target instanceof PsHashtable) return Array.isArray(index) ? index.map((k) => target.get(k)) : target.get(index);
  const items = typeof target === 'string' ? [...target] : Array.isArray(target) ? target : [target];
  const pick = (i: unknown): unknown => {
    const n = toNumber(i);
    return items[n < 0 ? items.length + n : n] ?? null;
  };
  return Array.isArray(index) ? index.map(pick) : pick(index);
}
