/** Every API method's handler. Validation has already happened; handlers only orchestrate domains. */
import { foundationHandlers } from './foundation';
import { measurementsHandlers } from './measurements';
import { importsHandlers } from './imports';
import { medmijHandlers } from './medmij';
import { questionnairesHandlers } from './questionnaires';
import { recordsHandlers } from './records';
import { sharingHandlers } from './sharing';
import { syncHandlers } from './sync';
import type { HandlerDeps, Handlers } from './types';

export type { HandlerDeps, Handlers } from './types';

export function createHandlers(deps: HandlerDeps): Handlers {
  return { ...foundationHandlers(deps), ...recordsHandlers(deps), ...measurementsHandlers(deps), ...medmijHandlers(deps), ...questionnairesHandlers(deps), ...sharingHandlers(deps), ...syncHandlers(deps), ...importsHandlers(deps) };
}
