/**
 * What Regie suggests fetching from a provider, so a person does not face a row of unticked boxes:
 * the services most people want are ticked beforehand, each with one line saying why. When a
 * provider offers two versions of the same data (Medicatie and Medicatie (nieuwe versie)), only the
 * newest is suggested and the older one says it holds the same data in the older format — fetching
 * both means logging in twice for nothing new.
 */
import type { ProviderService } from '../../../src-preload/contract/medmij';
import { MEDMIJ_SERVICES, serviceInfoById } from './services';

/** A service as a provider offers it: its GegevensdienstId and the name shown for it. */
export interface OfferedService {
  id: string;
  name: string;
}

export function adviseServices(offered: readonly OfferedService[]): ProviderService[] {
  const newestOf = newestPerFamily(offered);
  return offered.map((service) => {
    const info = serviceInfoById(service.id);
    const newest = info?.family ? newestOf.get(info.family) : undefined;
    const superseded = newest !== undefined && newest.id !== service.id;
    const recommended = Boolean(info?.recommended) && !superseded;
    return {
      id: service.id,
      name: service.name,
      description: info?.description ?? null,
      recommended,
      advice: superseded ? olderVersionNote(newest.name) : recommended ? info!.recommended! : null,
    };
  });
}

/** Per family, the offered service that comes last in the catalogue (the newest version). */
function newestPerFamily(offered: readonly OfferedService[]): Map<string, OfferedService> {
  const rank = (id: string) => MEDMIJ_SERVICES.findIndex((s) => s.id === id);
  const newest = new Map<string, OfferedService>();
  for (const service of offered) {
    const family = serviceInfoById(service.id)?.family;
    if (!family) continue;
    const current = newest.get(family);
    if (!current || rank(service.id) > rank(current.id)) newest.set(family, service);
  }
  return newest;
}

function olderVersionNote(newerName: string): { nl: string; en: string } {
  return {
    nl: `Dezelfde gegevens als "${newerName}", in de oudere vorm. U hoeft ze niet allebei op te halen.`,
    en: `The same data as "${newerName}", in the older format. You do not need to fetch both.`,
  };
}
