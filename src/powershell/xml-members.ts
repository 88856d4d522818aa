import { toStr } from './convert.js';
import { RuntimeFailure } from './runtime-error.js';
import { XmlNode, parseXmlDocument } from './xml-dom.js';
import { XmlNamespaceManager, selectNodes } from './xml-xpath.js';

/** Reading files for Load and writing them for Save; the interpreter's host implements it. */
export interface XmlFileAccess {
  readText(path: string): string;
  writeText(path: string, text: string): void;
}

/** PowerShell's XML adapter: attributes, then child elements (text-only ones as strings), then the DOM's properties. */
export function getXmlMember(node: XmlNode, name: string): unknown {
  const lower = name.toLowerCase();
  if (node.nodeType === 'element') {
    const attribute = node.getAttribute(name);
    if (attribute !== undefined) return attribute;
  }
  const matching = node.elements().filter((c) => c.localName.toLowerCase() === lower);
  if (matching.length > 0) {
    const adapted = matching.map(adaptElement);
    return adapted.length === 1 ? adapted[0] : adapted;
  }
  switch (lower) {
    case 'name': return node.name;
    case 'localname': return node.localName;
    case 'namespaceuri': return node.namespaceUri;
    case 'innertext': return node.innerText;
    case 'innerxml': return node.children.map((c) => c.outerXml(node.namespaceUri)).join('');
    case 'outerxml': return node.outerXml(node.parent?.defaultNamespace() ?? '');
    case 'value': return node.nodeType === 'text' ? node.text : null;
    case 'documentelement': return node.documentElement ?? null;
    case 'childnodes': return [...node.children];
    case 'firstchild': return node.children[0] ?? null;
    case 'lastchild': return node.children.at(-1) ?? null;
    case 'parentnode': return node.parent ?? null;
    case 'ownerdocument': return node.nodeType === 'document' ? null : node.ownerDocument;
    case 'haschildnodes': return node.children.length > 0;
    case 'nametable': return 'System.Xml.NameTable';
    case 'attributes': return node.attributes.map((a) => ({ ...a }));
    case 'nextsibling': return sibling(node, 1);
    case 'previoussibling': return sibling(node, -1);
    default: return null;
  }
}

// An element with only text and no attributes is shown as its text, as the adapter did.
function adaptElement(element: XmlNode): unknown {
  const simple = element.attributes.length === 0 && element.children.every((c) => c.nodeType === 'text');
  return simple ? element.innerText : element;
}

function sibling(node: XmlNode, direction: number): XmlNode | null {
  const siblings = node.parent?.children ?? [];
  return siblings[siblings.indexOf(node) + direction] ?? null;
}

/** `$node.name = value`: an existing attribute, a text-only child element, or InnerText. */
export function setXmlMember(node: XmlNode, name: string, value: unknown): void {
  const text = toStr(value);
  if (node.getAttribute(name) !== undefined) return node.setAttribute(name, text);
  const child = node.elements().find((c) => c.localName.toLowerCase() === name.toLowerCase());
  if (child !== undefined) {
    child.innerText = text;
    return;
  }
  if (name.toLowerCase() === 'innertext') {
    node.innerText = text;
    return;
  }
  if (node.nodeType === 'element') return node.setAttribute(name, text);
  throw new RuntimeFailure(`Cannot set "${name}" because only strings can be used as values to set XmlNode properties.`, 'InvalidOperation', 'PropertyAssignmentException', 'SetValueInvocationException');
}

/** The DOM methods scripts call on documents and elements. */
export function invokeXmlMethod(node: XmlNode, name: string, args: unknown[], files: XmlFileAccess): unknown {
  const arg = (i: number): unknown => args[i] ?? null;
  const nodeArg = (i: number): XmlNode => {
    const value = arg(i);
    if (!(value instanceof XmlNode)) throw new RuntimeFailure(`Cannot convert argument "${i === 0 ? 'newChild' : 'refChild'}", with value: "${toStr(value)}", for "${name}" to type "System.Xml.XmlNode".`, 'NotSpecified', 'MethodArgumentConversionInvalidCastArgument', 'MethodException');
    return value;
  };
  const nsArg = (): XmlNamespaceManager | undefined => (arg(1) instanceof XmlNamespaceManager ? (arg(1) as XmlNamespaceManager) : undefined);
  switch (name.toLowerCase()) {
    case 'selectsinglenode': return selectNodes(node, toStr(arg(0)), nsArg())[0] ?? null;
    case 'selectnodes': return selectNodes(node, toStr(arg(0)), nsArg());
    case 'getelementsbytagname': return selectNodes(node, `//*`, undefined).filter((e) => e.name === toStr(arg(0)) || toStr(arg(0)) === '*');
    case 'createelement': {
      const qualified = toStr(arg(0));
      return new XmlNode('element', qualified, args.length > 1 ? toStr(arg(1)) : '');
    }
    case 'createtextnode': {
      const text = new XmlNode('text', '#text', '');
      text.text = toStr(arg(0));
      return text;
    }
    case 'appendchild': return node.appendChild(nodeArg(0));
    case 'removechild': return node.removeChild(nodeArg(0));
    case 'insertbefore': return node.insertAt(nodeArg(0), arg(1) === null ? node.children.length : node.children.indexOf(nodeArg(1)));
    case 'insertafter': return node.insertAt(nodeArg(0), arg(1) === null ? 0 : node.children.indexOf(nodeArg(1)) + 1);
    case 'replacechild': {
      const old = nodeArg(1);
      const index = node.children.indexOf(old);
      node.removeChild(old);
      return node.insertAt(nodeArg(0), index) && old;
    }
    case 'removeall': node.children.length = 0; node.attributes.length = 0; return null;
    case 'setattribute': node.setAttribute(toStr(arg(0)), toStr(arg(1))); return null;
    case 'getattribute': return node.getAttribute(toStr(arg(0))) ?? '';
    case 'hasattribute': return node.getAttribute(toStr(arg(0))) !== undefined;
    case 'removeattribute': node.removeAttribute(toStr(arg(0))); return null;
    case 'clonenode': return node.clone(args.length === 0 || arg(0) === true);
    case 'importnode': return nodeArg(0).clone(arg(1) === true);
    case 'save': files.writeText(toStr(arg(0)), node.saveText()); return null;
    case 'load': return replaceDocument(node, files.readText(toStr(arg(0))));
    case 'loadxml': return replaceDocument(node, toStr(arg(0)));
    case 'tostring': return node.displayText();
    default: throw new RuntimeFailure(`Method invocation failed because [${node.typeName()}] does not contain a method named '${name}'.`, 'InvalidOperation', 'MethodNotFound', 'RuntimeException');
  }
}

function replaceDocument(document: XmlNode, text: string): null {
  const loaded = parseXmlDocument(text);
  document.children.length = 0;
  for (const child of [...loaded.children]) document.appendChild(child);
  return null;
}
