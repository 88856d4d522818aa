import type { CommandElement, ExpressionNode, StatementNode } from '../../src/powershell/ast.js';

/** Renders a statement as a compact S-expression so parser tests read as tables. */
export function printStatement(node: StatementNode): string {
  switch (node.kind) {
    case 'Pipeline': return node.elements.map((e) => (e.kind === 'Command' ? printCommand(e.name, e.invocation, e.elements) : printExpression(e.expression))).join(' | ');
    case 'Assignment': return `(${node.operator} ${printExpression(node.target)} ${printStatement(node.value)})`;
    case 'If': return `(if ${node.clauses.map((c) => `${printStatement(c.condition)} {${printBlock(c.body.statements)}}`).join(' elseif ')}${node.elseBody ? ` else {${printBlock(node.elseBody.statements)}}` : ''})`;
    case 'Foreach': return `(foreach $${node.variable} ${printStatement(node.iterable)} {${printBlock(node.body.statements)}})`;
    case 'For': return `(for ${node.init ? printStatement(node.init) : '_'}; ${node.condition ? printStatement(node.condition) : '_'}; ${node.iterator ? printStatement(node.iterator) : '_'} {${printBlock(node.body.statements)}})`;
    case 'While': return `(while ${printStatement(node.condition)} {${printBlock(node.body.statements)}})`;
    case 'Do': return `(do {${printBlock(node.body.statements)}} ${node.until ? 'until' : 'while'} ${printStatement(node.condition)})`;
    case 'Switch': return `(switch ${printStatement(node.subject)} ${node.clauses.map((c) => `${c.pattern === 'default' ? 'default' : printExpression(c.pattern)} {${printBlock(c.body.statements)}}`).join(' ')})`;
    case 'Function': return `(function ${node.name} (${node.body.params.map((p) => `${p.typeName ? `[${p.typeName}]` : ''}$${p.name}${p.mandatory ? '!' : ''}`).join(' ')}) {${printBlock(node.body.statements)}})`;
    case 'Try': return `(try {${printBlock(node.body.statements)}}${node.catches.map((c) => ` catch${c.types.map((t) => ` [${t}]`).join('')} {${printBlock(c.body.statements)}}`).join('')}${node.finallyBody ? ` finally {${printBlock(node.finallyBody.statements)}}` : ''})`;
    case 'Throw': return `(throw${node.value ? ` ${printStatement(node.value)}` : ''})`;
    case 'Flow': return `(${node.flow}${node.value ? ` ${printStatement(node.value)}` : ''}${node.label ? ` ${node.label}` : ''})`;
  }
}

function printBlock(statements: StatementNode[]): string {
  return statements.map(printStatement).join('; ');
}

function printCommand(name: string | ExpressionNode, invocation: string, elements: CommandElement[]): string {
  const head = typeof name === 'string' ? name : `${invocation === 'dot' ? '.' : '&'}${printExpression(name)}`;
  const parts = elements.map((e) => {
    if (e.kind === 'Parameter') return `${e.text}${e.argument ? `:${printExpression(e.argument)}` : ''}`;
    return e.kind === 'Splat' ? `@${e.variable.name}` : printExpression(e.value);
  });
  return `[${[head, ...parts].join(' ')}]`;
}

/** Renders an expression compactly: strings quoted, variables with `$`, operators prefix. */
export function printExpression(node: ExpressionNode): string {
  switch (node.kind) {
    case 'Constant': return typeof node.value === 'string' ? JSON.stringify(node.value) : String(node.value);
    case 'ExpandableString': return `"${node.parts.map((p) => (typeof p === 'string' ? p : `{${printExpression(p)}}`)).join('')}"`;
    case 'Variable': return `$${node.scope ? `${node.scope}:` : ''}${node.name}`;
    case 'Member': return `${printExpression(node.target)}${node.isStatic ? '::' : '.'}${typeof node.member === 'string' ? node.member : printExpression(node.member)}`;
    case 'InvokeMember': return `${printExpression(node.target)}${node.isStatic ? '::' : '.'}${node.member}(${node.args.map(printExpression).join(', ')})`;
    case 'Index': return `${printExpression(node.target)}[${printExpression(node.index)}]`;
    case 'Unary': return node.postfix ? `(${printExpression(node.operand)}${node.operator})` : `(${node.operator} ${printExpression(node.operand)})`;
    case 'Binary': return `(${node.operator} ${printExpression(node.left)} ${printExpression(node.right)})`;
    case 'Convert': return `([${node.typeName}] ${printExpression(node.operand)})`;
    case 'Type': return `[${node.typeName}]`;
    case 'ArrayLiteral': return `(, ${node.items.map(printExpression).join(' ')})`;
    case 'SubExpression': return `$(${printBlock(node.statements)})`;
    case 'ArrayExpression': return `@(${printBlock(node.statements)})`;
    case 'Paren': return `(${printStatement(node.statement)})`;
    case 'Hashtable': return `@{${node.entries.map((e) => `${printExpression(e.key)}=${printStatement(e.value)}`).join('; ')}}`;
    case 'ScriptBlockExpression': return `{${printBlock(node.block.statements)}}`;
  }
}
