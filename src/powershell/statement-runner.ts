import type { BlockNode, ForeachNode, PipelineNode, StatementNode, SwitchNode, TryNode } from './ast.js';
import { enumerate, toBool, toNumber, toStr } from './convert.js';
import { ExitSignal, LoopSignal, PsError, ReturnSignal, makeErrorRecord, type ErrorDetails } from './error-record.js';
import { ExpressionEvaluator, type OutputSink } from './expression-evaluator.js';
import { applyBinary, compareEqual, wildcardToRegExp } from './operators.js';
import { RuntimeFailure } from './runtime-error.js';
import { PsObject, PsScriptBlock } from './values.js';

/** How many times one loop statement may run before the run stops: a polling loop that never ends is a bug to report. */
export const MAX_LOOP_ITERATIONS = 100_000;

/** Statements (spec §8): flow control, loops, try/catch/finally, throw, and which errors end a statement or the script. */
export abstract class StatementRunner extends ExpressionEvaluator {
  /** How many try blocks enclose the running code; inside one, statement errors go to the catch. */
  protected tryDepth = 0;

  /** Runs a pipeline (commands, cmdlets, functions), sending its last stage's output to `sink`. */
  protected abstract runPipeline(node: PipelineNode, sink: OutputSink): void;
  /** Shows an error on the console and adds it to `$Error`. */
  protected abstract reportError(error: PsError): void;

  protected runStatementsTo(statements: readonly StatementNode[], sink: OutputSink): void {
    for (const statement of statements) {
      try {
        this.runStatement(statement, sink);
      } catch (error) {
        // A statement-terminating error ends only this statement (about_Throw, "non-terminating vs terminating").
        if (error instanceof PsError && error.scope === 'statement' && this.tryDepth === 0 && !error.unsupported) {
          this.reportError(error);
          this.setSucceeded(false);
          continue;
        }
        throw error;
      }
    }
  }

  /** `$?`. */
  protected setSucceeded(ok: boolean): void {
    this.globalScope.assign('?', ok);
  }

  private runStatement(node: StatementNode, sink: OutputSink): void {
    switch (node.kind) {
      case 'Pipeline': return this.runPipeline(node, sink);
      case 'Assignment': {
        let value = this.statementValue(node.value);
        if (node.operator !== '=') {
          value = this.atPosition(node.pos, () => applyBinary(node.operator.slice(0, 1), this.evaluate(node.target), value, { setMatches: () => undefined }));
        }
        this.atPosition(node.pos, () => this.assignTo(node.target, value));
        this.setSucceeded(true);
        return;
      }
      case 'If': {
        for (const clause of node.clauses) {
          if (toBool(this.statementValue(clause.condition))) return this.runBlock(clause.body, sink);
        }
        if (node.elseBody !== undefined) this.runBlock(node.elseBody, sink);
        return;
      }
      case 'Foreach': return this.runForeach(node, sink);
      case 'For': {
        if (node.init !== undefined) this.runStatementsTo([node.init], sink);
        this.runLoop(node.label, node.pos.line, () => node.condition === undefined || toBool(this.statementValue(node.condition)), node.body, sink, () => {
          if (node.iterator !== undefined) this.runStatementsTo([node.iterator], () => undefined);
        });
        return;
      }
      case 'While': return this.runLoop(node.label, node.pos.line, () => toBool(this.statementValue(node.condition)), node.body, sink, () => undefined);
      case 'Do': {
        let first = true;
        const test = (): boolean => {
          if (first) {
            first = false;
            return true;
          }
          const value = toBool(this.statementValue(node.condition));
          return node.until ? !value : value;
        };
        return this.runLoop(node.label, node.pos.line, test, node.body, sink, () => undefined);
      }
      case 'Switch': return this.runSwitch(node, sink);
      case 'Function': this.scope.defineFunction(node); return;
      case 'Try': return this.runTry(node, sink);
      case 'Throw': throw this.makeThrow(node.value === undefined ? undefined : this.statementValue(node.value), node.pos);
      case 'Flow': {
        if (node.flow === 'return') {
          const output = node.value === undefined ? [] : enumerate(this.statementValue(node.value));
          throw new ReturnSignal(output);
        }
        if (node.flow === 'exit') throw new ExitSignal(node.value === undefined ? 0 : toNumber(this.statementValue(node.value)));
        throw new LoopSignal(node.flow, node.label);
      }
    }
  }

  /** Runs `action`, turning a RuntimeFailure into a statement error at `pos`. */
  protected atPosition<T>(pos: StatementNode['pos'], action: () => T): T {
    try {
      return action();
    } catch (error) {
      if (error instanceof RuntimeFailure) throw PsError.from(error, '', this.extentAt(pos));
      throw error;
    }
  }

  private runBlock(block: BlockNode, sink: OutputSink): void {
    this.runStatementsTo(block.statements, sink);
  }

  private runForeach(node: ForeachNode, sink: OutputSink): void {
    const items = enumerate(this.statementValue(node.iterable));
    for (const item of items) {
      this.scope.assign(node.variable, item);
      const signal = this.runLoopBody(node.label, node.body, sink);
      if (signal === 'break') break;
    }
  }

