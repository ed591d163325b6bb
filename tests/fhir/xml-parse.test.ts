import { describe, expect, it } from 'vitest';
import { parseFhirInput } from '../../src-main/fhir/parse-input';
import { ProblemError } from '../../src-main/fhir/problems';
import { parseXml, type XmlElement } from '../../src-main/fhir/xml-parse';

const codeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof ProblemError) return e.problem.code;
    throw e;
  }
  return 'ok';
};

const all = (el: XmlElement): XmlElement[] => [el, ...el.children.flatMap(all)];

describe('parseXml offsets are JavaScript string indices of the source', () => {
  // Emoji (astral, 2 UTF-16 code units) in attribute values, text and comments; CDATA, comments and
  // processing instructions before and inside elements; CR LF, CR, tabs and newlines inside tags.
  const patient =
    '<Patient xmlns="http://hl7.org/fhir">' +
    '<!-- 😀 opmerking --><?pi 🎉 data?>' +
    '<id value="p1"/>' +
    '<name\r\n  ><use\rvalue="official"/><family value="de Vries 👩‍⚕️"/><given\tvalue="Jan 🇳🇱"\n/></name>' +
    '<text><status value="generated"/><div xmlns="http://www.w3.org/1999/xhtml">Hallo 😀 <![CDATA[<b>🎉</b>]]><!--x--><?y?> &amp; &#x1F600;</div></text>' +
    '</Patient>';
  const observation =
    '<Observation xmlns="http://hl7.org/fhir"><id value="o1"/><note><text value="📈 stijgend"/></note></Observation>';
  const doc =
    '\r\n  <?xml version="1.0" encoding="UTF-8"?>\n<!-- 🧪 voor de root --><?xml-stylesheet href="x.xsl"?>\n' +
    '<Bundle xmlns="http://hl7.org/fhir"><!--😀--><type value="collection"/>' +
    `<entry><resource>${patient}</resource></entry>` +
    `<entry><resource><![CDATA[ ]]>${observation}<!-- ✔️ --></resource></entry>` +
    '</Bundle>\n<!-- 🏁 -->\n';

  it('slices every element exactly as written', () => {
    const root = parseXml(doc, 64);
    for (const el of all(root)) {
      const src = doc.slice(el.start, el.end);
      expect(src.startsWith(`<${el.rawName}`), src).toBe(true);
      expect(src.endsWith('>'), src).toBe(true);
      // the end tag (or the self-closing start tag) ends the slice
      expect(src.endsWith(`</${el.rawName}>`) || /\/\s*>$/.test(src) && !src.includes(`</${el.rawName}>`), src).toBe(true);
    }
    const p = root.children[1]!.children[0]!.children[0]!;
    expect(p.name).toBe('Patient');
    expect(doc.slice(p.start, p.end)).toBe(patient);
    expect(p.start).toBe(doc.indexOf('<Patient'));
    const o = root.children[2]!.children[0]!.children[0]!;
    expect(doc.slice(o.start, o.end)).toBe(observation);
    const name = p.children.find((c) => c.name === 'name')!;
    expect(doc.slice(name.start, name.end)).toBe('<name\r\n  ><use\rvalue="official"/><family value="de Vries 👩‍⚕️"/><given\tvalue="Jan 🇳🇱"\n/></name>');
    expect(name.children.map((c) => c.attrs.value)).toEqual(['official', 'de Vries 👩‍⚕️', 'Jan 🇳🇱']);
    const div = p.children.find((c) => c.name === 'text')!.children[1]!;
    expect(doc.slice(div.start, div.end)).toMatch(/^<div xmlns="http:\/\/www.w3.org\/1999\/xhtml">Hallo 😀 .*<\/div>$/);
    expect(div.text).toBe('Hallo 😀 <b>🎉</b> & 😀');
    expect(doc.slice(root.start, root.end)).toBe(doc.slice(doc.indexOf('<Bundle'), doc.indexOf('</Bundle>') + 9));
  });

  it('gives each resource its original text through parseFhirInput', () => {
    const r = parseFhirInput(doc);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.format).toBe('xml');
    expect(r.resources.map((x) => x.originalText)).toEqual([patient, observation]);
    expect((r.resources[0]!.json.name as { family: string }[])[0]!.family).toBe('de Vries 👩‍⚕️');
  });

  it('handles astral characters in names and prefixes', () => {
    const xml = '<f:Patient xmlns:f="http://hl7.org/fhir"><f:𐀀𐀁 a="😀"/><f:gender value="x"/></f:Patient>';
    const root = parseXml(xml, 8);
    expect(root.children.map((c) => xml.slice(c.start, c.end))).toEqual(['<f:𐀀𐀁 a="😀"/>', '<f:gender value="x"/>']);
    expect(root.children[0]!.name).toBe('𐀀𐀁');
  });
});

