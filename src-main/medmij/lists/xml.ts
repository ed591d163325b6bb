/**
 * A strict, small XML reader for MedMij lists, built on `saxes`.
 *
 * saxes checks well-formedness and namespaces, never reads a DTD and only expands the five
 * predefined entities and character references. On top of that we refuse any DOCTYPE (and any
 * other `<!…>` markup such as `<!ENTITY`), processing instructions other than the XML declaration,
 * input over a size cap and nesting deeper than a fixed limit. The result is a plain element tree.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ListProblemError, listProblem } from './problems';

export interface ListXmlElement {
  local: string;
  ns: string;
  /** attributes other than namespace declarations, by qualified name */
  attrs: Record<string, { uri: string; local: string; value: string }>;
  children: ListXmlElement[];
  /** concatenated direct character data (text and CDATA) */
  text: string;
}

/** Lists are small: the real Zorgaanbiederslijst is a few MB. 16 MiB leaves a wide margin. */
export const DEFAULT_MAX_LIST_BYTES = 16 * 1024 * 1024;
const MAX_DEPTH = 16;

export function decodeListBytes(bytes: Uint8Array, maxBytes = DEFAULT_MAX_LIST_BYTES): string {
  if (bytes.byteLength > maxBytes) throw new ListProblemError(listProblem('too-large', '', { size: bytes.byteLength, max: maxBytes }));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ListProblemError(listProblem('bad-encoding', ''));
  }
}

export function parseListXml(text: string, maxBytes = DEFAULT_MAX_LIST_BYTES): ListXmlElement {
  const size = Buffer.byteLength(text, 'utf8');
  if (size > maxBytes) throw new ListProblemError(listProblem('too-large', '', { size, max: maxBytes }));
  const body = text.replace(/^\uFEFF/, '').replace(/^[ \t\r\n]+/, '');
  if (body.length === 0) throw new ListProblemError(listProblem('empty', ''));

  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: ListXmlElement[] = [];
  let root: ListXmlElement | null = null;
  const syntax = (detail: string): never => {
    throw new ListProblemError(listProblem('xml-syntax', '', { detail }));
  };

  parser.on('error', (err) => {
    // saxes reports `<!ENTITY …>` and other unknown `<!` markup as "incorrect syntax."
    if (/incorrect syntax\.$|doctype/i.test(err.message)) throw new ListProblemError(listProblem('xml-doctype', ''));
    syntax(err.message);
  });
  parser.on('doctype', () => {
    throw new ListProblemError(listProblem('xml-doctype', ''));
  });
  parser.on('processinginstruction', (pi) => {
    syntax(`verwerkingsinstructie <?${pi.target}?> is niet toegestaan`);
  });
  parser.on('opentagstart', () => {
    if (stack.length + 1 > MAX_DEPTH) throw new ListProblemError(listProblem('too-deep', '', { max: MAX_DEPTH }));
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attrs: ListXmlElement['attrs'] = Object.create(null) as ListXmlElement['attrs'];
    for (const [key, attr] of Object.entries(tag.attributes)) {
      if (key === 'xmlns' || attr.prefix === 'xmlns') continue;
      attrs[key] = { uri: attr.uri, local: attr.local, value: attr.value };
    }
    const el: ListXmlElement = { local: tag.local, ns: tag.uri, attrs, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else if (root) syntax('meer dan één hoofdelement');
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('cdata', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });

  parser.write(body).close();
  if (!root) return syntax('geen hoofdelement');
  return root;
}
