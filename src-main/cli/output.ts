import type { Language } from '../../src-preload/contract/api';
import { errorMessage, type ErrorPayload } from '../../src-preload/contract/errors';
import { RegieError } from '../core/errors';

/** A mistake in how the CLI was called: exit code 2 and the usage hint. */
export class CliUsageError extends Error {}

/** A command that printed its result but did not do all it was asked (exit code 1, one line why). */
export class CliReported extends Error {}

export interface Output {
  json: boolean;
  language: Language;
  /** Prints a result: JSON as given, or the human text. */
  result(value: unknown, text: string): void;
  /** One line on stderr explaining why the command failed. */
  failure(error: unknown): number;
}

export function cliLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  const wanted = env.REGIE_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return wanted.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

export function createOutput(json: boolean, language: Language): Output {
  return {
    json,
    language,
    result(value, text) {
      process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
    },
    failure(error) {
      if (error instanceof CliReported) {
        // The result is already on stdout (JSON too): only the one line why the exit code is 1.
        process.stderr.write(`regie: ${error.message}\n`);
        return 1;
      }
      if (error instanceof CliUsageError) {
        process.stderr.write(`regie: ${error.message}\n${language === 'nl' ? 'Zie' : 'See'} 'regie --help'.\n`);
        return 2;
      }
      const payload: ErrorPayload =
        error instanceof CliCallError ? error.payload : error instanceof RegieError ? error.toPayload() : { code: 'internal' };
      const line = errorMessage(payload, language) + (payload.detail ? ` (${payload.detail})` : '');
      if (json) process.stdout.write(`${JSON.stringify({ error: { ...payload, message: line } })}\n`);
      process.stderr.write(`regie: ${line}\n`);
      return 1;
    },
  };
}

/** A core call that answered with an error, carried up to the one place that prints it. */
export class CliCallError extends Error {
  constructor(readonly payload: ErrorPayload) {
    super(payload.code);
  }
}
