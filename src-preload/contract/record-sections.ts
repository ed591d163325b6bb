/**
 * The sections of "Mijn gegevens", following the Basisgegevensset Zorg (BgZ). Zod-free: the
 * renderer imports these at run time for its navigation.
 */
export const bgzSections = [
  'personalia',
  'zorgverzekering',
  'wilsverklaringen',
  'functionele-status',
  'problemen',
  'leefstijl',
  'alerts',
  'allergieen',
  'medicatie-afspraken',
  'medicatie-gebruik',
  'medicatie-verstrekkingen',
  'hulpmiddelen',
  'vaccinaties',
  'vitale-functies',
  'lab',
  'verrichtingen',
  'contacten',
  'geplande-zorg',
  'documenten',
  'vragenlijsten',
  'overig',
] as const;

export type BgzSection = (typeof bgzSections)[number];

/** What a person can measure and enter themself; units: mmHg, kg, mmol/l, /min, °C. */
export const measurementKinds = ['blood-pressure', 'weight', 'glucose', 'heart-rate', 'temperature'] as const;
export type MeasurementKind = (typeof measurementKinds)[number];

/**
 * Why the person hid a record they received (records.hide): it is wrong, a second copy of something
 * already there, someone else's, or another reason (told in the note).
 */
export const hideReasons = ['incorrect', 'duplicate', 'not-mine', 'other'] as const;
export type HideReason = (typeof hideReasons)[number];
