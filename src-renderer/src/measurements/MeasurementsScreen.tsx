/**
 * Metingen: add an own measurement, and per kind the latest value, a chart of its course over the
 * chosen period and the same points as a table. Care providers' values and own entries are shown
 * together; own entries are marked "zelf ingevoerd" and can be changed (their earlier values stay as
 * history) or deleted from the table.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeasurementPoint } from '../../../src-preload/contract/measurements';
import { StatusMessage } from '../components/Alert';
import { ScreenHeading } from '../components/ScreenHeading';
import { useErrorText } from '../components/useErrorText';
import { formatDate, formatNumber } from '../records/common/format';
import { useLanguage } from '../records/common/useLanguage';
import { useRecordsData } from '../records/data-store';
import { useRecordsNavigation } from '../records/navigation';
import { AddMeasurementForm } from './AddMeasurementForm';
import { EditMeasurement } from './EditMeasurement';
import { type MeasurementKind, measurementKinds, measurementLimits } from './kinds';
import { type ChartSeries, LineChart } from './LineChart';
import { PeriodChoice } from './PeriodChoice';
import { useMeasurementsStore } from './store';
import './measurements.css';

const colors = { primary: '#0f5c6e', secondary: '#a4470b' };

export function MeasurementsScreen() {
  const { t } = useTranslation();
  const points = useMeasurementsStore((s) => s.points);
  const state = useMeasurementsStore((s) => s.state);
  const truncated = useMeasurementsStore((s) => s.truncated);
  const earlier = useMeasurementsStore((s) => s.earlier);
  const period = useMeasurementsStore((s) => s.period);
  const loadedVersion = useMeasurementsStore((s) => s.loadedVersion);
  const load = useMeasurementsStore((s) => s.load);
  const version = useRecordsData((s) => s.version);

  // Load on first view and after something else changed the record (an import, sync).
  useEffect(() => {
    if (loadedVersion !== version) void load();
  }, [load, loadedVersion, version]);

  const [editing, setEditing] = useState<{ id: string; kind: MeasurementKind } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const withData = measurementKinds.filter((kind) => points[kind].length > 0);
  // Nothing measured at all (not just nothing in the chosen period).
  const noneAtAll = state === 'ready' && withData.length === 0 && earlier === 0 && period.kind !== 'custom';

  function closeEditor() {
    const kind = editing?.kind;
    setEditing(null);
    // Back to where the person came from: the kind's section.
    if (kind) requestAnimationFrame(() => document.getElementById(headingId(kind))?.focus());
  }

  return (
    <section>
      <ScreenHeading>{t('shell.areas.measurements')}</ScreenHeading>
      <p className="lead">{t('measurements.intro')}</p>
      {editing ? <EditMeasurement key={editing.id} id={editing.id} onClose={closeEditor} /> : <AddMeasurementForm />}
      {state === 'error' && <p className="alert alert-error">{t('measurements.loadFailed')}</p>}
      {state === 'loading' && withData.length === 0 && <p role="status">{t('common.loading')}</p>}
      {noneAtAll && (
        <div className="empty-state">
          <span className="empty-icon empty-icon-measurements" aria-hidden="true" />
          <h2>{t('measurements.emptyTitle')}</h2>
          <p>{t('measurements.emptyText')}</p>
        </div>
      )}
      {!noneAtAll && state !== 'idle' && <PeriodChoice />}
      <StatusMessage message={notice} tone="success" />
      {state === 'ready' && withData.length === 0 && !noneAtAll && <p>{t('measurements.period.empty')}</p>}
      {truncated && <p className="alert alert-info">{t('measurements.truncated')}</p>}
      {withData.map((kind) => (
        <KindSection
          key={kind}
          kind={kind}
          points={points[kind]}
          onEdit={(id) => {
            setNotice(null);
            setEditing({ id, kind });
          }}
          onDeleted={setNotice}
        />
      ))}
    </section>
  );
}

const headingId = (kind: MeasurementKind) => `measurements-${kind}-heading`;

function KindSection({
  kind,
  points,
  onEdit,
  onDeleted,
}: {
  kind: MeasurementKind;
  points: MeasurementPoint[];
  onEdit(id: string): void;
  /** With the words to say that it is gone. */
  onDeleted(message: string): void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const errorText = useErrorText();
  const openDetail = useRecordsNavigation((s) => s.openDetail);
  const remove = useMeasurementsStore((s) => s.remove);
  const [showTable, setShowTable] = useState(false);
  const [removing, setRemoving] = useState<MeasurementPoint | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const removeHeading = useRef<HTMLHeadingElement>(null);
  const id = headingId(kind).replace(/-heading$/, '');
  const name = t(`measurements.kinds.${kind}`);
  const info = measurementLimits[kind];
  const isBp = kind === 'blood-pressure';
  const hasOwn = points.some((p) => p.own);

  useEffect(() => {
    if (removing) removeHeading.current?.focus();
  }, [removing]);

  async function confirmRemove(point: MeasurementPoint) {
    setRemoveError(null);
    try {
      await remove(point.id);
      setRemoving(null);
      onDeleted(t('measurements.remove.done', { date: formatDate(point.date, language) }));
      document.getElementById(headingId(kind))?.focus();
    } catch (error) {
      setRemoveError(t('measurements.remove.failed', { reason: errorText(error) }));
    }
  }
  const latest = points[points.length - 1]!;
  const num = (n: number) => formatNumber(n, language);
  const show = (p: MeasurementPoint) => (isBp ? `${num(p.value)}/${num(p.value2 ?? 0)} ${info.unit}` : `${num(p.value)} ${info.unit}`);

  const series: ChartSeries[] = isBp
    ? [
        { name: t('measurements.series.systolic'), color: colors.primary, points: points.map((p) => ({ time: Date.parse(p.date), value: p.value, own: p.own })) },
        {
          name: t('measurements.series.diastolic'),
          color: colors.secondary,
          dashed: true,
          points: points.flatMap((p) => (p.value2 === undefined ? [] : [{ time: Date.parse(p.date), value: p.value2, own: p.own }])),
        },
      ]
    : [{ name, color: colors.primary, points: points.map((p) => ({ time: Date.parse(p.date), value: p.value, own: p.own })) }];

  const values = points.map((p) => p.value);
  const minPoint = points.find((p) => p.value === Math.min(...values))!;
  const maxPoint = points.find((p) => p.value === Math.max(...values))!;
  const description = t('measurements.chartDescription', {
    count: points.length,
    from: formatDate(points[0]!.date, language),
    to: formatDate(latest.date, language),
    latest: show(latest),
    min: show(minPoint),
    max: show(maxPoint),
  });

  return (
    <section className="panel measurement-kind" aria-labelledby={`${id}-heading`} data-testid={`measurements-${kind}`}>
      <h2 id={`${id}-heading`} tabIndex={-1}>
        {name}
      </h2>
      <p className="measurement-latest" data-testid="measurement-latest">
        <span className="measurement-latest-label">{t('measurements.latest')}: </span>
        <strong>{show(latest)}</strong> {t('measurements.latestOn', { date: formatDate(latest.date, language) })}
        {latest.own && <span className="own-mark"> ({t('measurements.ownMark')})</span>}
      </p>
      <LineChart
        title={t('measurements.chartTitle', { kind: name })}
        description={description}
        series={series}
        unit={info.unit}
        language={language}
        legend={{ own: t('measurements.legendOwn'), provider: t('measurements.legendProvider') }}
      />
      <button
        type="button"
        className="button button-small"
        aria-expanded={showTable}
        aria-controls={`${id}-table`}
        onClick={() => setShowTable((v) => !v)}
      >
        {showTable ? t('measurements.hideTable') : t('measurements.showTable')}
      </button>
      <div id={`${id}-table`} hidden={!showTable} className="measurement-table">
        {showTable && (
          <table className="data-table">
            <caption>{t('measurements.tableCaption', { kind: name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('measurements.columns.date')}</th>
                {isBp ? (
                  <>
                    <th scope="col">
                      {t('measurements.columns.systolic')} ({info.unit})
                    </th>
                    <th scope="col">
                      {t('measurements.columns.diastolic')} ({info.unit})
                    </th>
                  </>
                ) : (
                  <th scope="col">
                    {t('measurements.columns.value')} ({info.unit})
                  </th>
                )}
                <th scope="col">{t('measurements.columns.source')}</th>
                {hasOwn && <th scope="col">{t('measurements.columns.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {[...points].reverse().map((p) => {
                const date = formatDate(p.date, language);
                return (
                  <tr key={p.id}>
                    <th scope="row">
                      <button type="button" className="link-button" onClick={() => openDetail(p.id)} aria-label={t('measurements.openRecord', { date })}>
                        {date}
                      </button>
                    </th>
                    <td>
                      {num(p.value)}
                      {p.corrected && !isBp && <span className="own-mark"> ({t('measurements.corrected')})</span>}
                    </td>
                    {isBp && (
                      <td>
                        {p.value2 === undefined ? '' : num(p.value2)}
                        {p.corrected && <span className="own-mark"> ({t('measurements.corrected')})</span>}
                      </td>
                    )}
                    <td>{p.sourceLabel}</td>
                    {hasOwn && (
                      <td className="measurement-actions">
                        {p.own && (
                          <>
                            <button type="button" className="button button-small" aria-label={t('measurements.editLabel', { date })} onClick={() => onEdit(p.id)}>
                              {t('measurements.editButton')}
                            </button>
                            <button
                              type="button"
                              className="button button-small"
                              aria-label={t('measurements.deleteLabel', { date })}
                              onClick={() => {
                                setRemoveError(null);
                                setRemoving(p);
                              }}
                            >
                              {t('measurements.deleteButton')}
                            </button>
                          </>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
      {removing && (
        <div className="confirm-box" role="group" aria-labelledby={`${id}-remove`}>
          <h3 id={`${id}-remove`} ref={removeHeading} tabIndex={-1}>
            {t('measurements.remove.title')}
          </h3>
          <p>{t('measurements.remove.text', { date: formatDate(removing.date, language), value: removing.valueText })}</p>
          {removeError && <p className="alert alert-error">{removeError}</p>}
          <div className="button-row">
            <button type="button" className="button button-danger" onClick={() => void confirmRemove(removing)}>
              {t('measurements.remove.yes')}
            </button>
            <button type="button" className="button" onClick={() => setRemoving(null)}>
              {t('measurements.remove.no')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
