/** The syntax tree of a PowerShell script, as the PowerShell Language Specification 3.0 (chapter 8) structures it. */

/** A 1-based line and column in the script, plus the character offset. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** A script block: `param(...)`, then statements (begin/process/end blocks are folded into `end`). */
export interface ScriptBlockNode {
  kind: 'ScriptBlock';
  pos: Position;
  params: ParameterNode[];
  statements: StatementNode[];
  /** Statements of a `process {}` block, run once per pipeline input; empty when the block has none. */
  process: StatementNode[];
  begin: StatementNode[];
  /** The source text between the braces, as `{...}.ToString()` returns it. */
  text: string;
}

/** One declared parameter: `[type] $Name = default`, with `[Parameter(...)]` facts the binder uses. */
export interface ParameterNode {
  pos: Position;
  name: string;
  typeName: string | undefined;
  defaultValue: ExpressionNode | undefined;
  mandatory: boolean;
  position: number | undefined;
  valueFromPipeline: boolean;
  isSwitch: boolean;
}

/** Every statement kind. */
export type StatementNode =
  | PipelineNode | AssignmentNode | IfNode | ForeachNode | ForNode | WhileNode | DoNode | SwitchNode
  | FunctionNode | TryNode | ThrowNode | FlowNode;

/** `a | b | c`; the first element may be an expression, the rest are commands. */
export interface PipelineNode { kind: 'Pipeline'; pos: Position; elements: (CommandNode | ExpressionStatement)[] }
/** An expression used as a pipeline element (only ever first). */
export interface ExpressionStatement { kind: 'ExpressionStatement'; pos: Position; expression: ExpressionNode; redirections: RedirectionNode[] }
/** `$x = ...`, `$x += ...` and friends; the value is a whole statement (`$vm = New-AzureVMConfig ...`). */
export interface AssignmentNode { kind: 'Assignment'; pos: Position; target: ExpressionNode; operator: string; value: StatementNode }
/** `if (...) {...} elseif (...) {...} else {...}`. */
export interface IfNode { kind: 'If'; pos: Position; clauses: { condition: StatementNode; body: BlockNode }[]; elseBody: BlockNode | undefined }
/** `foreach ($x in ...) {...}`. */
export interface ForeachNode { kind: 'Foreach'; pos: Position; label: string | undefined; variable: string; iterable: StatementNode; body: BlockNode }
/** `for (init; condition; iterator) {...}`. */
export interface ForNode { kind: 'For'; pos: Position; label: string | undefined; init: StatementNode | undefined; condition: StatementNode | undefined; iterator: StatementNode | undefined; body: BlockNode }
/** `while (...) {...}`. */
export interface WhileNode { kind: 'While'; pos: Position; label: string | undefined; condition: StatementNode; body: BlockNode }
/** `do {...} while (...)` or `do {...} until (...)`. */
export interface DoNode { kind: 'Do'; pos: Position; label: string | undefined; body: BlockNode; condition: StatementNode; until: boolean }
/** `switch [-regex|-wildcard|-exact] (...) { pattern {...} default {...} }`. */
export interface SwitchNode {
  kind: 'Switch'; pos: Position; label: string | undefined; mode: 'exact' | 'regex' | 'wildcard'; caseSensitive: boolean;
  subject: StatementNode; clauses: { pattern: ExpressionNode | 'default'; body: BlockNode }[];
}
/** `function Name { param(...) ... }` or `function Name($a, $b) {...}`; `filter` runs its body per input. */
export interface FunctionNode { kind: 'Function'; pos: Position; name: string; body: ScriptBlockNode; isFilter: boolean }
/** `try {...} catch [T] {...} finally {...}`. */
export interface TryNode { kind: 'Try'; pos: Position; body: BlockNode; catches: { types: string[]; body: BlockNode }[]; finallyBody: BlockNode | undefined }
/** `throw` with an optional value. */
export interface ThrowNode { kind: 'Throw'; pos: Position; value: StatementNode | undefined }
/** `return`, `break`, `continue`, `exit` with an optional value or label. */
export interface FlowNode { kind: 'Flow'; pos: Position; flow: 'return' | 'break' | 'continue' | 'exit'; value: StatementNode | undefined; label: string | undefined }

/** `{ statements }` after a keyword. */
export interface BlockNode { kind: 'Block'; pos: Position; statements: StatementNode[] }

