import type { Method, Request, Response } from '../../src-preload/contract/api';
import type { Core } from '../core/create-core';
import { CliCallError, type Output } from './output';

export interface CliContext {
  core: Core;
  out: Output;
  env: NodeJS.ProcessEnv;
  /** Whether a person is at a terminal to answer questions. */
  interactive: boolean;
}

/** Calls the same API handlers the app uses; an error answer becomes an exception the CLI reports. */
export async function call<M extends Method>(ctx: CliContext, method: M, request: Request<M>): Promise<Response<M>> {
  const result = await ctx.core.call(method, request);
  if (!result.ok) throw new CliCallError(result.error);
  return result.value;
}
