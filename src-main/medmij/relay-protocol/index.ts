/** The relay protocol shared by the relay server (relay/) and the desktop; see messages.ts. */
export * from './envelope';
export * from './messages';
