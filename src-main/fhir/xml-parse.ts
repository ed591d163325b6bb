/**
 * Strict FHIR XML → a small element tree with source offsets, built on `saxes` (the SAX parser
 * behind jsdom) instead of a hand-written tokenizer. saxes checks well-formedness completely
 * (names, attributes, namespaces, characters, nesting), never reads a DTD and never expands
 * entities other than the five predefined ones and character references; an unknown `&name;` is an
 * error. DOCTYPE is refused here as well as by the caller; any other `<!…>` markup is refused too.
 *
 * What we add on top:
 * - the depth limit, checked at each `opentagstart` before the element is built (saxes itself
 *   keeps a flat stack, so hostile nesting cannot exhaust ours or its call stack);
 * - exact source offsets, so each resource's original XML can be sliced as received.
 *   saxes' `position` is a JavaScript string index (UTF-16 code units: an emoji counts 2, and a
 *   CR LF pair counts 2 even though saxes reports it as one newline). At `opentagstart` saxes has
 *   read `<`, the name and the one character that ended it, so `start = position - name.length - 2`
 *   (one further back when that character was CR LF); at `closetag` it has just read the closing
 *   `>` (of `</name>` or of a self-closing `/>`), so `end = position`. Both are checked against the
 *   source text, so a wrong offset can never silently slice the wrong thing.
 * Leading whitespace before the document (also before an XML declaration) is skipped, as the
 * caller accepts it; offsets stay relative to the full text.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ProblemError, problem } from './problems';
import { INPUT_PATH } from './types';

export interface XmlElement {
  /** local name, prefix stripped */
  name: string;
  /** name as written (with prefix) */
  rawName: string;
  /** resolved namespace URI ('' when none) */
  ns: string;
  /** attributes by name as written, namespace declarations (`xmlns`, `xmlns:p`) excluded */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** concatenated direct text (only used for diagnostics; xhtml is taken from the source slice) */
  text: string;
  /** offset of `<` of the start tag in the parsed text */
  start: number;
  /** offset just after the `>` that ends the element (end tag, or the start tag when self-closing) */
  end: number;
  /** whether the start tag itself declares a default namespace */
  declaresNs: boolean;
}

const LT = 0x3c;
const GT = 0x3e;

/** Parses a whole document and returns its root element. Throws ProblemError on any syntax issue. */
export function parseXml(text: string, maxDepth: number): XmlElement {
  const base = /^[ \t\r\n]*/.exec(text)![0].length;
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let pendingStart = -1;

  const fail = (detail: string): never => {
    throw new ProblemError(problem(INPUT_PATH, 'xml-syntax', { detail: `${detail} (positie ${base + parser.position})` }));
  };

  parser.on('error', (err) => {
    // saxes reports any `<!` other than a comment, CDATA or DOCTYPE (e.g. `<!ENTITY`) as "incorrect
    // syntax.", and a DOCTYPE after the root before the doctype event: both are DTD markup to us.
    if (/incorrect syntax\.$|doctype/i.test(err.message)) throw new ProblemError(problem(INPUT_PATH, 'xml-doctype'));
    fail(err.message);
  });
  parser.on('doctype', () => {
    throw new ProblemError(problem(INPUT_PATH, 'xml-doctype'));
  });
  parser.on('opentagstart', (tag) => {
    if (stack.length + 1 > maxDepth) throw new ProblemError(problem(INPUT_PATH, 'too-deep', { max: maxDepth }));
    let start = base + parser.position - tag.name.length - 2;
    if (text.charCodeAt(start) !== LT && text.startsWith('\r\n', start + tag.name.length)) start--;
    if (text.charCodeAt(start) !== LT || !text.startsWith(tag.name, start + 1)) fail(`ongeldige starttag ${tag.name}`);
    pendingStart = start;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [key, attr] of Object.entries(tag.attributes)) {
      if (key === 'xmlns' || attr.prefix === 'xmlns') continue;
      attrs[key] = attr.value;
    }
    const el: XmlElement = {
      name: tag.local,
      rawName: tag.name,
      ns: tag.uri,
      attrs,
      children: [],
      text: '',
      start: pendingStart,
      end: -1,
      declaresNs: tag.attributes.xmlns !== undefined,
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else if (root) fail('meer dan één hoofdelement');
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    const el = stack.pop();
    const end = base + parser.position;
    if (!el || text.charCodeAt(end - 1) !== GT) return fail('ongeldige eindtag');
    el.end = end;
  });
  parser.on('text', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('cdata', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });

  parser.write(base === 0 ? text : text.slice(base)).close();
  if (!root) return fail('geen hoofdelement');
  return root;
}
