import { useCallback } from 'react';
import { errorMessage } from '../../../src-preload/contract/errors';
import { toErrorPayload } from '../api/client';
import { useAppStore } from '../app/store';

/** Turns any thrown error into the contract's own message in the current language. */
export function useErrorText(): (error: unknown) => string {
  const language = useAppStore((s) => s.language);
  return useCallback((error: unknown) => errorMessage(toErrorPayload(error), language), [language]);
}
