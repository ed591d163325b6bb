/**
 * Metingen: add an own measurement, and per kind the latest value, a chart of its course over the
 * last two years and the same data as a table. Care providers' values and own entries are shown
 * together; own entries are marked "zelf ingevoerd".
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenHeading } from '../components/ScreenHeading';
import { formatDate, formatNumber } from '../records/common/format';
import { useLanguage } from '../records/common/useLanguage';
import { useRecordsData } from '../records/data-store';
import { useRecordsNavigation } from '../records/navigation';
import { AddMeasurementForm } from './AddMeasurementForm';
import { kindInfo, type MeasurementKind, measurementKinds, type MeasurementPoint } from './kinds';
import { type ChartSeries, LineChart } from './LineChart';
import { useMeasurementsStore } from './store';
import './measurements.css';

const colors = { primary: '#0f5c6e', secondary: '#a4470b' };

export function MeasurementsScreen() {
  const { t } = useTranslation();
  const points = useMeasurementsStore((s) => s.points);
  const state = useMeasurementsStore((s) => s.state);
  const truncated = useMeasurementsStore((s) => s.truncated);
  const loadedVersion = useMeasurementsStore((s) => s.loadedVersion);
  const load = useMeasurementsStore((s) => s.load);
  const version = useRecordsData((s) => s.version);

  // Load on first view and after something else changed the record (an import, sync).
  useEffect(() => {
    if (loadedVersion !== version) void load();
  }, [load, loadedVersion, version]);

  const withData = measurementKinds.filter((kind) => points[kind].length > 0);

  return (
    <section>
      <ScreenHeading>{t('shell.areas.measurements')}</ScreenHeading>
      <p className="lead">{t('measurements.intro')}</p>
      <AddMeasurementForm />
      {state === 'error' && <p className="alert alert-error">{t('measurements.loadFailed')}</p>}
      {state === 'loading' && withData.length === 0 && <p role="status">{t('common.loading')}</p>}
      {state === 'ready' && withData.length === 0 && (
        <div className="empty-state">
          <span className="empty-icon empty-icon-measurements" aria-hidden="true" />
          <h2>{t('measurements.emptyTitle')}</h2>
          <p>{t('measurements.emptyText')}</p>
        </div>
      )}
      {withData.length > 0 && <p className="muted">{t('measurements.window')}</p>}
      {truncated && <p className="alert alert-info">{t('measurements.truncated')}</p>}
      {withData.map((kind) => (
        <KindSection key={kind} kind={kind} points={points[kind]} />
      ))}
    </section>
  );
}

function KindSection({ kind, points }: { kind: MeasurementKind; points: MeasurementPoint[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const openDetail = useRecordsNavigation((s) => s.openDetail);
  const [showTable, setShowTable] = useState(false);
  const id = useId();
  const name = t(`measurements.kinds.${kind}`);
  const info = kindInfo[kind];
  const isBp = kind === 'blood-pressure';
  const latest = points[points.length - 1]!;
  const num = (n: number) => formatNumber(n, language);
  const show = (p: MeasurementPoint) => (isBp ? `${num(p.value)}/${num(p.value2 ?? 0)} ${info.unit}` : `${num(p.value)} ${info.unit}`);

  const series: ChartSeries[] = isBp
    ? [
        { name: t('measurements.series.systolic'), color: colors.primary, points: points.map((p) => ({ time: p.time, value: p.value, own: p.own })) },
        {
          name: t('measurements.series.diastolic'),
          color: colors.secondary,
          dashed: true,
          points: points.flatMap((p) => (p.value2 === undefined ? [] : [{ time: p.time, value: p.value2, own: p.own }])),
        },
      ]
    : [{ name, color: colors.primary, points: points.map((p) => ({ time: p.time, value: p.value, own: p.own })) }];

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
      <h2 id={`${id}-heading`}>{name}</h2>
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
                    <td>{num(p.value)}</td>
                    {isBp && <td>{p.value2 === undefined ? '' : num(p.value2)}</td>}
                    <td>{p.sourceLabel}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
