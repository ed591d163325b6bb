/**
 * A small line chart in plain SVG: values over time, one or more lines (blood pressure has two),
 * date labels on the x axis and value labels on the y axis. For assistive technology it is one
 * image with a title and a description in words; the data itself is in the table next to it.
 */
import { useId } from 'react';
import type { Language } from '../../../src-preload/contract/constants';

export interface ChartSeries {
  name: string;
  points: Array<{ time: number; value: number; own: boolean }>;
  color: string;
  dashed?: boolean;
}

const width = 640;
const height = 260;
const margin = { top: 30, right: 20, bottom: 40, left: 52 };
const plotWidth = width - margin.left - margin.right;
const plotHeight = height - margin.top - margin.bottom;
const dayMs = 24 * 60 * 60 * 1000;

const locale = (language: Language) => (language === 'en' ? 'en-GB' : 'nl-NL');

/** Round tick values covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (min === max) {
    const pad = Math.max(1, Math.abs(min) * 0.05);
    return niceTicks(min - pad, max + pad, count);
  }
  const rough = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= max + step / 2; v += step) ticks.push(Number(v.toFixed(6)));
  if (ticks[ticks.length - 1]! < max) ticks.push(Number((ticks[ticks.length - 1]! + step).toFixed(6)));
  return ticks;
}

export function LineChart({
  title,
  description,
  series,
  unit,
  language,
  legend,
}: {
  title: string;
  description: string;
  series: ChartSeries[];
  unit: string;
  language: Language;
  /** Text explaining the open markers (own entries). */
  legend: { own: string; provider: string };
}) {
  const id = useId();
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return null;

  const times = all.map((p) => p.time);
  let t0 = Math.min(...times);
  let t1 = Math.max(...times);
  if (t1 - t0 < dayMs) {
    t0 -= dayMs;
    t1 += dayMs;
  }
  const values = all.map((p) => p.value);
  const yTicks = niceTicks(Math.min(...values), Math.max(...values));
  const y0 = yTicks[0]!;
  const y1 = yTicks[yTicks.length - 1]!;
  const x = (time: number) => margin.left + ((time - t0) / (t1 - t0)) * plotWidth;
  const y = (value: number) => margin.top + plotHeight - ((value - y0) / (y1 - y0)) * plotHeight;

  const spanDays = (t1 - t0) / dayMs;
  const dateFormat = new Intl.DateTimeFormat(
    locale(language),
    spanDays > 300 ? { month: 'short', year: 'numeric' } : { day: 'numeric', month: 'short' },
  );
  // Short spans get fewer ticks, so no two labels show the same day.
  const xTickCount = spanDays < 4 ? Math.max(1, Math.floor(spanDays)) : 4;
  const xTicks = Array.from({ length: xTickCount + 1 }, (_, i) => t0 + ((t1 - t0) * i) / xTickCount);
  const numberFormat = new Intl.NumberFormat(locale(language), { maximumFractionDigits: 2 });

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="chart-svg">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <g className="chart-grid">
          {yTicks.map((tick) => (
            <g key={`y${tick}`}>
              <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} />
              <text x={margin.left - 8} y={y(tick)} dy="0.32em" textAnchor="end">
                {numberFormat.format(tick)}
              </text>
            </g>
          ))}
          <text x={4} y={14} textAnchor="start" className="chart-unit">
            {unit}
          </text>
          {xTicks.map((tick, index) => (
            <text
              key={`x${tick}`}
              x={x(tick)}
              y={height - margin.bottom + 22}
              textAnchor={index === 0 ? 'start' : index === xTickCount ? 'end' : 'middle'}
            >
              {dateFormat.format(new Date(tick))}
            </text>
          ))}
          <line className="chart-axis" x1={margin.left} x2={width - margin.right} y1={margin.top + plotHeight} y2={margin.top + plotHeight} />
        </g>
        {series.map((s) => (
          <g key={s.name} stroke={s.color}>
            {s.points.length > 1 && (
              <polyline
                fill="none"
                strokeWidth={2.5}
                strokeDasharray={s.dashed ? '7 5' : undefined}
                points={s.points.map((p) => `${x(p.time).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ')}
              />
            )}
            {s.points.map((p, index) => (
              <circle
                key={index}
                cx={x(p.time)}
                cy={y(p.value)}
                r={p.own ? 5 : 4.5}
                strokeWidth={2.5}
                fill={p.own ? '#ffffff' : s.color}
              />
            ))}
          </g>
        ))}
      </svg>
      <figcaption className="chart-legend">
        {series.map((s) => (
          <span key={s.name} className="chart-legend-item">
            <svg width="28" height="12" aria-hidden="true" focusable="false">
              <line x1="0" x2="28" y1="6" y2="6" stroke={s.color} strokeWidth="2.5" strokeDasharray={s.dashed ? '7 5' : undefined} />
            </svg>
            {s.name}
          </span>
        ))}
        {all.some((p) => !p.own) && (
          <span className="chart-legend-item">
            <svg width="14" height="14" aria-hidden="true" focusable="false">
              <circle cx="7" cy="7" r="4.5" fill="#4a5565" stroke="#4a5565" strokeWidth="2" />
            </svg>
            {legend.provider}
          </span>
        )}
        {all.some((p) => p.own) && (
          <span className="chart-legend-item">
            <svg width="14" height="14" aria-hidden="true" focusable="false">
              <circle cx="7" cy="7" r="4.5" fill="#ffffff" stroke="#4a5565" strokeWidth="2" />
            </svg>
            {legend.own}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
