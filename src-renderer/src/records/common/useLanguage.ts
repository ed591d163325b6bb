import type { Language } from '../../../../src-preload/contract/constants';
import { useAppStore } from '../../app/store';

export function useLanguage(): Language {
  return useAppStore((s) => s.language);
}