  private runLoop(label: string | undefined, line: number, test: () => boolean, body: BlockNode, sink: OutputSink, step: () => void): void {
    let iterations = 0;
    while (test()) {
      iterations += 1;
      if (iterations > MAX_LOOP_ITERATIONS) {
        throw new PsError(this.details(`The loop at line ${line} ran ${MAX_LOOP_ITERATIONS} times without ending; vnetsim ps stops it (a polling loop whose condition the simulated world never meets).`, 'LoopLimitExceeded', body.pos), 'script');
      }
      const signal = this.runLoopBody(label, body, sink);
      if (signal === 'break') break;
      step();
    }
  }

  // Returns 'break' when the loop must end; a labelled signal for another loop travels on.
  private runLoopBody(label: string | undefined, body: BlockNode, sink: OutputSink): 'break' | 'next' {
    try {
      this.runBlock(body, sink);
      return 'next';
    } catch (signal) {
      if (signal instanceof LoopSignal && (signal.label === undefined || signal.label.toLowerCase() === label?.toLowerCase())) {
        return signal.kind === 'break' ? 'break' : 'next';
      }
      throw signal;
    }
  }

  private runSwitch(node: SwitchNode, sink: OutputSink): void {
    for (const value of enumerate(this.statementValue(node.subject))) {
      let matched = false;
      let stop = false;
      for (const clause of node.clauses) {
        if (clause.pattern === 'default') continue;
        if (!this.switchMatches(node, clause.pattern, value)) continue;
        matched = true;
        const signal = this.runSwitchBody(clause.body, value, node.label, sink);
        if (signal !== 'next') {
          stop = signal === 'break';
          break;
        }
      }
      if (!matched) {
        const fallback = node.clauses.find((c) => c.pattern === 'default');
        if (fallback !== undefined && this.runSwitchBody(fallback.body, value, node.label, sink) === 'break') stop = true;
      }
      if (stop) break;
    }
  }

  private switchMatches(node: SwitchNode, pattern: Exclude<SwitchNode['clauses'][number]['pattern'], 'default'>, value: unknown): boolean {
    if (pattern.kind === 'ScriptBlockExpression') return toBool(this.invokeScriptBlock(new PsScriptBlock(pattern.block), value, [], true)[0]);
    const expected = this.evaluate(pattern);
    if (node.mode === 'wildcard') return wildcardToRegExp(toStr(expected), node.caseSensitive).test(toStr(value));
    if (node.mode === 'regex') return new RegExp(toStr(expected), node.caseSensitive ? '' : 'i').test(toStr(value));
    return compareEqual(value, expected, node.caseSensitive);
  }

  private runSwitchBody(body: BlockNode, value: unknown, label: string | undefined, sink: OutputSink): 'break' | 'continue' | 'next' {
    const previous = this.scope.lookup('_')?.value ?? null;
    this.scope.assign('_', value);
    try {
      this.runBlock(body, sink);
      return 'next';
    } catch (signal) {
      if (signal instanceof LoopSignal && (signal.label === undefined || signal.label.toLowerCase() === label?.toLowerCase())) return signal.kind;
      throw signal;
    } finally {
      this.scope.assign('_', previous);
    }
  }

  private runTry(node: TryNode, sink: OutputSink): void {
    try {
      this.tryDepth += 1;
      try {
        this.runBlock(node.body, sink);
      } finally {
        this.tryDepth -= 1;
      }
    } catch (error) {
      if (!(error instanceof PsError) || error.unsupported) throw error;
      const handler = node.catches.find((c) => c.types.length === 0 || c.types.some((t) => catchesType(t, error.details.exceptionType)));
      if (handler === undefined) throw error;
      const previous = this.scope.lookup('_')?.value ?? null;
      this.scope.assign('_', error.record);
      try {
        this.runBlock(handler.body, sink);
      } finally {
        this.scope.assign('_', previous);
      }
    } finally {
      if (node.finallyBody !== undefined) this.runBlock(node.finallyBody, sink);
    }
  }

  /** What `throw value` raises: an ErrorRecord is rethrown as is; anything else becomes a RuntimeException. */
  private makeThrow(value: unknown, pos: StatementNode['pos']): PsError {
    if (value instanceof PsObject && value.typeName === 'System.Management.Automation.ErrorRecord') {
      const message = toStr(value);
      return new PsError({ ...this.details(message, toStr(value.get('FullyQualifiedErrorId')), pos), exceptionType: (value.get('Exception') as PsObject | null)?.typeName ?? 'System.Management.Automation.RuntimeException' }, 'script', value);
    }
    const message = value === undefined || value === null ? 'ScriptHalted' : toStr(value);
    const details: ErrorDetails = { ...this.details(message, message, pos), target: `${message}:String` };
    return new PsError(details, 'script', makeErrorRecord(details));
  }

  /** Error details for a language-level error at a position. */
  protected details(message: string, errorId: string, pos: StatementNode['pos']): ErrorDetails {
    return { message, category: 'OperationStopped', errorId, exceptionType: 'System.Management.Automation.RuntimeException', command: '', target: '', extent: this.extentAt(pos) };
  }
}

// `catch [System.Net.WebException]` matches by full or short name; Exception and RuntimeException catch everything.
function catchesType(written: string, actual: string): boolean {
  const w = written.toLowerCase().replace(/^system\./, '');
  const a = actual.toLowerCase().replace(/^system\./, '');
  if (w === 'exception' || w === 'management.automation.runtimeexception' || w === 'runtimeexception') return true;
  return a === w || a.endsWith(`.${w}`) || w.endsWith(`.${a}`);
}
