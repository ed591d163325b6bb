import { isObject } from '../types';
import { list, preserve, type R } from './helpers';

/** DocumentManifest: content[{pReference}] → content[Reference]; pAttachment has no R4 place and is kept as extension. */
export function documentManifest(r: R): R {
  if (r.content !== undefined) {
    const refs: unknown[] = [];
    for (const c of list(r.content)) {
      if (isObject(c) && c.pReference !== undefined) refs.push(c.pReference);
      else if (isObject(c) && c.pAttachment !== undefined) preserve(r, 'DocumentManifest.content.pAttachment', c.pAttachment);
    }
    r.content = refs;
  }
  return r;
}
