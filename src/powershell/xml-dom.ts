import { XMLParser } from 'fast-xml-parser';
import { RuntimeFailure } from './runtime-error.js';

/**
 * The slice of System.Xml's DOM that provisioning scripts use on a NetworkConfig: `[xml]` casts, member access by
 * element and attribute name (PowerShell's XML adapter), SelectSingleNode/SelectNodes with an XmlNamespaceManager,
 * CreateElement, AppendChild, SetAttribute, Save. fast-xml-parser reads the text; the node model is ours.
 */
export class XmlNode {
  parent: XmlNode | undefined;
  readonly children: XmlNode[] = [];
  readonly attributes: { name: string; value: string }[] = [];
  text = '';

  constructor(
    readonly nodeType: 'document' | 'element' | 'text' | 'comment' | 'declaration',
    readonly name: string,
    readonly namespaceUri: string,
  ) {}

  /** The .NET type PowerShell reports. */
  typeName(): string {
    return { document: 'System.Xml.XmlDocument', element: 'System.Xml.XmlElement', text: 'System.Xml.XmlText', comment: 'System.Xml.XmlComment', declaration: 'System.Xml.XmlDeclaration' }[this.nodeType];
  }

  get localName(): string {
    const colon = this.name.indexOf(':');
    return colon < 0 ? this.name : this.name.slice(colon + 1);
  }

  /** The document this node belongs to. */
  get ownerDocument(): XmlNode {
    let node: XmlNode = this;
    while (node.parent !== undefined) node = node.parent;
    return node;
  }

  get documentElement(): XmlNode | undefined {
    return this.children.find((c) => c.nodeType === 'element');
  }

  elements(): XmlNode[] {
    return this.children.filter((c) => c.nodeType === 'element');
  }

  getAttribute(name: string): string | undefined {
    return this.attributes.find((a) => a.name.toLowerCase() === name.toLowerCase())?.value;
  }

  setAttribute(name: string, value: string): void {
    const existing = this.attributes.find((a) => a.name.toLowerCase() === name.toLowerCase());
    if (existing) existing.value = value;
    else this.attributes.push({ name, value });
  }

  removeAttribute(name: string): void {
    const index = this.attributes.findIndex((a) => a.name.toLowerCase() === name.toLowerCase());
    if (index >= 0) this.attributes.splice(index, 1);
  }

  /** InnerText: all descendant text. */
  get innerText(): string {
    if (this.nodeType === 'text' || this.nodeType === 'comment') return this.text;
    return this.children.map((c) => c.innerText).join('');
  }

  set innerText(value: string) {
    this.children.length = 0;
    const text = new XmlNode('text', '#text', '');
    text.text = value;
    this.appendChild(text);
  }

  /** AppendChild: moves the node here (from wherever it was). */
  appendChild(child: XmlNode): XmlNode {
    return this.insertAt(child, this.children.length);
  }

  /** InsertBefore / InsertAfter share this. */
  insertAt(child: XmlNode, index: number): XmlNode {
    if (child.nodeType === 'document') throw new RuntimeFailure('This document already has a \'DocumentElement\' node.', 'NotSpecified', 'InvalidOperationException', 'InvalidOperationException');
    child.parent?.removeChild(child);
    child.parent = this;
    this.children.splice(index, 0, child);
    return child;
  }

  removeChild(child: XmlNode): XmlNode {
    const index = this.children.indexOf(child);
    if (index < 0) throw new RuntimeFailure('The node to be removed is not a child of this node.', 'NotSpecified', 'ArgumentException', 'ArgumentException');
    this.children.splice(index, 1);
    child.parent = undefined;
    return child;
  }

  /** The namespace a child element written without a prefix inherits here. */
  defaultNamespace(): string {
    for (let node: XmlNode | undefined = this; node !== undefined; node = node.parent) {
      if (node.nodeType === 'element') return node.namespaceUri;
    }
    return '';
  }

  /** Deep copy, detached. */
  clone(deep: boolean): XmlNode {
    const copy = new XmlNode(this.nodeType, this.name, this.namespaceUri);
    copy.text = this.text;
    for (const a of this.attributes) copy.attributes.push({ ...a });
    if (deep) for (const c of this.children) copy.appendChild(c.clone(true));
    return copy;
  }

  /** What PowerShell shows for the node in a string: an element with only text shows the text, others the name. */
  displayText(): string {
    if (this.nodeType === 'text') return this.text;
    if (this.nodeType === 'document') return '#document';
    return this.name;
  }

