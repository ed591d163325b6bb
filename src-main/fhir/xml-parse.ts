/**
 * A small, strict XML parser for FHIR XML. Own code instead of a general parser because we need:
 * source offsets per element (so each resource's original XML can be kept exactly as received),
 * a depth limit enforced while reading (no recursion), and no DTD/entity support at all
 * (XXE and entity expansion are impossible by construction; DOCTYPE is also refused up front).
 * Supports what FHIR XML uses: declaration, comments, processing instructions, CDATA, attributes,
 * namespaces by prefix, the five predefined entities and character references.
 */
import { ProblemError, problem } from './problems';
import { INPUT_PATH } from './types';

export interface XmlElement {
  /** local name, prefix stripped */
  name: string;
  /** name as written, for matching the end tag */
  rawName: string;
  /** resolved namespace URI ('' when none) */
  ns: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** concatenated direct text (only used for diagnostics; xhtml is taken from the source slice) */
  text: string;
  start: number;
  end: number;
  /** whether the start tag itself declares a default namespace */
  declaresNs: boolean;
}

const NAME = /[A-Za-z_][\w.\-:]*/y;

function fail(detail: string, at: number): never {
  throw new ProblemError(problem(INPUT_PATH, 'xml-syntax', { detail: `${detail} (positie ${at})` }));
}

export function decodeEntities(s: string, at: number): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;&\s]{0,12});/g, (_m, ent: string) => {
    switch (ent) {
      case 'lt': return '<';
      case 'gt': return '>';
      case 'amp': return '&';
      case 'quot': return '"';
      case 'apos': return "'";
    }
    const cp = ent.startsWith('#x') ? parseInt(ent.slice(2), 16) : ent.startsWith('#') ? parseInt(ent.slice(1), 10) : NaN;
    if (!Number.isFinite(cp) || cp < 1 || cp > 0x10ffff) fail(`onbekende entiteit &${ent};`, at);
    return String.fromCodePoint(cp);
  });
}

/** Parses a whole document and returns its root element. Throws ProblemError on any syntax issue. */
export function parseXml(text: string, maxDepth: number): XmlElement {
  const stack: { el: XmlElement; nsMap: Map<string, string> }[] = [];
  let root: XmlElement | null = null;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const chunk = text.slice(i, textEnd);
      const top = stack[stack.length - 1];
      if (top) top.el.text += decodeEntities(chunk, i);
      else if (chunk.trim() !== '') fail('tekst buiten het hoofdelement', i);
    }
    if (lt < 0) break;
    i = lt;
    if (text.startsWith('<!--', i)) {
      const e = text.indexOf('-->', i + 4);
      if (e < 0) fail('commentaar niet afgesloten', i);
      i = e + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      const e = text.indexOf(']]>', i + 9);
      if (e < 0) fail('CDATA niet afgesloten', i);
      const top = stack[stack.length - 1];
      if (!top) fail('CDATA buiten het hoofdelement', i);
      top.el.text += text.slice(i + 9, e);
      i = e + 3;
    } else if (text.startsWith('<?', i)) {
      const e = text.indexOf('?>', i + 2);
      if (e < 0) fail('verwerkingsinstructie niet afgesloten', i);
      i = e + 2;
    } else if (text.startsWith('<!', i)) {
      // DOCTYPE/ENTITY are refused before parsing; anything else of this form is not FHIR either.
      throw new ProblemError(problem(INPUT_PATH, 'xml-doctype'));
    } else if (text.startsWith('</', i)) {
      NAME.lastIndex = i + 2;
      const m = NAME.exec(text);
      if (!m) fail('ongeldige eindtag', i);
      const gt = text.indexOf('>', NAME.lastIndex);
      if (gt < 0 || text.slice(NAME.lastIndex, gt).trim() !== '') fail('ongeldige eindtag', i);
      const top = stack.pop();
      if (!top || top.el.rawName !== m[0]) fail(`eindtag </${m[0]}> past niet`, i);
      top.el.end = gt + 1;
      i = gt + 1;
    } else {
      const start = i;
      NAME.lastIndex = i + 1;
      const m = NAME.exec(text);
      if (!m) fail('ongeldige starttag', i);
      const rawName = m[0];
      let j = NAME.lastIndex;
      const rawAttrs: [string, string][] = [];
      let selfClosing = false;
      for (;;) {
        while (j < n && /\s/.test(text[j]!)) j++;
        if (text[j] === '>') { j++; break; }
        if (text.startsWith('/>', j)) { selfClosing = true; j += 2; break; }
        NAME.lastIndex = j;
        const an = NAME.exec(text);
        if (!an || an.index !== j) fail('ongeldig attribuut', j);
        j = NAME.lastIndex;
        while (j < n && /\s/.test(text[j]!)) j++;
        if (text[j] !== '=') fail('attribuut zonder waarde', j);
        j++;
        while (j < n && /\s/.test(text[j]!)) j++;
        const q = text[j];
        if (q !== '"' && q !== "'") fail('attribuutwaarde zonder aanhalingstekens', j);
        const qe = text.indexOf(q, j + 1);
        if (qe < 0) fail('attribuutwaarde niet afgesloten', j);
        const raw = text.slice(j + 1, qe);
        if (raw.includes('<')) fail("'<' in attribuutwaarde", j);
        rawAttrs.push([an[0], decodeEntities(raw, j)]);
        j = qe + 1;
      }
      const parentNs = stack[stack.length - 1]?.nsMap ?? new Map<string, string>();
      let nsMap = parentNs;
      const attrs: Record<string, string> = {};
      let declaresNs = false;
      for (const [k, v] of rawAttrs) {
        if (k === 'xmlns' || k.startsWith('xmlns:')) {
          if (nsMap === parentNs) nsMap = new Map(parentNs);
          nsMap.set(k === 'xmlns' ? '' : k.slice(6), v);
          if (k === 'xmlns') declaresNs = true;
        } else {
          if (Object.hasOwn(attrs, k)) fail(`dubbel attribuut ${k}`, j);
          attrs[k] = v;
        }
      }
      const colon = rawName.indexOf(':');
      const prefix = colon < 0 ? '' : rawName.slice(0, colon);
      const ns = nsMap.get(prefix);
      if (ns === undefined && prefix !== '') fail(`onbekend namespace-voorvoegsel ${prefix}`, start);
      const el: XmlElement = {
        name: colon < 0 ? rawName : rawName.slice(colon + 1),
        rawName,
        ns: ns ?? '', attrs, children: [], text: '', start, end: j, declaresNs,
      };
      const parent = stack[stack.length - 1];
      if (parent) parent.el.children.push(el);
      else if (root) fail('meer dan één hoofdelement', start);
      else root = el;
      if (!selfClosing) {
        if (stack.length >= maxDepth) {
          throw new ProblemError(problem(INPUT_PATH, 'too-deep', { max: maxDepth }));
        }
        stack.push({ el, nsMap });
      }
      i = j;
    }
  }
  if (stack.length > 0) fail('document is afgebroken (niet alle elementen zijn gesloten)', n);
  if (!root) fail('geen hoofdelement', 0);
  return root;
}
