/**
 * The pluggable part of sending: per MedMij sending data service, a builder turns what the person
 * chose (a variant of the contract's SendSelection) into the one request that goes to the provider
 * and the plain-words list of what is in it. The SendManager does everything else the same way for
 * every service: preview, "Versturen", login, the request, reading the answer, the Verstuurd log.
 *
 * A builder must not contact anyone and must not store anything: it reads the record and returns.
 */
import type { SendItem, SendSelection } from '../../../src-preload/contract/sharing';
import type { FhirJson, FhirVersion } from '../../fhir/types';
import type { RecordStore } from '../../records/record-store';

/** Who the data is about, as the profile knows them (person.identity); any part may be unknown. */
export interface SendPerson {
  name: string | null;
  /** YYYY-MM-DD */
  birthDate: string | null;
}

export interface SendContext {
  store: RecordStore;
  fhirVersion: FhirVersion;
  now: Date;
  person: SendPerson;
  provider: { id: string; name: string };
  service: { id: string; name: string };
  /** The service's FHIR base at the provider (where requests go); e.g. for the fullUrl of a resource a PUT updates. */
  serviceBase: string;
  /** A fresh `urn:uuid:…` for a new entry's fullUrl. */
  newFullUrl(): string;
}

/**
 * The one request a send makes, relative to the service's FHIR base:
 * - a batch or transaction Bundle POSTed at the base (path ''), as MedMij's sending scenarios do;
 * - or one resource written at `path` (e.g. PUT Task/123), for services that update a resource.
 */
export interface SendRequest {
  method: 'POST' | 'PUT';
  /** '' for the base; otherwise `Type` or `Type/id`. Never with a query string. */
  path: string;
  body: FhirJson;
}

/** One item of the preview and where it sits in the request (its Bundle entry's fullUrl). */
export interface BuiltItem extends SendItem {
  /** The entry's fullUrl (Bundle sends), so the provider's answer per entry maps back to it. */
  fullUrl: string | null;
}

export interface BuiltSend {
  /**
   * Requests a scenario prescribes before the main one, sent in order with the same token (e.g.
   * Vragenlijsten: PUT the Task with status "accepted"). The first one the provider does not take
   * (no 2xx, or no answer) ends the send as its answer; `request` is then not sent.
   */
  before?: SendRequest[];
  request: SendRequest;
  items: BuiltItem[];
}

export interface SendBuilder<K extends SendSelection['kind'] = SendSelection['kind']> {
  /** GegevensdienstId, e.g. "53". */
  serviceId: string;
  /** The selection kind this service takes. */
  selection: K;
  /** FHIR versions the builder can write; the provider's system role decides which is used. */
  fhirVersions: readonly FhirVersion[];
  /** Throws RegieError('send-invalid', { reason }) for a selection that cannot be sent. */
  build(context: SendContext, selection: Extract<SendSelection, { kind: K }>): BuiltSend;
}
