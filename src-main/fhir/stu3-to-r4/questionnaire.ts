import { isObject } from '../types';
import { list, rename, take, type R } from './helpers';

/**
 * Questionnaire items (recursively): enableWhen.hasAnswer → operator 'exists', answer[x] → operator '=';
 * option → answerOption; options → answerValueSet; initial[x] → initial[{value[x]}].
 */
export function questionnaire(r: R): R {
  r.item = convertItems(r.item);
  if (r.item === undefined) delete r.item;
  return r;
}

function convertItems(items: unknown): unknown {
  if (items === undefined) return undefined;
  return list(items).map((item) => {
    if (!isObject(item)) return item;
    if (item.enableWhen !== undefined) {
      item.enableWhen = list(item.enableWhen).map((ew) => {
        if (!isObject(ew)) return ew;
        const hasAnswer = take(ew, 'hasAnswer');
        if (typeof hasAnswer === 'boolean') return { ...ew, operator: 'exists', answerBoolean: hasAnswer };
        for (const k of Object.keys(ew)) if (k.startsWith('answer')) return { ...ew, operator: '=' };
        return ew;
      });
    }
    rename(item, 'option', 'answerOption');
    const options = take(item, 'options');
    if (isObject(options) && typeof options.reference === 'string') item.answerValueSet = options.reference;
    for (const k of Object.keys(item)) {
      if (k.startsWith('initial') && k !== 'initial') item.initial = [{ [`value${k.slice(7)}`]: take(item, k) }];
    }
    if (item.item !== undefined) item.item = convertItems(item.item);
    return item;
  });
}
