import type { CommandElement, CommandNode, ExpressionNode, FunctionNode, PipelineNode, ScriptBlockNode, StatementNode } from './ast.js';
import type { Cmdlet, CmdletCall, CmdletParameter, CmdletTable } from './cmdlet.js';
import { makeCmdletCall, readPreference, type CmdletCallHost, type CmdletInvocation } from './cmdlet-call.js';
import { COMMAND_ALIASES } from './command-aliases.js';
import { enumerate, toStr } from './convert.js';
import { ExitSignal, LoopSignal, PsError, ReturnSignal, formatErrorRecord, type ErrorDetails, type ScriptExtent } from './error-record.js';
import type { OutputSink } from './expression-evaluator.js';
import type { PsHost } from './host.js';
import { ConsoleFormatter, type FormatView } from './output-format.js';
import { ConsoleWriter } from './console-writer.js';
import { bindArguments, bindPipelineInput, checkMandatory, splatElements, type BoundArguments, type EvaluatedElement } from './parameter-binding.js';
import { parseScript, type ParseOptions } from './parser.js';
import { RuntimeFailure } from './runtime-error.js';
import { Scope } from './scope.js';
import { StatementRunner } from './statement-runner.js';
import { PsSyntaxError } from './syntax-error.js';
import { bufferingStage, runStages, StopUpstreamSignal, type PipelineStage } from './pipeline-stage.js';
import { PsObject, PsScriptBlock } from './values.js';

/** How a script run ended. */
export type ScriptOutcome =
  | { kind: 'completed'; exitCode: number }
  /** A script-terminating error nobody caught (exit 1). */
  | { kind: 'terminated'; error: ErrorDetails }
  /** A construct vnetsim ps does not implement, or a parse error in a dot-sourced file (exit 2). */
  | { kind: 'unsupported'; error: ErrorDetails };

/** What the interpreter takes besides the host and the cmdlets. */
export interface InterpreterOptions {
  /** Parse options for dot-sourced and called script files (placeholders). */
  parse?: ParseOptions;
  /** Default views of the cmdlets' output types. */
  views?: ReadonlyMap<string, FormatView>;
}

/** Runs a parsed script with PowerShell's semantics, its cmdlets resolved from `cmdlets`. */
export class Interpreter extends StatementRunner {
  private readonly formatter: ConsoleFormatter;
  private readonly console: ConsoleWriter;
  private readonly errors: unknown[] = [];
  private readonly callHost: CmdletCallHost;

  constructor(host: PsHost, private readonly cmdlets: CmdletTable, text: string, private readonly options: InterpreterOptions = {}) {
    super(host, text);
    this.console = new ConsoleWriter(host);
    this.formatter = new ConsoleFormatter((line) => this.console.write(line, true), options.views);
    this.callHost = {
      host: this.host,
      views: this.options.views,
      writeConsole: (text, newline) => {
        this.formatter.flush();
        this.console.write(text, newline);
      },
      reportError: (error) => this.reportError(error),
      rememberError: (record) => void this.errors.unshift(record),
      invokeBlock: (block, dollarUnder, args) => this.invokeScriptBlock(block, dollarUnder, args, true),
    };
    this.globalScope.assign('Error', this.errors);
    this.globalScope.assign('?', true);
    this.globalScope.assign('ErrorActionPreference', 'Continue');
    this.globalScope.assign('PSScriptRoot', host.scriptPath.replace(/[\\/][^\\/]*$/, ''));
    this.globalScope.assign('MyInvocation', new PsObject('System.Management.Automation.InvocationInfo', { MyCommand: new PsObject('System.Management.Automation.ExternalScriptInfo', { Path: host.scriptPath, Definition: host.scriptPath, Name: host.scriptPath.split(/[\\/]/).pop() }) }));
  }

  /** Runs the script's top level, printing its output as the console would; binds `params` to its param block. */
  run(block: ScriptBlockNode, params: ReadonlyMap<string, unknown>): ScriptOutcome {
    try {
      this.bindScriptParameters(block, params);
      this.runStatementsTo(block.statements, (value) => this.formatter.write(value));
      this.formatter.flush();
      this.console.endLine();
      return { kind: 'completed', exitCode: 0 };
    } catch (error) {
      this.formatter.flush();
      this.console.endLine();
      if (error instanceof ExitSignal) return { kind: 'completed', exitCode: error.code };
      if (error instanceof LoopSignal || error instanceof ReturnSignal) return { kind: 'completed', exitCode: 0 };
      if (error instanceof PsError) {
        if (error.unsupported) return { kind: 'unsupported', error: error.details };
        this.reportError(error);
        return { kind: 'terminated', error: error.details };
      }
      throw error;
    }
  }

