import { CartesianGrid, ReferenceArea, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, XAxis, YAxis } from 'recharts';
import { useDesignUnit } from './useDesignUnit.ts';
import type { OptionResult } from '../../../../shared/domain/index.ts';
import { useI18n } from '../../i18n/useI18n.ts';

interface Point {
  id: string;
  rank: number;
  x: number;
  y: number;
  status: OptionResult['status'];
}

/**
 * Support (share of voters giving a plus) against opposition (share giving
 * a minus), one numbered dot per proposal (the number is its rank in the
 * bars). The dashed lines are the round's average support and opposition,
 * which split the map into four labelled quadrants.
 */
export function ConsensusMap({ options, shown, ballots }: { options: readonly OptionResult[]; shown: readonly OptionResult[]; ballots: number }) {
  const u = useDesignUnit();
  const { t, percent } = useI18n();
  const points: Point[] = shown.map((o) => ({ id: o.id, rank: o.rank, x: o.support, y: o.opposition, status: o.status }));
  const top = Math.max(0.1, ...points.map((p) => Math.max(p.x, p.y)));
  const domainMax = Math.min(1, Math.ceil((top + 0.05) * 10) / 10);
  const avg = (f: (o: OptionResult) => number) => (options.length ? options.reduce((a, o) => a + f(o), 0) / options.length : 0);
  const sx = Math.min(domainMax * 0.9, Math.max(domainMax * 0.1, avg((o) => o.support)));
  const sy = Math.min(domainMax * 0.9, Math.max(domainMax * 0.1, avg((o) => o.opposition)));
  // Strips above and below the data hold the quadrant names, so no dot ever covers them.
  const pad = domainMax * 0.13;
  const yLow = -pad;
  const yHigh = domainMax + pad;
  const ticks = [0, domainMax / 2, domainMax];
  const fs = Math.round(26 * u);
  const r = Math.round(25 * u);
  const label = (value: string, position: 'insideTopLeft' | 'insideTopRight' | 'insideBottomLeft' | 'insideBottomRight') => ({
    value,
    position,
    fill: '#e2e8f0',
    fontSize: fs,
    fontWeight: 700,
  });
  return (
    <figure className="pj-map">
      <figcaption className="pj-map-title">{t('projector.map.title')}</figcaption>
      <div className="pj-map-chart">
      <ResponsiveContainer width="100%" height="100%">
      <ScatterChart margin={{ top: 4, right: Math.round(16 * u), bottom: Math.round(44 * u), left: Math.round(34 * u) }} accessibilityLayer={false}>
        <ReferenceArea x1={sx} x2={domainMax} y1={yLow} y2={sy} fill="#166534" fillOpacity={0.5} stroke="none" label={label(t('projector.map.consensus'), 'insideBottomRight')} ifOverflow="hidden" />
        <ReferenceArea x1={sx} x2={domainMax} y1={sy} y2={yHigh} fill="#854d0e" fillOpacity={0.5} stroke="none" label={label(t('projector.map.divisive'), 'insideTopRight')} ifOverflow="hidden" />
        <ReferenceArea x1={0} x2={sx} y1={sy} y2={yHigh} fill="#991b1b" fillOpacity={0.5} stroke="none" label={label(t('projector.map.rejected'), 'insideTopLeft')} ifOverflow="hidden" />
        <ReferenceArea x1={0} x2={sx} y1={yLow} y2={sy} fill="#334155" fillOpacity={0.55} stroke="none" label={label(t('projector.map.littleInterest'), 'insideBottomLeft')} ifOverflow="hidden" />
        <CartesianGrid stroke="#334155" strokeDasharray="2 6" />
        <ReferenceLine x={sx} stroke="#94a3b8" strokeDasharray="8 8" strokeWidth={2} />
        <ReferenceLine y={sy} stroke="#94a3b8" strokeDasharray="8 8" strokeWidth={2} />
        <XAxis
          type="number"
          dataKey="x"
          domain={[0, domainMax]}
          ticks={ticks}
          tickFormatter={(v: number) => percent(v)}
          stroke="#e2e8f0"
          tick={{ fill: '#e2e8f0', fontSize: fs }}
          label={{ value: t('projector.map.xAxis'), position: 'insideBottom', offset: -Math.round(36 * u), fill: '#e2e8f0', fontSize: fs }}
        />
        <YAxis
          type="number"
          dataKey="y"
          domain={[yLow, yHigh]}
          ticks={ticks}
          allowDataOverflow
          tickFormatter={(v: number) => percent(v)}
          stroke="#e2e8f0"
          tick={{ fill: '#e2e8f0', fontSize: fs }}
          width={Math.round(80 * u)}
          label={{ value: t('projector.map.yAxis'), angle: -90, position: 'insideLeft', offset: 0, dx: -Math.round(14 * u), fill: '#e2e8f0', fontSize: fs, style: { textAnchor: 'middle' } }}
        />
        <Scatter
          data={points}
          isAnimationActive
          animationDuration={700}
          shape={(props: { cx?: number | undefined; cy?: number | undefined; payload?: Point }) => {
            const { cx = 0, cy = 0, payload } = props;
            const winner = payload?.status === 'winner';
            return (
              <g>
                <circle cx={cx} cy={cy} r={r} fill={winner ? '#facc15' : '#e2e8f0'} stroke="#0b1220" strokeWidth={3} />
                <text x={cx} y={cy} dy="0.35em" textAnchor="middle" fontSize={fs} fontWeight={800} fill="#0b1220">
                  {payload?.rank}
                </text>
              </g>
            );
          }}
        />
      </ScatterChart>
      </ResponsiveContainer>
      </div>
      <p className="pj-map-note">
        {t('projector.map.note', { none: String(ballots === 0) })}
      </p>
    </figure>
  );
}
