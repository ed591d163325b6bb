/** Values of the contract that the renderer needs at run time. Kept free of zod so the UI bundle stays small. */
export const languages = ['nl', 'en'] as const;
export type Language = (typeof languages)[number];

/** The auto-lock delays (minutes) offered in Instellingen. */
export const autoLockChoices = [1, 2, 5, 10, 15, 30, 60] as const;
/** The longest auto-lock delay accepted anywhere (a shared computer is the case auto-lock exists for). */
export const autoLockMaxMinutes = 60;
