/**
 * Typed helper over the RegieApi: resolves with the response value or throws an ApiError,
 * so components can use plain async/await.
 */
import type { EventMessage, Method, RegieApi, Request, Response } from '../../../src-preload/contract/api';
import type { ErrorPayload } from '../../../src-preload/contract/errors';

export class ApiError extends Error {
  constructor(readonly payload: ErrorPayload) {
    super(payload.code);
    this.name = 'ApiError';
  }
}

let transport: RegieApi | null = null;

export function setTransport(api: RegieApi): void {
  transport = api;
}

export async function call<M extends Method>(method: M, request: Request<M>): Promise<Response<M>> {
  if (!transport) throw new ApiError({ code: 'internal' });
  let result;
  try {
    result = await transport.call(method, request);
  } catch {
    throw new ApiError({ code: 'internal' });
  }
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export function onEvent(listener: (message: EventMessage) => void): () => void {
  return transport ? transport.onEvent(listener) : () => undefined;
}

export function toErrorPayload(error: unknown): ErrorPayload {
  return error instanceof ApiError ? error.payload : { code: 'internal' };
}
