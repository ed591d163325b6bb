import { useEffect, useState } from 'react';
import type { PasswordAssessment } from '../../../src-preload/contract/api';
import { call } from '../api/client';
import { useAppStore } from '../app/store';

const DEBOUNCE_MS = 250;

export interface NewPasswordState {
  password: string;
  repeat: string;
  setPassword(value: string): void;
  setRepeat(value: string): void;
  /** Assessment of the current password, or null while empty or being assessed. */
  assessment: PasswordAssessment | null;
  pending: boolean;
  matches: boolean;
  ready: boolean;
  reset(): void;
}

/** A new password plus its repetition, with live (debounced) strength feedback from the core. */
export function useNewPassword(profileLabel?: string): NewPasswordState {
  const language = useAppStore((s) => s.language);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [result, setResult] = useState<{ key: string; assessment: PasswordAssessment } | null>(null);

  const key = JSON.stringify([password, language, profileLabel ?? '']);

  useEffect(() => {
    if (!password) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      call('profiles.assessPassword', { password, language, ...(profileLabel ? { label: profileLabel } : {}) })
        .then((assessment) => {
          if (!cancelled) setResult({ key, assessment });
        })
        .catch(() => undefined);
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [key, password, language, profileLabel]);

  const assessment = password && result?.key === key ? result.assessment : null;
  const pending = password.length > 0 && assessment === null;
  const matches = password.length > 0 && password === repeat;
  return {
    password,
    repeat,
    setPassword,
    setRepeat,
    assessment,
    pending,
    matches,
    ready: Boolean(assessment?.acceptable) && matches,
    reset() {
      setPassword('');
      setRepeat('');
    },
  };
}
