/**
 * The sample lists in resources/medmij/ that point at the local provider simulator, and a helper
 * that parses them all for a given simulator origin (used by tests and by the simulator itself).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseProviderDisplayFile, type ProviderDisplayFile } from './directory';
import { validateProviderListAgainst } from './cross-validate';
import { parseMedmijList } from './parse';
import { formatProblems } from './problems';
import type { MedmijListByKind, MedmijListKind } from './types';

/** resources/medmij/ in the source tree (override with `dir` when the app is packaged elsewhere). */
export const DEFAULT_SAMPLE_DIR = fileURLToPath(new URL('../../../resources/medmij/', import.meta.url));

export const SAMPLE_FILES: Record<MedmijListKind | 'weergave', string> = {
  zorgaanbiederslijst: 'zorgaanbiederslijst.xml',
  gegevensdienstnamenlijst: 'gegevensdienstnamenlijst.xml',
  oauthclientlist: 'oauthclientlist.xml',
  whitelist: 'whitelist.xml',
  weergave: 'zorgaanbieders-weergave.json',
};

/** Regie's OAuth client_id in the sample OAuth client list (a deliberately non-resolving name). */
export const REGIE_SAMPLE_CLIENT_ID = 'regie.invalid';

export function sampleListPath(kind: MedmijListKind | 'weergave', dir = DEFAULT_SAMPLE_DIR): string {
  return join(dir, SAMPLE_FILES[kind]);
}

export type SampleLists = MedmijListByKind & { weergave: ProviderDisplayFile };

/** Parses and cross-checks all sample lists for `simulatorOrigin` (`http://127.0.0.1:<port>`); throws when any is invalid. */
export function loadSampleLists(simulatorOrigin: string, dir = DEFAULT_SAMPLE_DIR): SampleLists {
  const opts = { simulatorOrigin, allowLoopback: true };
  const one = <K extends MedmijListKind>(kind: K): MedmijListByKind[K] => {
    const r = parseMedmijList(kind, readFileSync(sampleListPath(kind, dir), 'utf8'), opts);
    if (!r.ok) throw new Error(`sample ${kind} invalid:\n${formatProblems(r.problems, 'en')}`);
    return r.list;
  };
  const lists = {
    zorgaanbiederslijst: one('zorgaanbiederslijst'),
    gegevensdienstnamenlijst: one('gegevensdienstnamenlijst'),
    oauthclientlist: one('oauthclientlist'),
    whitelist: one('whitelist'),
  };
  const cross = validateProviderListAgainst(lists.zorgaanbiederslijst, { whitelist: lists.whitelist, serviceNames: lists.gegevensdienstnamenlijst });
  if (cross.length > 0) throw new Error(`sample lists inconsistent:\n${formatProblems(cross, 'en')}`);
  const weergave = parseProviderDisplayFile(JSON.parse(readFileSync(sampleListPath('weergave', dir), 'utf8')));
  if (!weergave.ok) throw new Error(`sample weergave invalid: ${weergave.message}`);
  return { ...lists, weergave: weergave.value };
}
