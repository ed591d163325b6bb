/**
 * Back and forward (the browser's buttons, a mouse's side buttons, Alt+←) move between the places
 * the person visited in the open profile: a menu area, a search, a record. Each place is one entry in
 * the window's history, but that entry holds only two numbers: the places themselves (search words,
 * record ids) stay in this module's memory, so nothing of the health record reaches the browser's
 * session history on disk, and a lock (new epoch) forgets them all.
 */
import { useSessionStore, type Area } from '../profiles/session';
import { type RecordsView, useRecordsNavigation } from '../records/navigation';
import { showArea } from './show-area';

interface Place {
  area: Area;
  stack: RecordsView[];
}
interface EntryState {
  regiePlace: { epoch: number; index: number };
}

let places: Place[] = [];
let index = 0;
let epoch = -1;
let following = false;
let scheduled = false;

function here(): Place {
  return { area: useSessionStore.getState().area, stack: useRecordsNavigation.getState().stack };
}

function samePlace(a: Place | undefined, b: Place): boolean {
  return a !== undefined && a.area === b.area && JSON.stringify(a.stack) === JSON.stringify(b.stack);
}

function entry(at: number): EntryState {
  return { regiePlace: { epoch, index: at } };
}

/** After a change (one click may change the area and the stack): a new entry, or a step back. */
function record(): void {
  scheduled = false;
  if (!following || useSessionStore.getState().epoch !== epoch) return;
  const place = here();
  if (samePlace(places[index], place)) return;
  if (index > 0 && samePlace(places[index - 1], place)) {
    // "Terug" in the app went where the browser's back button goes: keep one history, not two.
    index -= 1;
    history.back();
    return;
  }
  places = [...places.slice(0, index + 1), place];
  index = places.length - 1;
  history.pushState(entry(index), '');
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(record);
}

function onPopState(event: PopStateEvent): void {
  const state = (event.state as Partial<EntryState> | null)?.regiePlace;
  if (!following) return;
  // An entry of an earlier session (before a lock) means nothing any more.
  if (!state || state.epoch !== epoch) return;
  const place = places[state.index];
  if (!place) return;
  index = state.index;
  if (samePlace(here(), place)) return;
  if (place.area !== useSessionStore.getState().area) showArea(place.area);
  useRecordsNavigation.getState().restore(place.stack);
}

/** Starts following navigation for the open profile; returns the function that stops it. */
export function followHistory(): () => void {
  epoch = useSessionStore.getState().epoch;
  places = [here()];
  index = 0;
  following = true;
  history.replaceState(entry(0), '');
  const stopArea = useSessionStore.subscribe((state, previous) => {
    if (state.area !== previous.area) schedule();
  });
  const stopStack = useRecordsNavigation.subscribe((state, previous) => {
    if (state.stack !== previous.stack) schedule();
  });
  window.addEventListener('popstate', onPopState);
  return () => {
    stopArea();
    stopStack();
    window.removeEventListener('popstate', onPopState);
    following = false;
    places = [];
    index = 0;
  };
}
