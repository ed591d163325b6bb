import type { ErrorCode, ErrorPayload } from '../../src-preload/contract/errors';

/** An expected failure with a code the UI and CLI can explain; anything else is reported as 'internal'. */
export class RegieError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params?: Record<string, string | number>,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'RegieError';
  }

  toPayload(): ErrorPayload {
    return { code: this.code, ...(this.params && { params: this.params }), ...(this.detail && { detail: this.detail }) };
  }
}

export function toErrorPayload(error: unknown): ErrorPayload {
  return error instanceof RegieError ? error.toPayload() : { code: 'internal' };
}
