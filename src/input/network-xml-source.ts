import { XMLValidator } from 'fast-xml-parser';
import { InputError, diagnosticAt, type SourceRef } from '../common/index.js';
import { checkXmlDepth } from './input-bounds.js';

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

/**
 * One markup token of a well-formed document: comment, CDATA (group 1), processing instruction, end tag (group 2),
 * or start tag (name in group 3, attributes in group 4, "/" of an empty element in group 5).
 */
const TOKEN_PATTERN =
  /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<\/([^\s>]+)\s*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTRIBUTE_PATTERN = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const PREDEFINED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** An element being built, with the offset of its first non-blank character of text. */
interface OpenElement {
  element: XmlElement;
  textOffset: number;
}

/**
 * Parses XML text into elements that know their file:line:column. Refuses DOCTYPE/ENTITY declarations up front,
 * lets fast-xml-parser's validator judge well-formedness (reporting its position), then reads the elements in one
 * pass over the markup, which is what gives every element, attribute and text its own position.
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
  const declarationAt = text.search(/<\?xml[\s?]/);
  if (declarationAt > 0 && text.slice(0, declarationAt).trim() === '') {
    throw new InputError([
      diagnosticAt(
        refAt(declarationAt),
        XML_SYNTAX_RULE,
        'error',
        `the <?xml ...?> declaration must be the very first thing in the file, but ${declarationAt} blank ` +
          `character${declarationAt === 1 ? '' : 's'} come before it: delete them (or the declaration line)`,
      ),
    ]);
  }
  checkXmlDepth(text, refAt);
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const at = { file, line: validation.err.line || 1, column: validation.err.col || 1 };
    throw new InputError([diagnosticAt(at, XML_SYNTAX_RULE, 'error', `malformed XML: ${validation.err.msg}`)]);
  }
  let root: XmlElement | undefined;
  const stack: OpenElement[] = [];
  let textStart = 0;
  const addText = (raw: string, offset: number): void => {
    const open = stack[stack.length - 1];
    if (open === undefined) return;
    const blank = /^\s*/.exec(raw)?.[0].length ?? 0;
    if (blank < raw.length && open.textOffset < 0) open.textOffset = offset + blank;
    open.element.text += raw;
  };
  for (const token of text.matchAll(TOKEN_PATTERN)) {
    addText(decodeEntities(text.slice(textStart, token.index), textStart, refAt), textStart);
    textStart = token.index + token[0].length;
    if (token[1] !== undefined) {
      addText(token[1], token.index + '<![CDATA['.length);
    } else if (token[2] !== undefined) {
      closeElement(stack.pop());
    } else if (token[3] !== undefined) {
      const at = refAt(token.index);
      const element: XmlElement = {
        name: token[3],
        attributes: readAttributes(token[4] ?? '', token.index + 1 + token[3].length, refAt),
        children: [],
        text: '',
        // an element without text is pointed at by its start tag
        textAt: at,
        at,
      };
      const parent = stack[stack.length - 1];
      if (parent !== undefined) {
        parent.element.children.push(element);
      } else if (root !== undefined) {
        // fast-xml-parser's validator lets a second top-level element through; its content would be silently lost
        throw new InputError([
          diagnosticAt(
            at,
            XML_SYNTAX_RULE,
            'error',
            `<${element.name}> follows the root element <${root.name}>; an XML file has one root element: ` +
              `move it inside <${root.name}> or remove it`,
          ),
        ]);
      } else {
        root = element;
      }
      const open = { element, textOffset: -1 };
      if (token[5] === '/') closeElement(open);
      else stack.push(open);
    }
  }
  if (root === undefined) {
    throw new InputError([diagnosticAt(refAt(0), XML_SYNTAX_RULE, 'error', 'no root element; the file is empty')]);
  }
  return root;

  function closeElement(open: OpenElement | undefined): void {
    if (open === undefined) return;
    open.element.text = open.element.text.trim();
    if (open.textOffset >= 0) open.element.textAt = refAt(open.textOffset);
  }
}

function readAttributes(
  source: string,
  sourceOffset: number,
  refAt: (offset: number) => SourceRef,
): Map<string, XmlAttribute> {
  const attributes = new Map<string, XmlAttribute>();
  for (const attribute of source.matchAll(ATTRIBUTE_PATTERN)) {
    const name = attribute[1] ?? '';
    const raw = attribute[2] ?? attribute[3] ?? '';
    // the value starts after the opening quote, which is the first quote of the match
    const valueOffset = sourceOffset + attribute.index + attribute[0].search(/["']/) + 1;
    attributes.set(name, { value: decodeEntities(raw, valueOffset, refAt), at: refAt(sourceOffset + attribute.index) });
  }
  return attributes;
}

/**
 * Decodes the five predefined entities and character references in text that starts at `offset`. DOCTYPEs are
 * refused, so any other entity is undeclared, and a bare `&` is not well-formed: both are refused at their position
 * (fast-xml-parser's validator lets them through, and they would otherwise reach names and prefixes verbatim).
 */
function decodeEntities(raw: string, offset: number, refAt: (offset: number) => SourceRef): string {
  if (!raw.includes('&')) return raw;
  const refuse = (index: number, message: string): never => {
    throw new InputError([diagnosticAt(refAt(offset + index), XML_SYNTAX_RULE, 'error', message)]);
  };
  return raw.replace(/&(#x[0-9a-fA-F]+;|#[0-9]+;|[A-Za-z_][\w.-]*;)?/g, (whole, reference: string | undefined, index: number) => {
    if (reference === undefined) {
      return refuse(index, "a bare '&' is not allowed in XML; write it as &amp;");
    }
    const name = reference.slice(0, -1);
    if (name.startsWith('#')) {
      const codePoint = name.startsWith('#x') ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      if (!isXmlCharacter(codePoint)) return refuse(index, `${whole} is not a character XML allows; remove it`);
      return String.fromCodePoint(codePoint);
    }
    return (
      PREDEFINED_ENTITIES[name] ??
      refuse(index, `${whole} is not defined (only &lt; &gt; &amp; &quot; &apos; exist without a DOCTYPE); write the text itself`)
    );
  });
}

/** Whether a code point is a legal XML 1.0 character (the Char production), so a reference to it may be decoded. */
function isXmlCharacter(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
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
