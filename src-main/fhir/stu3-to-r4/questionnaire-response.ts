import { isObject } from '../types';
import { list, preserve, rename, take, type R } from './helpers';

/** QuestionnaireResponse: questionnaire Reference → canonical, parent → partOf, context → encounter, item.subject kept. */
export function questionnaireResponse(r: R): R {
  const q = take(r, 'questionnaire');
  if (isObject(q) && typeof q.reference === 'string') r.questionnaire = q.reference;
  else if (isObject(q)) preserve(r, 'QuestionnaireResponse.questionnaire', q);
  rename(r, 'parent', 'partOf');
  rename(r, 'context', 'encounter');
  const walk = (items: unknown) => {
    for (const item of list(items)) {
      if (!isObject(item)) continue;
      preserve(r, 'QuestionnaireResponse.item.subject', take(item, 'subject'));
      walk(item.item);
      for (const a of list(item.answer)) if (isObject(a)) walk(a.item);
    }
  };
  walk(r.item);
  return r;
}