/** A command invocation: `Name -Param value arg ...`, or `& $sb args`, or `. .\file.ps1`. */
export interface CommandNode {
  kind: 'Command';
  pos: Position;
  /** The command name as written (a bare word), or an expression after `&` / `.`. */
  name: string | ExpressionNode;
  invocation: 'plain' | 'call' | 'dot';
  /** Offset just past the command's last element (the console underlines up to here). */
  end: number;
  elements: CommandElement[];
  redirections: RedirectionNode[];
}
/** A command argument: a parameter name (with an optional `-Name:value` argument) or a value. */
export type CommandElement =
  | { kind: 'Parameter'; pos: Position; name: string; argument: ExpressionNode | undefined; text: string }
  | { kind: 'Argument'; pos: Position; value: ExpressionNode }
  /** `@name`: a hashtable's entries become named parameters, an array's items positional arguments (about_Splatting). */
  | { kind: 'Splat'; pos: Position; variable: VariableNode };
/** `> file`, `>> file`, `2>&1`, `2>$null`. */
export interface RedirectionNode { pos: Position; stream: string; append: boolean; target: ExpressionNode | 'merge' }

/** Every expression kind. */
export type ExpressionNode =
  | ConstantNode | ExpandableStringNode | VariableNode | MemberNode | InvokeMemberNode | IndexNode | UnaryNode
  | BinaryNode | ConvertNode | TypeNode | ArrayLiteralNode | SubExpressionNode | ArrayExpressionNode | ParenNode
  | HashtableNode | ScriptBlockExpressionNode;

/** A number or a string with no expansions. */
export interface ConstantNode { kind: 'Constant'; pos: Position; value: string | number | boolean | null; quoted: boolean }
/** A double-quoted string or here-string: literal parts and `$var` / `$(...)` expansions. */
export interface ExpandableStringNode { kind: 'ExpandableString'; pos: Position; parts: (string | ExpressionNode)[] }
/** `$name`, `${name}`, `$env:NAME`, `$script:x`. */
export interface VariableNode { kind: 'Variable'; pos: Position; name: string; scope: string | undefined; splat: boolean }
/** `target.Name`, `target.$name`, `[Type]::Name`. */
export interface MemberNode { kind: 'Member'; pos: Position; target: ExpressionNode; member: string | ExpressionNode; isStatic: boolean }
/** `target.Method(args)`, `[Type]::Method(args)`. */
export interface InvokeMemberNode { kind: 'InvokeMember'; pos: Position; target: ExpressionNode; member: string; isStatic: boolean; args: ExpressionNode[] }
/** `target[index]`. */
export interface IndexNode { kind: 'Index'; pos: Position; target: ExpressionNode; index: ExpressionNode }
/** `-not x`, `!x`, `-x`, `++$x`, `$x++`, unary `-split` / `-join`, unary `,x`. */
export interface UnaryNode { kind: 'Unary'; pos: Position; operator: string; operand: ExpressionNode; postfix: boolean }
/** `a op b` for arithmetic, comparison, logical, `-f`, `..`, `-replace`, `-split`, `-join`, `-is`, `-as`. */
export interface BinaryNode { kind: 'Binary'; pos: Position; operator: string; left: ExpressionNode; right: ExpressionNode }
/** `[type] operand`: a cast. */
export interface ConvertNode { kind: 'Convert'; pos: Position; typeName: string; operand: ExpressionNode }
/** `[type]` alone (a type literal, e.g. before `::`). */
export interface TypeNode { kind: 'Type'; pos: Position; typeName: string }
/** `a, b, c`. */
export interface ArrayLiteralNode { kind: 'ArrayLiteral'; pos: Position; items: ExpressionNode[] }
/** `$( statements )`. */
export interface SubExpressionNode { kind: 'SubExpression'; pos: Position; statements: StatementNode[] }
/** `@( statements )`. */
export interface ArrayExpressionNode { kind: 'ArrayExpression'; pos: Position; statements: StatementNode[] }
/** `( pipeline )`. */
export interface ParenNode { kind: 'Paren'; pos: Position; statement: StatementNode }
/** `@{ key = value; ... }`. */
export interface HashtableNode { kind: 'Hashtable'; pos: Position; entries: { key: ExpressionNode; value: StatementNode }[] }
/** `{ ... }` as a value. */
export interface ScriptBlockExpressionNode { kind: 'ScriptBlockExpression'; pos: Position; block: ScriptBlockNode }
