import { RuntimeFailure } from './runtime-error.js';
import type { XmlNode } from './xml-dom.js';

/** `New-Object System.Xml.XmlNamespaceManager($xml.NameTable)`: prefixes scripts bind for XPath. */
export class XmlNamespaceManager {
  readonly prefixes = new Map<string, string>();

  toString(): string {
    return 'System.Xml.XmlNamespaceManager';
  }
}

interface Step {
  axis: 'child' | 'descendant' | 'self' | 'parent';
  test: string;
  predicates: string[];
}

/**
 * SelectNodes with the XPath 1.0 subset scripts use on a NetworkConfig: absolute and relative paths, `//`, `.`, `..`,
 * `*`, prefixed names, and predicates `[@a='v']`, `[name='v']`, `[n]`. As in XPath 1.0, an unprefixed name matches only
 * elements in no namespace, so `//VirtualNetworkSites` finds nothing in a NetworkConfig (a classic script bug).
 */
export function selectNodes(context: XmlNode, xpath: string, namespaces: XmlNamespaceManager | undefined): XmlNode[] {
  const path = xpath.trim();
  let current: XmlNode[] = [context];
  if (path.startsWith('/')) current = [context.ownerDocument];
  const steps = parseSteps(path);
  for (const step of steps) {
    const next: XmlNode[] = [];
    for (const node of current) {
      const candidates = step.axis === 'self' ? [node] : step.axis === 'parent' ? (node.parent ? [node.parent] : []) : step.axis === 'child' ? node.children : descendants(node);
      let matched = candidates.filter((c) => matchesTest(c, step.test, namespaces));
      for (const predicate of step.predicates) matched = applyPredicate(matched, predicate, namespaces);
      for (const m of matched) if (!next.includes(m)) next.push(m);
    }
    current = next;
  }
  return current;
}

function parseSteps(xpath: string): Step[] {
  const steps: Step[] = [];
  let rest = xpath;
  let axis: Step['axis'] = 'child';
  if (rest.startsWith('//')) {
    axis = 'descendant';
    rest = rest.slice(2);
  } else if (rest.startsWith('/')) rest = rest.slice(1);
  while (rest !== '') {
    const match = /^(\.\.|\.|\*|@?[\w.-]+(?::[\w.-]+)?|text\(\))((?:\[[^\]]*\])*)/.exec(rest);
    if (match === null) throw xpathError(xpath);
    const test = match[1] ?? '';
    if (test.startsWith('@')) throw new RuntimeFailure(`XPath '${xpath}' selects an attribute; vnetsim ps selects elements only.`, 'NotImplemented', 'XPathAttributeStep', 'NotSupportedException', 'unsupported');
    const predicates = [...(match[2] ?? '').matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? '');
    steps.push({ axis: test === '.' ? 'self' : test === '..' ? 'parent' : axis, test, predicates });
    rest = rest.slice(match[0].length);
    if (rest.startsWith('//')) {
      axis = 'descendant';
      rest = rest.slice(2);
    } else if (rest.startsWith('/')) {
      axis = 'child';
      rest = rest.slice(1);
    } else if (rest !== '') throw xpathError(xpath);
  }
  return steps;
}

function xpathError(xpath: string): RuntimeFailure {
  return new RuntimeFailure(`'${xpath}' has an invalid token.`, 'NotSpecified', 'XPathException', 'XPathException');
}

function descendants(node: XmlNode): XmlNode[] {
  const all: XmlNode[] = [];
  const walk = (n: XmlNode): void => {
    for (const c of n.children) {
      all.push(c);
      walk(c);
    }
  };
  walk(node);
  return all;
}

function matchesTest(node: XmlNode, test: string, namespaces: XmlNamespaceManager | undefined): boolean {
  if (test === '.' || test === '..') return true;
  if (test === 'text()') return node.nodeType === 'text';
  if (node.nodeType !== 'element') return false;
  if (test === '*') return true;
  const colon = test.indexOf(':');
  if (colon < 0) return node.localName === test && node.namespaceUri === '';
  const prefix = test.slice(0, colon);
  const uri = namespaces?.prefixes.get(prefix);
  if (uri === undefined) throw new RuntimeFailure('Namespace Manager or XsltContext needed. This query has a prefix, variable, or user-defined function.', 'NotSpecified', 'XPathException', 'XPathException');
  return node.localName === test.slice(colon + 1) && node.namespaceUri === uri;
}

function applyPredicate(nodes: XmlNode[], predicate: string, namespaces: XmlNamespaceManager | undefined): XmlNode[] {
  const trimmed = predicate.trim();
  if (/^\d+$/.test(trimmed)) {
    const node = nodes[Number(trimmed) - 1];
    return node === undefined ? [] : [node];
  }
  if (trimmed === 'last()') return nodes.slice(-1);
  const clauses = trimmed.split(/\s+and\s+/);
  return nodes.filter((node) => clauses.every((clause) => matchesClause(node, clause, namespaces)));
}

function matchesClause(node: XmlNode, clause: string, namespaces: XmlNamespaceManager | undefined): boolean {
  const comparison = /^(@?[\w.:-]+|text\(\)|\.)\s*(!?=)\s*(?:'([^']*)'|"([^"]*)")$/.exec(clause);
  if (comparison === null) {
    const exists = /^(@?[\w.:-]+)$/.exec(clause);
    if (exists === null) throw new RuntimeFailure(`The XPath predicate [${clause}] is not supported by vnetsim ps.`, 'NotImplemented', 'XPathPredicate', 'NotSupportedException', 'unsupported');
    const name = exists[1] ?? '';
    return name.startsWith('@') ? node.getAttribute(name.slice(1)) !== undefined : node.children.some((c) => matchesTest(c, name, namespaces));
  }
  const [, left = '', operator, single, double] = comparison;
  const expected = single ?? double ?? '';
  let values: string[];
  if (left.startsWith('@')) values = [node.getAttribute(left.slice(1))].filter((v): v is string => v !== undefined);
  else if (left === '.' || left === 'text()') values = [node.innerText];
  else values = node.children.filter((c) => matchesTest(c, left, namespaces)).map((c) => c.innerText);
  const equal = values.includes(expected);
  return operator === '=' ? equal : values.length > 0 && !equal;
}
