/**
 * The sending data services Regie knows, by GegevensdienstId. A new kind of send (the answers to a
 * questionnaire, service 60) adds its builder here and its selection variant to the contract's
 * sendSelectionSchema (src-preload/contract/sharing.ts).
 */
import type { SendBuilder } from '../send-types';
import { allergiesBuilder } from './allergies';
import { documentBuilder } from './document';
import { measurementsBuilder } from './measurements';
import { photoBuilder } from './photo';
import { questionnaireBuilder } from './questionnaire';

const builders = new Map<string, SendBuilder>();

/** Adds (or replaces) the builder of a sending service. */
export function registerSendBuilder<K extends SendBuilder['selection']>(builder: SendBuilder<K>): void {
  builders.set(builder.serviceId, builder as unknown as SendBuilder);
}

export function sendBuilderFor(serviceId: string): SendBuilder | undefined {
  return builders.get(serviceId);
}

registerSendBuilder(measurementsBuilder);
registerSendBuilder(photoBuilder);
registerSendBuilder(documentBuilder);
registerSendBuilder(allergiesBuilder);
registerSendBuilder(questionnaireBuilder);
