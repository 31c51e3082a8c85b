import { CartesianGrid, ReferenceArea, ReferenceLine, Scatter, ScatterChart, XAxis, YAxis } from 'recharts';
import type { OptionResult } from '../../../../shared/domain/index.ts';
import { percent } from '../../lib/format.ts';

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
export function ConsensusMap({ options, ballots }: { options: readonly OptionResult[]; ballots: number }) {
  const points: Point[] = options.slice(0, 30).map((o) => ({ id: o.id, rank: o.rank, x: o.support, y: o.opposition, status: o.status }));
  const top = Math.max(0.1, ...points.map((p) => Math.max(p.x, p.y)));
  const domainMax = Math.min(1, Math.ceil((top + 0.05) * 10) / 10);
  const avg = (f: (o: OptionResult) => number) => (options.length ? options.reduce((a, o) => a + f(o), 0) / options.length : 0);
  const sx = Math.min(domainMax * 0.9, Math.max(domainMax * 0.1, avg((o) => o.support)));
  const sy = Math.min(domainMax * 0.9, Math.max(domainMax * 0.1, avg((o) => o.opposition)));
  const ticks = [0, domainMax / 2, domainMax];
  const W = 680;
  const H = 700;
  const label = (value: string, position: 'insideTopLeft' | 'insideTopRight' | 'insideBottomLeft' | 'insideBottomRight') => ({
    value,
    position,
    fill: '#cbd5e1',
    fontSize: 26,
    fontWeight: 700,
  });
  return (
    <figure className="pj-map">
      <figcaption className="pj-map-title">Consensus and division</figcaption>
      <ScatterChart width={W} height={H} margin={{ top: 10, right: 24, bottom: 56, left: 30 }} accessibilityLayer={false}>
        <ReferenceArea x1={sx} x2={domainMax} y1={0} y2={sy} fill="#14532d" fillOpacity={0.45} stroke="none" label={label('CONSENSUS', 'insideBottomRight')} ifOverflow="hidden" />
        <ReferenceArea x1={sx} x2={domainMax} y1={sy} y2={domainMax} fill="#713f12" fillOpacity={0.45} stroke="none" label={label('DIVISIVE', 'insideTopRight')} ifOverflow="hidden" />
        <ReferenceArea x1={0} x2={sx} y1={sy} y2={domainMax} fill="#7f1d1d" fillOpacity={0.45} stroke="none" label={label('REJECTED', 'insideTopLeft')} ifOverflow="hidden" />
        <ReferenceArea x1={0} x2={sx} y1={0} y2={sy} fill="#1e293b" fillOpacity={0.6} stroke="none" label={label('LITTLE INTEREST', 'insideBottomLeft')} ifOverflow="hidden" />
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
          tick={{ fill: '#e2e8f0', fontSize: 24 }}
          label={{ value: 'Support → (plus votes, % of voters)', position: 'insideBottom', offset: -40, fill: '#e2e8f0', fontSize: 24 }}
        />
        <YAxis
          type="number"
          dataKey="y"
          domain={[0, domainMax]}
          ticks={ticks}
          tickFormatter={(v: number) => percent(v)}
          stroke="#e2e8f0"
          tick={{ fill: '#e2e8f0', fontSize: 24 }}
          width={80}
          label={{ value: 'Opposition →', angle: -90, position: 'insideLeft', offset: 0, dx: -10, fill: '#e2e8f0', fontSize: 24, style: { textAnchor: 'middle' } }}
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
                <circle cx={cx} cy={cy} r={26} fill={winner ? '#facc15' : '#e2e8f0'} stroke="#0b1220" strokeWidth={3} />
                <text x={cx} y={cy} dy="0.35em" textAnchor="middle" fontSize={26} fontWeight={800} fill="#0b1220">
                  {payload?.rank}
                </text>
              </g>
            );
          }}
        />
      </ScatterChart>
      <p className="pj-map-note">
        Numbers are ranks · dashed lines: round averages{ballots > 0 ? '' : ' · no ballots yet'}
      </p>
    </figure>
  );
}
