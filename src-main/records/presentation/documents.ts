/**
 * Presenters of documents: a letter (DocumentReference), its list (DocumentManifest), its structured
 * text (Composition) and its file (Binary, never its base64), and narratives as plain text.
 */
import type { Language } from '../../../src-preload/contract/constants';
import type { PresentedField, PresentedGroup } from '../../../src-preload/contract/records';
import type { FhirJson } from '../../fhir/types';
import { Builder, concept, concepts, type Ctx, date, fieldOf, multiline, period, type Presenter, status } from './builder';
import type { Named } from './names';
import { arr, contentTypeText, joined, obj, objs, str } from './values';

/** A category that only repeats the type (as letters often do) says nothing new. */
const categoryBesidesType = (ctx: Ctx, r: FhirJson): string | null => {
  const type = concept(ctx, r.type);
  const codesOf = (c: unknown) => objs(obj(c)?.coding).map((x) => `${str(x.system)}|${str(x.code)}`);
  const typeCodes = new Set(codesOf(r.type));
  const others = arr(r.category).filter((c) => !codesOf(c).some((code) => typeCodes.has(code)));
  const text = concepts(ctx, others);
  return text && text !== type ? text : null;
};

export const documentReference: Presenter = (r, ctx) => {
  const attachments = objs(r.content).map((c) => obj(c.attachment) ?? {});
  return new Builder(ctx)
    .add('documentTitle', str(r.description) ?? str(attachments[0]?.title))
    .add('documentType', concept(ctx, r.type))
    .add('category', categoryBesidesType(ctx, r))
    .add('date', date(ctx, r.date) ?? date(ctx, r.indexed) ?? date(ctx, attachments[0]?.creation))
    .ref('author', r.author)
    .ref('custodian', r.custodian)
    .add('period', period(ctx, obj(r.context)?.period))
    .add('fileType', joined(attachments.map((a) => contentTypeText(a.contentType, ctx.language)), ', '))
    .add('status', status(ctx, r.docStatus) ?? status(ctx, r.status))
    .done();
};

export const documentManifest: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('description', str(r.description))
    .add('documentType', concept(ctx, r.type))
    .add('date', date(ctx, r.created))
    .ref('author', r.author)
    .ref('documents', r.content)
    .add('status', status(ctx, r.status))
    .done();

export const composition: Presenter = (r, ctx) =>
  new Builder(ctx)
    .add('documentTitle', str(r.title))
    .add('documentType', concept(ctx, r.type))
    .add('category', categoryBesidesType(ctx, r))
    .add('date', date(ctx, r.date))
    .ref('author', r.author)
    .add('attester', objs(r.attester).map((a) => ctx.names.of(a.party)).filter((n): n is Named => n !== null))
    .ref('custodian', r.custodian)
    .ref('encounter', r.encounter)
    .add('status', status(ctx, r.status))
    .group('sections', sectionItems(ctx, r.section, 0))
    .done();

function sectionItems(ctx: Ctx, sections: unknown, depth: number): PresentedGroup['items'] {
  if (depth > 4) return [];
  return objs(sections).flatMap((section) => [
    {
      title: str(section.title) ?? concept(ctx, section.code),
      fields: [fieldOf('text', narrativeOf(section), multiline), fieldOf('results', section.entry ? arr(section.entry).map((e) => ctx.names.of(e)).filter((n): n is Named => n !== null) : null)].filter(
        (f): f is PresentedField => f !== null,
      ),
    },
    ...sectionItems(ctx, section.section, depth + 1),
  ]);
}

export const binary: Presenter = (r, ctx) => {
  const data = str(r.data);
  return new Builder(ctx)
    .add('fileType', contentTypeText(r.contentType, ctx.language))
    .add('size', data ? sizeText(Math.floor((data.replace(/=+$/, '').length * 3) / 4), ctx.language) : null)
    .ref('partOf', r.securityContext)
    .done();
};

function sizeText(bytes: number, language: Language): string {
  const kb = bytes / 1024;
  const format = (n: number) => new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 }).format(n);
  if (kb < 1) return `${bytes} B`;
  return kb < 1024 ? `${format(kb)} kB` : `${format(kb / 1024)} MB`;
}

/** The narrative (Narrative.div, XHTML) as plain text: tags dropped, entities decoded, never HTML. */
export function narrativeOf(element: FhirJson): string | null {
  const div = str(obj(element.text)?.div);
  if (!div) return null;
  const text = div
    .replace(/<(br|\/p|\/div|\/li|\/tr|\/h\d)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => decodeEntity(name) ?? entity)
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
  return text || null;
}

const namedEntities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntity(name: string): string | null {
  if (!name.startsWith('#')) return namedEntities[name.toLowerCase()] ?? null;
  const point = /^#x/i.test(name) ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : null;
}