  private bindScriptParameters(block: ScriptBlockNode, params: ReadonlyMap<string, unknown>): void {
    for (const declared of block.params) {
      const given = [...params.entries()].find(([name]) => name.toLowerCase() === declared.name.toLowerCase());
      if (given !== undefined) this.scope.assign(declared.name, given[1]);
      else if (declared.defaultValue !== undefined) this.scope.assign(declared.name, this.evaluate(declared.defaultValue));
      else if (declared.mandatory) {
        throw new PsError(this.details(`Cannot process command because of one or more missing mandatory parameters: ${declared.name}. Give it under params: in the answers file.`, 'MissingMandatoryParameter', declared.pos), 'script');
      } else this.scope.assign(declared.name, declared.isSwitch ? false : null);
    }
  }

  protected reportError(error: PsError): void {
    this.errors.unshift(error.record);
    this.formatter.flush();
    this.console.endLine();
    for (const line of formatErrorRecord(error.details)) this.console.write(line, true);
  }

  protected runPipeline(node: PipelineNode, sink: OutputSink): void {
    const [first, ...rest] = node.elements;
    if (first === undefined) return;
    // `$i++` as a statement writes nothing (spec §7.1.5: only its value as an operand is the old value).
    if (first.kind === 'ExpressionStatement' && rest.length === 0 && isIncrement(first.expression)) {
      this.evaluate(first.expression);
      return;
    }
    // Every command's arguments are evaluated before any object flows, first command first.
    const evaluated = node.elements.map((e) => (e.kind === 'ExpressionStatement' ? [] : e.elements.flatMap((element) => this.evaluateElement(element))));
    const token = {};
    const stages: PipelineStage[] = [];
    let downstream = sink;
    for (let i = node.elements.length - 1; i >= 0; i--) {
      const element = node.elements[i];
      if (element === undefined) continue;
      const stop = (): void => {
        if (i > 0) throw new StopUpstreamSignal(token, i);
      };
      const stage = element.kind === 'ExpressionStatement' ? this.expressionStage(element, downstream) : this.commandStage(element, evaluated[i] ?? [], i > 0, downstream, stop);
      stages.unshift(stage);
      downstream = (value) => stage.process(value);
    }
    runStages(stages, token);
  }

  // An expression can only start a pipeline: it writes its value's items when the pipeline runs.
  private expressionStage(element: Extract<PipelineNode['elements'][number], { kind: 'ExpressionStatement' }>, sink: OutputSink): PipelineStage {
    return {
      begin: () => undefined,
      process: () => undefined,
      end: () => {
        const value = this.evaluate(element.expression);
        if (element.redirections.length > 0) this.atPosition(element.pos, () => this.redirect(element.redirections, enumerate(value), sink));
        else for (const item of enumerate(value)) sink(item);
        this.setSucceeded(true);
      },
    };
  }

  private redirect(redirections: CommandNode['redirections'], output: unknown[], sink: OutputSink): void {
    let remaining = output;
    for (const redirection of redirections) {
      if (redirection.target === 'merge') continue;
      const target = this.evaluate(redirection.target);
      if (redirection.stream !== '1' && redirection.stream !== '*') continue;
      if (target !== null) this.host.writeFile(toStr(target), `${remaining.map((v) => toStr(v)).join('\r\n')}\r\n`, redirection.append);
      remaining = [];
    }
    for (const value of remaining) sink(value);
  }

  private commandStage(node: CommandNode, elements: EvaluatedElement[], hasInput: boolean, sink: OutputSink, stop: () => void): PipelineStage {
    const suppressErrors = node.redirections.some((r) => r.stream === '2' && r.target !== 'merge' && r.target.kind === 'Variable' && r.target.name.toLowerCase() === 'null');
    // Output redirected to a file is kept until the command ends, then written at once.
    const redirected = node.redirections.some((r) => r.stream === '1' || r.stream === '*');
    const held: unknown[] = [];
    const target: OutputSink = redirected ? (v) => held.push(v) : sink;
    const stage = this.resolveStage(node, elements, hasInput, target, suppressErrors, stop);
    if (!redirected) return stage;
    return { begin: () => stage.begin(), process: (item) => stage.process(item), end: () => {
      stage.end();
      this.atPosition(node.pos, () => this.redirect(node.redirections, held, sink));
    } };
  }

