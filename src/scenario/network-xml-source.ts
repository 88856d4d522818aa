import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InputError, diagnosticAt, type SourceRef } from '../common/index.js';

/** An XML attribute value and where it was written. */
export interface XmlAttribute {
  value: string;
  at: SourceRef;
}

/** An XML element with the positions of its start tag, attributes and text. */
export interface XmlElement {
  name: string;
  attributes: Map<string, XmlAttribute>;
  children: XmlElement[];
  /** The concatenated, trimmed character data directly inside the element ('' when none). */
  text: string;
  textAt: SourceRef;
  at: SourceRef;
}

/** Code of a diagnostic for text that is not well-formed XML, or that declares a DOCTYPE or entities. */
export const XML_SYNTAX_RULE = 'xml-syntax';

/*
 * A DOCTYPE is where entities are declared, and entity expansion is how a "billion laughs" document explodes a few
 * hundred bytes into gigabytes. A NetworkConfig.xml never needs one, so any declaration is refused by a linear scan
 * before a parser sees the text.
 */
const DECLARATION_PATTERN = /<!(DOCTYPE|ENTITY)/i;

/** Markup in document order; only group 1 (an element's start tag name) is an element. */
const MARKUP_PATTERN = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<\/|<([^\s/>!?]+)/g;
/** One start tag from its `<` to its `>`, skipping `>` inside quoted attribute values. */
const START_TAG_PATTERN = /<[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*\/?>/y;
const ATTRIBUTE_PATTERN = /([^\s=/>]+)\s*=\s*(?:"[^"]*"|'[^']*')/g;

type OrderedNode = Record<string, unknown>;

interface StartTag {
  offset: number;
  end: number;
  attributeOffsets: Map<string, number>;
}

/**
 * Parses XML text into elements that know their file:line:column. Refuses DOCTYPE/ENTITY declarations up front and
 * reports malformed XML at the parser's position, both as an InputError.
 */
export function parseXmlDocument(text: string, file: string): XmlElement {
  const lines = indexLineStarts(text);
  const refAt = (offset: number): SourceRef => refOfOffset(lines, file, offset);
  const declaration = DECLARATION_PATTERN.exec(text);
  if (declaration !== null) {
    throw new InputError([
      diagnosticAt(
        refAt(declaration.index),
        XML_SYNTAX_RULE,
        'error',
        `<!${declaration[1] ?? ''}> declarations are refused (entity expansion can exhaust memory); ` +
          'a NetworkConfig.xml needs none: remove the declaration',
      ),
    ]);
  }
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const at = { file, line: validation.err.line || 1, column: validation.err.col || 1 };
    throw new InputError([diagnosticAt(at, XML_SYNTAX_RULE, 'error', `malformed XML: ${validation.err.msg}`)]);
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
  });
  const nodes = parser.parse(text) as OrderedNode[];
  const tags = scanStartTags(text);
  let next = 0;
  const build = (node: OrderedNode): XmlElement | undefined => {
    const name = Object.keys(node).find((key) => key !== ':@');
    if (name === undefined || name === '#text') return undefined;
    const tag = tags[next++];
    if (tag === undefined) throw new RangeError('start tag scan out of step with the XML parser');
    const attributes = new Map<string, XmlAttribute>();
    const rawAttributes = (node[':@'] ?? {}) as Record<string, string>;
    for (const [key, value] of Object.entries(rawAttributes)) {
      attributes.set(key, { value, at: refAt(tag.attributeOffsets.get(key) ?? tag.offset) });
    }
    const children: XmlElement[] = [];
    let content = '';
    for (const child of (node[name] ?? []) as OrderedNode[]) {
      if ('#text' in child) content += String(child['#text']);
      else {
        const element = build(child);
        if (element !== undefined) children.push(element);
      }
    }
    const textAt = refAt(skipSpace(text, tag.end));
    return { name, attributes, children, text: content.trim(), textAt, at: refAt(tag.offset) };
  };
  const root = nodes.map(build).find((element) => element !== undefined);
  if (root === undefined) {
    throw new InputError([diagnosticAt(refAt(0), XML_SYNTAX_RULE, 'error', 'no root element; the file is empty')]);
  }
  return root;
}

function skipSpace(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  return i;
}

function scanStartTags(text: string): StartTag[] {
  const tags: StartTag[] = [];
  for (const match of text.matchAll(MARKUP_PATTERN)) {
    if (match[1] === undefined) continue;
    START_TAG_PATTERN.lastIndex = match.index;
    const tag = START_TAG_PATTERN.exec(text);
    const source = tag?.[0] ?? match[0];
    const attributeOffsets = new Map<string, number>();
    for (const attribute of source.matchAll(ATTRIBUTE_PATTERN)) {
      if (attribute[1] !== undefined) attributeOffsets.set(attribute[1], match.index + attribute.index);
    }
    tags.push({ offset: match.index, end: match.index + source.length, attributeOffsets });
  }
  return tags;
}

function indexLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function refOfOffset(lineStarts: number[], file: string, offset: number): SourceRef {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { file, line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1 };
}