describe('parseXml tree', () => {
  it('resolves namespaces and keeps declarations out of attrs', () => {
    const xml = '<f:Patient xmlns:f="http://hl7.org/fhir" id="1"><f:text><div xmlns="http://www.w3.org/1999/xhtml" xml:lang="nl"><p/></div></f:text></f:Patient>';
    const root = parseXml(xml, 8);
    expect(root).toMatchObject({ name: 'Patient', rawName: 'f:Patient', ns: 'http://hl7.org/fhir', declaresNs: false, start: 0, end: xml.length });
    expect({ ...root.attrs }).toEqual({ id: '1' });
    const div = root.children[0]!.children[0]!;
    expect(div).toMatchObject({ name: 'div', ns: 'http://www.w3.org/1999/xhtml', declaresNs: true });
    expect({ ...div.attrs }).toEqual({ 'xml:lang': 'nl' });
    expect(div.children[0]).toMatchObject({ name: 'p', ns: 'http://www.w3.org/1999/xhtml', declaresNs: false });
    expect(parseXml('<a><b/></a>', 8).children[0]!.ns).toBe('');
  });
});

describe('parseXml refusals', () => {
  it('resolves no entity beyond the predefined five and character references', () => {
    expect(parseXml('<a v="&lt;&gt;&amp;&quot;&apos;&#65;&#x42;">&lt;x&gt;</a>', 8).attrs.v).toBe('<>&"\'AB');
    for (const ent of ['&custom;', '&constructor;', '&__proto__;', '&toString;', '&#0;', '&#xD800;', '&;', '&amp']) {
      expect(codeOf(() => parseXml(`<a>${ent}</a>`, 8)), ent).toBe('xml-syntax');
      expect(codeOf(() => parseXml(`<a v="${ent}"/>`, 8)), ent).toBe('xml-syntax');
    }
    const e = (() => { try { parseXml('<a>x &custom; y</a>', 8); } catch (err) { return err as ProblemError; } })()!;
    expect(e.problem.message.en).toMatch(/undefined entity.*positie \d+/);
  });

  it('refuses DOCTYPE and ENTITY itself, even when the caller does not', () => {
    expect(codeOf(() => parseXml('<!DOCTYPE a [<!ENTITY e "boem">]><a>&e;</a>', 8))).toBe('xml-doctype');
    expect(codeOf(() => parseXml('<!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>', 8))).toBe('xml-doctype');
    expect(codeOf(() => parseXml('<a><!ENTITY e "boem"></a>', 8))).toBe('xml-doctype');
    expect(codeOf(() => parseXml('<a><!DOCTYPE a></a>', 8))).toBe('xml-doctype');
  });

  it('enforces the depth limit while reading', () => {
    const nest = (n: number, leaf: string) => '<a>'.repeat(n - 1) + leaf + '</a>'.repeat(n - 1);
    expect(codeOf(() => parseXml(nest(3, '<b/>'), 3))).toBe('ok');
    expect(codeOf(() => parseXml(nest(4, '<b/>'), 3))).toBe('too-deep');
    expect(codeOf(() => parseXml(nest(4, '<b></b>'), 3))).toBe('too-deep');
    // aborts at the first element that is too deep: the malformed rest is never read
    expect(codeOf(() => parseXml('<a><a><a><a>' + '<<<&bad;', 3))).toBe('too-deep');
    expect(codeOf(() => parseXml('<a>'.repeat(1_000_000), 64))).toBe('too-deep');
  });

  it('refuses malformed XML with a position', () => {
    for (const bad of [
      '<a><b></a></b>', '<a>', '<a></a><b/>', 'x<a/>', '<a/>x', '<p:a/>', '<a x="1" x="2"/>', '<a x=1/>', '<a x="<"/>',
      '<a>]]></a>', '<![CDATA[x]]><a/>', '<a></a >x', '<a><?xml version="1.0"?></a>', ' <a/><?xml version="1.0"?>', '<a\u0001/>', '<a>\u0000</a>', '',
    ]) {
      let caught: unknown;
      try {
        parseXml(bad, 8);
      } catch (e) {
        caught = e;
      }
      expect(caught, bad).toBeInstanceOf(ProblemError);
      const p = (caught as ProblemError).problem;
      expect(p.code, bad).toBe('xml-syntax');
      expect(p.message.nl, bad).toMatch(/positie \d+\)$/);
    }
  });
});
