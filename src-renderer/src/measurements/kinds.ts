/**
 * What the Metingen screen needs per kind of measurement: its unit and limits (the core's, from the
 * contract, so form and core agree), and reading a number as a person types it. Which records are
 * measurements of which kind is the core's business (measurements.list).
 */
import { measurementLimits } from '../../../src-preload/contract/measurement-checks';
import { measurementKinds, type MeasurementKind } from '../../../src-preload/contract/record-sections';

export { checkMeasurement, type MeasurementFinding } from '../../../src-preload/contract/measurement-checks';
export { measurementKinds, measurementLimits, type MeasurementKind };

/**
 * A number as a person types it: "5,4", "5.4", " 82 ". Returns null for anything else (no thousands
 * separators: none of these measurements reaches a thousand).
 */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim().replace(/\s+/g, '');
  if (!/^\d{1,4}([.,]\d{1,3})?$/.test(trimmed)) return null;
  return Number(trimmed.replace(',', '.'));
}
