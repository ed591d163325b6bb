import type { hiddenNl } from './hidden.nl';

/** English texts for hiding received records. */
export const hiddenEn: typeof hiddenNl = {
  reasons: { incorrect: 'Incorrect', duplicate: 'Duplicate', 'not-mine': 'Not mine', other: 'Other' },
  panelTitle: 'Is this record wrong?',
  panelText:
    'Is this record incorrect, is it there twice, or is it about someone else? Then you can hide it. Nothing is deleted: your care provider still has it, and you can always show it again in My records, under ‘Hidden records’.',
  start: 'Hide this record',
  reasonLegend: 'Why are you hiding this record?',
  note: 'Explanation (optional)',
  noteHint: 'For example: already there from the GP.',
  confirm: 'Hide',
  cancel: 'Cancel',
  chooseReason: 'Choose why you are hiding this record.',
  failed: 'The record was not hidden. {{reason}}',
  noticeTitle: 'This record is hidden',
  noticeText:
    'You hid it on {{date}}. Reason: {{reason}}. It no longer appears in Overview, the lists, Search, Measurements, Medication and the Timeline.',
  noticeNote: 'Your explanation: {{note}}',
  show: 'Show again',
  showLabel: 'Show again: {{title}}',
  shown: 'The record is visible again.',
  showFailed: 'The record was not made visible again. {{reason}}',
  listTitle: 'Hidden records',
  listIntro: 'Records you have hidden. They appear nowhere else, but they have not been deleted.',
  listShow_one: 'Show the hidden record ({{count}})',
  listShow_other: 'Show the hidden records ({{count}})',
  listHide: 'Hide this list',
  listReason: 'Reason: {{reason}}',
  listHiddenOn: 'hidden on {{date}}',
  loadFailed: 'The hidden records could not be loaded.',
  ownTitle: 'Is this measurement wrong?',
  ownText: 'You entered this measurement yourself. In Measurements you can change or delete it; what it said before stays visible there.',
  ownGo: 'Go to Measurements',
};