  /** OuterXml (compact), as .NET writes it. */
  outerXml(parentNamespace = ''): string {
    switch (this.nodeType) {
      case 'document': return this.children.map((c) => c.outerXml('')).join('');
      case 'text': return escapeText(this.text);
      case 'comment': return `<!--${this.text}-->`;
      case 'declaration': return `<?xml ${this.attributes.map((a) => `${a.name}="${escapeAttribute(a.value)}"`).join(' ')}?>`;
      case 'element': return this.serialize(parentNamespace, '', undefined);
    }
  }

  /** The element with its namespace declaration when it differs from the parent's (`xmlns=""` included, as .NET does). */
  serialize(parentNamespace: string, indent: string, step: string | undefined): string {
    const attributes = [...this.attributes];
    const declared = this.getAttribute('xmlns');
    if (!this.name.includes(':') && declared === undefined && this.namespaceUri !== parentNamespace) attributes.unshift({ name: 'xmlns', value: this.namespaceUri });
    const open = `${this.name}${attributes.map((a) => ` ${a.name}="${escapeAttribute(a.value)}"`).join('')}`;
    if (this.children.length === 0) return `${indent}<${open} />`;
    const onlyText = this.children.every((c) => c.nodeType === 'text');
    if (onlyText || step === undefined) {
      const inner = this.children.map((c) => (c.nodeType === 'element' ? c.serialize(this.namespaceUri, '', undefined) : c.outerXml(this.namespaceUri))).join('');
      return `${indent}<${open}>${inner}</${this.name}>`;
    }
    const lines = this.children.map((c) => (c.nodeType === 'element' ? c.serialize(this.namespaceUri, indent + step, step) : `${indent}${step}${c.outerXml(this.namespaceUri)}`));
    return `${indent}<${open}>\n${lines.join('\n')}\n${indent}</${this.name}>`;
  }

  /** What XmlDocument.Save writes: the declaration, then the tree indented by two spaces. */
  saveText(): string {
    const lines: string[] = [];
    for (const child of this.children) {
      if (child.nodeType === 'element') lines.push(child.serialize('', '', '  '));
      else lines.push(child.outerXml(''));
    }
    return lines.join('\n').replace(/\r?\n/g, '\r\n');
  }
}

const parser = new XMLParser({
  preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', commentPropName: '#comment', trimValues: true,
  parseTagValue: false, parseAttributeValue: false, processEntities: true, ignoreDeclaration: false,
});

/** `[xml]"..."`: parses a document, or fails with the message .NET gave for malformed XML. */
export function parseXmlDocument(text: string): XmlNode {
  let parsed: unknown;
  try {
    parsed = parser.parse(text.replace(/^\ufeff/, ''), true);
  } catch (error) {
    throw new RuntimeFailure(`Cannot convert value "${text.slice(0, 40)}..." to type "System.Xml.XmlDocument". Error: "${(error as Error).message}"`, 'InvalidArgument', 'InvalidCastToXmlDocument', 'RuntimeException');
  }
  const document = new XmlNode('document', '#document', '');
  for (const item of parsed as Record<string, unknown>[]) appendParsed(document, item, '', new Map());
  if (document.documentElement === undefined) throw new RuntimeFailure('Cannot convert value to type "System.Xml.XmlDocument". Error: "Root element is missing."', 'InvalidArgument', 'InvalidCastToXmlDocument', 'RuntimeException');
  return document;
}

function appendParsed(parent: XmlNode, item: Record<string, unknown>, defaultNs: string, prefixes: Map<string, string>): void {
  const attributes = (item[':@'] ?? {}) as Record<string, string>;
  for (const [key, value] of Object.entries(item)) {
    if (key === ':@') continue;
    if (key === '#text') {
      const text = new XmlNode('text', '#text', '');
      text.text = String(value);
      parent.appendChild(text);
    } else if (key === '#comment') {
      const comment = new XmlNode('comment', '#comment', '');
      comment.text = ((value as { '#text'?: string }[])[0]?.['#text']) ?? '';
      parent.appendChild(comment);
    } else if (key === '?xml') {
      const declaration = new XmlNode('declaration', 'xml', '');
      for (const [name, v] of Object.entries(attributes)) declaration.attributes.push({ name, value: v });
      parent.appendChild(declaration);
    } else {
      const scope = new Map(prefixes);
      let ns = defaultNs;
      for (const [name, v] of Object.entries(attributes)) {
        if (name === 'xmlns') ns = v;
        else if (name.startsWith('xmlns:')) scope.set(name.slice(6), v);
      }
      const colon = key.indexOf(':');
      const element = new XmlNode('element', key, colon < 0 ? ns : scope.get(key.slice(0, colon)) ?? '');
      for (const [name, v] of Object.entries(attributes)) element.attributes.push({ name, value: v });
      parent.appendChild(element);
      for (const child of value as Record<string, unknown>[]) appendParsed(element, child, ns, scope);
    }
  }
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}
