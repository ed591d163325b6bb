/**
 * `regie relay`: the relay this computer fetches through (Zorgaanbieders → Relay in the app).
 *   regie relay                          which relay is in use
 *   regie relay set URL [--lists direct] choose one (checked first); MedMij's lists through it unless --lists direct
 *   regie relay clear                    no relay: only the practice providers answer
 * No profile is needed: it is a setting of this computer, not of a person.
 */
import type { RelayState } from '../../../src-preload/contract/medmij';
import { call, type CliContext } from '../context';
import { CliUsageError } from '../output';

export async function relayCommand(ctx: CliContext, sub: string | undefined, url: string | undefined, lists: string | undefined): Promise<void> {
  if (lists !== undefined && lists !== 'relay' && lists !== 'direct') throw new CliUsageError("--lists is 'relay' or 'direct'");
  let state: RelayState;
  switch (sub) {
    case undefined:
    case 'show':
      state = await call(ctx, 'medmij.getRelay', {});
      break;
    case 'set':
      if (!url) throw new CliUsageError('relay set needs the relay address, e.g. regie relay set https://relay.example.nl');
      state = await call(ctx, 'medmij.setRelay', { relay: { url, listsViaRelay: lists !== 'direct' } });
      break;
    case 'clear':
      state = await call(ctx, 'medmij.setRelay', { relay: null });
      break;
    default:
      throw new CliUsageError(`unknown relay command '${sub}' (show, set URL, clear)`);
  }
  ctx.out.result(state, describeRelay(state, ctx.out.language));
}

export function describeRelay(state: RelayState, language: 'nl' | 'en'): string {
  const relay = state.relay;
  if (!relay) {
    return language === 'nl'
      ? 'Geen relay: Regie haalt rechtstreeks op (alleen de oefenzorgaanbieders antwoorden dan).'
      : 'No relay: Regie retrieves directly (only the practice care providers answer then).';
  }
  const name = relay.hostname && relay.hostname !== relay.label ? ` (${relay.hostname})` : '';
  const lists =
    language === 'nl'
      ? relay.listsViaRelay ? 'de lijsten van MedMij komen via de relay' : 'de lijsten van MedMij komen rechtstreeks'
      : relay.listsViaRelay ? "MedMij's lists come through the relay" : "MedMij's lists come directly";
  return language === 'nl' ? `Relay: ${relay.url}${name}; ${lists}.` : `Relay: ${relay.url}${name}; ${lists}.`;
}
