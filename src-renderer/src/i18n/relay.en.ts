import type { relayNl } from './relay.nl';

/** English texts for the relay (Care providers → Relay): same keys as relay.nl.ts. */
export const relayEn: typeof relayNl = {
  title: 'Relay for real care providers',
  intro:
    'Real care providers pass on data only through a recognised intermediary, a "relay". It is run by whoever offers Regie to you. If you were given the address of such a relay, enter it here.',
  privacy:
    'The relay sees your data only briefly, while it passes it on. It does not keep it or write it down, and sends it encrypted to Regie on this computer. Its operator can see which care provider you retrieve from.',
  none: 'No relay is set. For now you can only practise with the fictitious care providers.',
  current: 'Regie retrieves data from care providers through the relay {{relay}}.',
  currentName: 'At MedMij this relay is called {{hostname}}.',
  listsVia: 'The list of care providers comes through this relay too.',
  listsDirect: 'The list of care providers comes directly from MedMij.',
  fromCommand: 'This relay was chosen for this command only.',
  url: 'Address of the relay',
  urlHint: 'As you were given it, for example https://relay.example.nl',
  lists: 'Get the list of care providers through this relay (recommended)',
  save: 'Save relay',
  saving: 'Regie is checking that the relay can be reached…',
  saved: 'Saved. Regie now retrieves data through this relay.',
  clear: 'Use no relay',
  cleared: 'No relay is used any more.',
  urlMissing: 'Enter the address of the relay.',
  notice: 'Retrieving goes through the relay {{relay}}.',
  via: 'Through the relay {{relay}}.',
};
