import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * The request XML reader: a well-formedness check, then a plain element tree read by local name, case-insensitively and
 * in any order (clients differ: the CLI sends `<gatewayType>`, the .NET SDK element orders vary; asm-recorded.md §1.8).
 */

/** One request element: local name, attributes, text and children in document order. */
export interface RequestElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: RequestElement[];
}

/** Parses a request body; `undefined` when it is not well-formed XML with one root element. */
export function parseRequestXml(text: string): RequestElement | undefined {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '' || XMLValidator.validate(body) !== true) return undefined;
  const parser = new XMLParser({
    preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true, parseTagValue: false,
    parseAttributeValue: false, trimValues: true, processEntities: true, ignoreDeclaration: true, ignorePiTags: true,
  });
  let roots: RequestElement[];
  try {
    roots = toElements(parser.parse(body) as unknown[]);
  } catch {
    // fast-xml-parser throws past its nesting limit ("Maximum nested tags exceeded", found by npm run fuzz): not XML a
    // client sends, so the caller's InvalidXmlRequest, not an exception escaping the request handler
    return undefined;
  }
  return roots.length === 1 ? roots[0] : undefined;
}

type OrderedNode = Record<string, unknown>;

function toElements(nodes: unknown[]): RequestElement[] {
  const elements: RequestElement[] = [];
  for (const node of nodes as OrderedNode[]) {
    const name = Object.keys(node).find((key) => key !== ':@' && key !== '#text' && key !== '#comment');
    if (name === undefined) continue;
    const content = (node[name] ?? []) as OrderedNode[];
    const attributes = (node[':@'] ?? {}) as Record<string, string>;
    const text = content.filter((c) => '#text' in c).map((c) => String(c['#text'])).join('');
    elements.push({ name, attributes, text, children: toElements(content) });
  }
  return elements;
}

/** The first child with this local name (case-insensitive). */
export function childElement(element: RequestElement, name: string): RequestElement | undefined {
  const wanted = name.toLowerCase();
  return element.children.find((c) => c.name.toLowerCase() === wanted);
}

/** Every child with this local name (case-insensitive). */
export function childElements(element: RequestElement, name: string): RequestElement[] {
  const wanted = name.toLowerCase();
  return element.children.filter((c) => c.name.toLowerCase() === wanted);
}

/** The text of the first child with this name, `undefined` when absent, nil or empty. */
export function childText(element: RequestElement, name: string): string | undefined {
  const child = childElement(element, name);
  if (child === undefined || child.attributes['nil'] === 'true' || child.text === '') return undefined;
  return child.text;
}
