/** Handlers of Metingen: measurements over a period, and correcting or deleting the person's own. */
import { correctMeasurement, deleteMeasurement, measurementDetail } from '../../records/own-measurements';
import type { HandlerDeps, HandlersFor } from './types';

export function measurementsHandlers({ recordStores, now }: HandlerDeps): HandlersFor<'measurements'> {
  return {
    'measurements.list': ({ profileId, ...query }) => recordStores.of(profileId).measurements(query),
    'measurements.get': ({ profileId, recordId }) => measurementDetail(recordStores.of(profileId), recordId),
    'measurements.correct': ({ profileId, recordId, ...change }) =>
      correctMeasurement(recordStores.of(profileId), recordId, change, new Date(now())),
    'measurements.delete': ({ profileId, recordId }) => {
      deleteMeasurement(recordStores.of(profileId), recordId);
      return {};
    },
  };
}
