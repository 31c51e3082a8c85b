import { useEffect, useMemo, useRef, useState } from 'react';
import type { OptionResult } from '../../../../shared/domain/index.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { axisMax, placeLabels, thresholds, type Thresholds } from './mapLayout.ts';
import { useDesignUnit } from './useDesignUnit.ts';

/**
 * Support (share of voters giving a plus) against opposition (share giving
 * a minus) on absolute axes, every proposal as a numbered label (its rank
 * in the list) with a leader line to its true place when labels had to
 * move apart. Quadrant lines at fixed thresholds (mapLayout.ts,
 * docs/projector.md). Labels of the page the list shows are highlighted.
 */
export function ConsensusMap({
  options,
  rules,
  onPage,
  ballots,
  configured,
}: {
  options: readonly OptionResult[];
  rules: { options: number; plus: number; minus: number };
  onPage: ReadonlySet<string>;
  ballots: number;
  configured?: Partial<Thresholds>;
}) {
  const u = useDesignUnit();
  const { t, percent } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 600, height: 500 });
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // Numbers are places in the list (1, 2, 3 …): unique even where ranks tie.
  const points = options.map((o, i) => ({ id: o.id, label: String(i + 1), support: o.support, opposition: o.opposition, winner: o.status === 'winner' }));
  const th = thresholds(rules, points, configured);
  // Each axis absolute (share of voters), zoomed to a fixed step that holds its values.
  const max = { x: axisMax(points.map((p) => p.support), th.support), y: axisMax(points.map((p) => p.opposition), th.opposition) };
  const fs = Math.max(32, Math.round(34 * u));
  const axisW = Math.round(fs * 2.6);
  const axisH = Math.round(fs * 1.5);
  const plot = { width: Math.max(100, size.width - axisW - 8), height: Math.max(100, size.height - axisH - 8) };
  // Labels shrink only as far as the text allows (32 px at 1080p).
  const r = Math.max(Math.round(fs * 0.72), Math.min(Math.round(fs * 0.9), Math.floor(Math.sqrt((plot.width * plot.height) / Math.max(1, options.length) / 9))));
  // Placement is the costly part: once per picture (at most two a second) and size.
  const labels = useMemo(() => placeLabels(points, plot, max, r), [options, plot.width, plot.height, max.x, max.y, r]); // eslint-disable-line react-hooks/exhaustive-deps
  const sx = (th.support / max.x) * plot.width;
  const sy = plot.height - (th.opposition / max.y) * plot.height;
  return (
    <figure className="pj-map">
      <figcaption className="pj-map-title">{t('projector.map.title')}</figcaption>
      <div className="pj-map-chart" ref={box}>
        <svg width={size.width} height={size.height} role="img" aria-label={t('projector.map.aria', { n: options.length })}>
          <g transform={`translate(${axisW}, 4)`}>
            <rect x={sx} y={sy} width={plot.width - sx} height={plot.height - sy} style={{ fill: 'var(--pj-q-consensus)' }} />
            <rect x={sx} y={0} width={plot.width - sx} height={sy} style={{ fill: 'var(--pj-q-divisive)' }} />
            <rect x={0} y={0} width={sx} height={sy} style={{ fill: 'var(--pj-q-rejected)' }} />
            <rect x={0} y={sy} width={sx} height={plot.height - sy} style={{ fill: 'var(--pj-panel)' }} />
            <line x1={sx} x2={sx} y1={0} y2={plot.height} style={{ stroke: 'var(--pj-ink2)' }} strokeWidth={2} strokeDasharray="8 8" />
            <line x1={0} x2={plot.width} y1={sy} y2={sy} style={{ stroke: 'var(--pj-ink2)' }} strokeWidth={2} strokeDasharray="8 8" />
            {labels.map((l) => {
              const moved = Math.hypot(l.lx - l.x, l.ly - l.y) > 2;
              return (
                <g key={l.id} className={`pj-map-point${onPage.has(l.id) ? ' on-page' : ''}${l.winner ? ' winner' : ''}`} data-id={l.id}>
                  {moved ? <line x1={l.x} y1={l.y} x2={l.lx} y2={l.ly} style={{ stroke: 'var(--pj-ink)' }} strokeWidth={2} /> : null}
                  <circle cx={l.x} cy={l.y} r={5} style={{ fill: 'var(--pj-ink)' }} />
                  <circle cx={l.lx} cy={l.ly} r={r} className="pj-map-dot" />
                  <text x={l.lx} y={l.ly} dy="0.35em" textAnchor="middle" fontSize={fs} fontWeight={800} className="pj-map-num">
                    {l.label}
                  </text>
                </g>
              );
            })}
          </g>
          <g className="pj-map-axis" fontSize={fs}>
            <text x={axisW} y={size.height - 4}>0</text>
            <text x={axisW + plot.width} y={size.height - 4} textAnchor="end">
              {t('projector.map.xAxis', { max: percent(max.x) })}
            </text>
            <text x={axisW - 8} y={fs + 4} textAnchor="end">
              {percent(max.y)}
            </text>
            <text x={axisW - 8} y={plot.height - 4} textAnchor="end">
              0
            </text>
          </g>
        </svg>
      </div>
      <ul className="pj-map-legend" aria-label={t('projector.map.quadrants')}>
        <li className="q-consensus">{t('projector.map.consensus')}</li>
        <li className="q-divisive">{t('projector.map.divisive')}</li>
        <li className="q-rejected">{t('projector.map.rejected')}</li>
        <li className="q-less">{t('projector.map.littleInterest')}</li>
      </ul>
      <p className="pj-map-note">
        {t('projector.map.note', { none: String(ballots === 0) })}
      </p>
    </figure>
  );
}