  private resolveStage(node: CommandNode, elements: EvaluatedElement[], hasInput: boolean, sink: OutputSink, suppressErrors: boolean, stop: () => void): PipelineStage {
    let name: string;
    if (typeof node.name === 'string') name = node.name;
    else {
      const value = this.evaluate(node.name);
      if (value instanceof PsScriptBlock) {
        return bufferingStage(() => {
          this.setSucceeded(true);
          for (const item of this.invokeScriptBlock(value, null, elements.map((e) => e.value), node.invocation === 'dot')) sink(item);
        });
      }
      name = toStr(value);
    }
    const fn = this.scope.findFunction(name);
    if (fn !== undefined) return this.functionStage(fn, elements, hasInput, sink);
    const cmdlet = this.cmdlets.get((COMMAND_ALIASES[name.toLowerCase()] ?? name).toLowerCase());
    if (cmdlet !== undefined) return this.cmdletStage(cmdlet, node, elements, hasInput, sink, suppressErrors, stop);
    if (/\.ps1$/i.test(name)) return bufferingStage(() => this.runScriptFile(name, node, elements, sink));
    throw new PsError({
      message: `The term '${name}' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.`,
      category: 'ObjectNotFound', errorId: 'CommandNotFoundException', exceptionType: 'System.Management.Automation.CommandNotFoundException',
      command: name, activity: '', target: `${name}:String`, extent: this.commandExtent(node),
    }, 'statement');
  }

  private evaluateElement(element: CommandElement): EvaluatedElement[] {
    if (element.kind === 'Parameter') {
      return [{ kind: 'parameter', name: element.name, text: element.text, value: element.argument === undefined ? undefined : this.evaluate(element.argument), hasValue: element.argument !== undefined, pos: element.pos }];
    }
    if (element.kind === 'Splat') return splatElements(this.evaluate({ ...element.variable, splat: false }), element.pos);
    return [{ kind: 'argument', value: this.evaluate(element.value), pos: element.pos }];
  }


  private runScriptFile(path: string, node: CommandNode, elements: EvaluatedElement[], sink: OutputSink): void {
    let block: ScriptBlockNode;
    try {
      block = parseScript(this.host.readFile(path), this.options.parse);
    } catch (error) {
      if (error instanceof PsSyntaxError) {
        throw new PsError({ ...this.details(`${path}:${error.pos.line}:${error.pos.column}: ${error.message}`, 'ParseError', node.pos), category: 'ParserError' }, 'script', undefined, true);
      }
      if (error instanceof RuntimeFailure) throw PsError.from(error, '', this.extentAt(node.pos));
      throw error;
    }
    const dot = node.invocation === 'dot';
    for (const value of this.invokeScriptBlock(new PsScriptBlock(block), null, elements.map((e) => e.value), dot)) sink(value);
  }

  // A function with a process block (or a filter) streams: begin once, process per object, end; one without takes
  // its whole input as $input when it ends (about_Functions_Advanced_Methods).
  private functionStage(fn: FunctionNode, elements: EvaluatedElement[], hasInput: boolean, sink: OutputSink): PipelineStage {
    const body = fn.body;
    const streams = fn.isFilter || body.process.length > 0;
    const pipelineParam = body.params.find((p) => p.valueFromPipeline);
    const items: unknown[] = [];
    const scope = new Scope(this.scope, 'function');
    const run = (statements: readonly StatementNode[]): void => {
      const saved = this.scope;
      this.scope = scope;
      try {
        this.runStatementsTo(statements, sink);
      } catch (signal) {
        if (!(signal instanceof ReturnSignal)) throw signal;
        for (const value of signal.output) sink(value);
      } finally {
        this.scope = saved;
      }
    };
    return {
      begin: () => {
        this.bindFunctionParameters(fn, scope, elements);
        scope.assign('input', items);
        run(body.begin);
      },
      process: (item) => {
        if (!streams) return void items.push(item);
        scope.assign('_', item);
        if (pipelineParam !== undefined) scope.assign(pipelineParam.name, item);
        run(fn.isFilter ? body.statements : body.process);
      },
      end: () => {
        if (!fn.isFilter) {
          if (!streams && pipelineParam !== undefined && hasInput && items.length > 0) scope.assign(pipelineParam.name, items.length === 1 ? items[0] : items);
          run(body.statements);
        }
        this.setSucceeded(true);
      },
    };
  }

  private bindFunctionParameters(fn: FunctionNode, scope: Scope, elements: EvaluatedElement[]): void {
    const declared = fn.body.params;
    const specs: CmdletParameter[] = declared.map((p, i) => ({ name: p.name, isSwitch: p.isSwitch, ...(p.isSwitch ? {} : { position: p.position ?? i }) }));
    let binding: BoundArguments;
    try {
      binding = bindArguments(specs, elements, { common: false, collectExtra: true });
    } catch (error) {
      if (error instanceof RuntimeFailure) throw PsError.from(error, fn.name, this.extentAt(elements[0]?.pos ?? fn.pos));
      throw error;
    }
    const bound = binding.values;
    for (const p of declared) {
      if (bound.has(p.name)) scope.assign(p.name, bound.get(p.name));
      else if (p.defaultValue !== undefined) {
        const saved = this.scope;
        this.scope = scope;
        try {
          scope.assign(p.name, this.evaluate(p.defaultValue));
        } finally {
          this.scope = saved;
        }
      } else scope.assign(p.name, p.isSwitch ? false : null);
    }
    scope.assign('args', binding.extra);
  }

