import { useMedicationStore } from '../medication/store';
import { type Area, useSessionStore } from '../profiles/session';
import { useQuestionnairesStore } from '../questionnaires/store';
import { useRecordsNavigation } from '../records/navigation';
import { useSyncStore } from '../sync/store';

/** Shows a menu area from its start: what was opened on top of the previous one (a record, a search, a medicine) closes. */
export function showArea(area: Area): void {
  useSessionStore.getState().setArea(area);
  useRecordsNavigation.getState().reset();
  useSyncStore.getState().closeScreen();
  useMedicationStore.getState().close();
  useQuestionnairesStore.getState().close();
}
