/**
 * The response XML writer: compact bodies (no declaration, no whitespace between elements), the windowsazure default
 * namespace and the XMLSchema-instance prefix on the root, `i:nil` for nulls and `i:type` for polymorphic elements —
 * what the live API sent (asm-recorded.md §1.1). Elements are written in the order given: callers list them in the
 * documented (or recorded) order.
 */

/** The Service Management namespace every response is rooted in. */
export const WINDOWS_AZURE_NAMESPACE = 'http://schemas.microsoft.com/windowsazure';
/** The XMLSchema-instance namespace behind `i:nil` and `i:type`. */
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

/** One element: text, children, or nil; optional attributes and `i:type`. */
export interface XmlNode {
  name: string;
  text?: string | undefined;
  children?: XmlNode[] | undefined;
  nil?: boolean | undefined;
  type?: string | undefined;
  attributes?: Record<string, string> | undefined;
}

/** An element holding text (numbers and booleans are written as the platform wrote them). */
export function textElement(name: string, value: string | number | boolean): XmlNode {
  return { name, text: String(value) };
}

/** An element holding children. */
export function parentElement(name: string, children: XmlNode[], attributes?: Record<string, string>): XmlNode {
  return { name, children, attributes };
}

/** A text element, or `<name i:nil="true"/>` when the value is absent. */
export function nullableElement(name: string, value: string | number | undefined): XmlNode {
  return value === undefined ? { name, nil: true } : textElement(name, value);
}

/** A text element, or nothing when the value is absent (for optional elements the platform omitted). */
export function optionalElement(name: string, value: string | number | boolean | undefined): XmlNode[] {
  return value === undefined ? [] : [textElement(name, value)];
}

/** Serializes a response body rooted in `root`, with the namespaces on the root. */
export function writeResponseXml(root: XmlNode): string {
  const attributes = { xmlns: WINDOWS_AZURE_NAMESPACE, 'xmlns:i': XSI_NAMESPACE, ...root.attributes };
  return writeNode({ ...root, attributes });
}

function writeNode(node: XmlNode): string {
  let open = `<${node.name}`;
  if (node.type !== undefined) open += ` i:type="${escapeXml(node.type)}"`;
  for (const [name, value] of Object.entries(node.attributes ?? {})) open += ` ${name}="${escapeXml(value)}"`;
  if (node.nil === true) return `${open} i:nil="true"/>`;
  const inner = node.text !== undefined ? escapeXml(node.text) : (node.children ?? []).map(writeNode).join('');
  return inner === '' ? `${open}/>` : `${open}>${inner}</${node.name}>`;
}

/** Escapes text and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}
