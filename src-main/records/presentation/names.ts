/**
 * The name of what a reference points to, for the presented fields: the sender's display, else the
 * record it resolves to within the record's own sources (reference-resolver.ts), else a contained
 * resource's name, else "onbekend" with the reason. Never `Type/id`.
 */
import type { Language } from '../../../src-preload/contract/constants';
import type { PresentedName } from '../../../src-preload/contract/records';
import type { FhirJson } from '../../fhir/types';
import type { Database } from '../../vault/database';
import { isMedicationRecordType } from '../medication-facts';
import { ReferenceResolver, targetName } from '../reference-resolver';
import { referencesIn } from '../references';
import { medicineNames } from '../summaries';
import { conceptName, humanNameText, obj, objs, str } from './values';

/** A reference's name, and the record it points to when that is in the profile. */
export type Named = PresentedName;

const unknownWords = {
  notSent: ['onbekend (niet meegestuurd)', 'unknown (not sent)'],
  onlyNumber: ['onbekend (alleen een nummer meegestuurd)', 'unknown (only a number was sent)'],
  noName: ['onbekend (zonder naam meegestuurd)', 'unknown (sent without a name)'],
} as const;

export class ReferenceNames {
  private readonly resolver: ReferenceResolver;
  /** Medication records that name their medicine only by reference, by that medicine. */
  private readonly medicines: Map<string, string>;

  constructor(
    db: Database,
    private readonly resource: FhirJson,
    private readonly sourceIds: readonly string[],
    private readonly language: Language,
  ) {
    this.resolver = new ReferenceResolver(db);
    const references = [...referencesIn(resource), ...attachmentUrlsOf(resource), ...canonicalsOf(resource)];
    for (const reference of references) this.resolver.want(reference, sourceIds);
    this.resolver.fetch();
    const medicationRecords = references
      .map((reference) => this.resolver.resolve(reference, sourceIds))
      .filter((target) => target !== null && isMedicationRecordType(target.resourceType))
      .map((target) => target!.recordId);
    this.medicines = medicineNames(db, medicationRecords);
  }

  /** A Reference element in words; null when it names nothing at all. */
  of(reference: unknown): Named | null {
    const ref = obj(reference);
    if (!ref) return null;
    const target = str(ref.reference);
    const display = str(ref.display);
    if (target?.startsWith('#')) return { text: display ?? this.containedName(target.slice(1)) ?? this.unknown('noName'), recordId: null };
    const resolved = target ? this.resolver.resolve(target, this.sourceIds) : null;
    if (display) return { text: display, recordId: resolved?.recordId ?? null };
    if (resolved) return { text: this.medicines.get(resolved.recordId) ?? targetName(resolved), recordId: resolved.recordId };
    if (target) return { text: this.unknown('notSent'), recordId: null };
    if (obj(ref.identifier)) return { text: this.unknown('onlyNumber'), recordId: null };
    return null;
  }

  /** A canonical URL or plain reference string (QuestionnaireResponse.questionnaire, attachment.url). */
  ofUrl(url: unknown): Named | null {
    const reference = str(url);
    if (!reference) return null;
    const resolved = this.resolver.resolve(reference, this.sourceIds);
    return resolved ? { text: targetName(resolved), recordId: resolved.recordId } : { text: this.unknown('notSent'), recordId: null };
  }

  private containedName(id: string): string | null {
    const contained = objs(this.resource.contained).find((c) => c.id === id);
    if (!contained) return null;
    return humanNameText(contained.name) ?? str(contained.name) ?? conceptName(contained.code, this.language);
  }

  private unknown(reason: keyof typeof unknownWords): string {
    return unknownWords[reason][this.language === 'en' ? 1 : 0];
  }
}

/** DocumentReference/Media attachments that point at a Binary instead of carrying the data. */
export function attachmentUrlsOf(resource: FhirJson): string[] {
  return objs(resource.content)
    .map((c) => str(obj(c.attachment)?.url))
    .filter((url): url is string => url !== null && !url.startsWith('#'));
}

function canonicalsOf(resource: FhirJson): string[] {
  const questionnaire = str(resource.questionnaire);
  return questionnaire ? [questionnaire] : [];
}