  private cmdletStage(cmdlet: Cmdlet, node: CommandNode, elements: EvaluatedElement[], hasInput: boolean, sink: OutputSink, suppressErrors: boolean, stop: () => void): PipelineStage {
    const extent = this.commandExtent(node);
    const fail = (error: unknown): never => {
      if (error instanceof RuntimeFailure) throw PsError.from(error, cmdlet.name, extent);
      throw error;
    };
    let bound: Map<string, unknown>;
    try {
      bound = bindArguments(cmdlet.parameters, elements).values;
    } catch (error) {
      return fail(error);
    }
    let failed = false;
    const errorVariable = bound.get('ErrorVariable');
    const collected: unknown[] = [];
    const invocation: CmdletInvocation = {
      name: cmdlet.name, pos: node.pos, extent, hasInput, sink, stop,
      errorAction: readPreference(bound.get('ErrorAction') ?? (suppressErrors ? 'SilentlyContinue' : this.readVariable('ErrorActionPreference', undefined))),
      warningAction: readPreference(bound.get('WarningAction')),
      onError: (record) => {
        failed = true;
        collected.push(record);
      },
    };
    const makeCall = (values: Map<string, unknown>, items: readonly unknown[]): CmdletCall => makeCmdletCall(this.callHost, invocation, values, items);
    const guard = (body: () => void): void => {
      try {
        body();
      } catch (error) {
        fail(error);
      }
    };
    const finish = (): void => {
      if (typeof errorVariable === 'string' && errorVariable !== '') this.scope.assign(errorVariable.replace(/^\+/, ''), collected);
      this.setSucceeded(!failed);
    };
    if (!hasInput) return bufferingStage(() => {
      guard(() => {
        checkMandatory(cmdlet.parameters, bound);
        cmdlet.invoke(makeCall(bound, []));
      });
      finish();
    });
    if (cmdlet.perItem === true) {
      return { begin: () => undefined, process: (item) => guard(() => {
        const values = new Map(bound);
        bindPipelineInput(cmdlet, values, item);
        checkMandatory(cmdlet.parameters, values);
        cmdlet.invoke(makeCall(values, [item]));
      }), end: finish };
    }
    const streamOf = cmdlet.stream;
    if (streamOf !== undefined) {
      let stream: ReturnType<typeof streamOf> | undefined;
      return {
        begin: () => guard(() => {
          checkMandatory(cmdlet.parameters.filter((p) => p.pipeline === undefined), bound);
          stream = streamOf(makeCall(bound, []));
        }),
        process: (item) => guard(() => stream?.process(item)),
        end: () => {
          guard(() => stream?.end());
          finish();
        },
      };
    }
    const items: unknown[] = [];
    return { begin: () => undefined, process: (item) => void items.push(item), end: () => {
      guard(() => {
        checkMandatory(cmdlet.parameters, bound);
        cmdlet.invoke(makeCall(bound, items));
      });
      finish();
    } };
  }

  invokeScriptBlock(block: PsScriptBlock, dollarUnder: unknown, args: readonly unknown[], dotSourced: boolean): unknown[] {
    const saved = this.scope;
    const scope = dotSourced ? this.scope : new Scope(this.scope, 'block');
    this.scope = scope;
    const previousUnder = scope.lookup('_')?.value ?? null;
    if (dollarUnder !== null) scope.assign('_', dollarUnder);
    const output: unknown[] = [];
    try {
      block.node.params.forEach((p, i) => scope.assign(p.name, args[i] ?? (p.defaultValue === undefined ? null : this.evaluate(p.defaultValue))));
      scope.assign('args', args.slice(block.node.params.length));
      this.runStatementsTo([...block.node.begin, ...block.node.process, ...block.node.statements], (value) => output.push(value));
    } catch (signal) {
      if (!(signal instanceof ReturnSignal)) throw signal;
      output.push(...signal.output);
    } finally {
      if (dollarUnder !== null) scope.assign('_', previousUnder);
      this.scope = saved;
    }
    return output;
  }

  private commandExtent(node: CommandNode): ScriptExtent {
    return { ...this.extentAt(node.pos), length: node.end - node.pos.offset };
  }
}

function isIncrement(node: ExpressionNode): boolean {
  return node.kind === 'Unary' && (node.operator === '++' || node.operator === '--');
}
