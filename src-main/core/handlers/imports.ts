/** Bulk import (see src-main/import/import-sessions.ts): the core's import sessions behind the API. */
import type { HandlerDeps, HandlersFor } from './types';

export function importsHandlers({ imports }: HandlerDeps): HandlersFor<'imports'> {
  return {
    'imports.begin': (request) => imports.begin(request),
    'imports.addPaths': (request) => imports.addPaths(request),
    'imports.pick': (request) => imports.pick(request),
    'imports.upload': (request) => imports.upload(request),
    'imports.finish': (request) => imports.finish(request),
    'imports.cancel': (request) => imports.cancel(request),
  };
}
