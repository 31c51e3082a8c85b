import type { OpinionGroupsView } from '../../../shared/protocol/views.ts';
import { groupLetter } from '../lib/opinionGroups.ts';
import { t } from '../i18n/i18n.ts';

/**
 * The map of the room (docs/opinion-groups.md): voters as anonymous dots
 * at their place in the 2-D projection of the ballots, coloured by opinion
 * group, each group's letter at its centre. Close dots = people who voted
 * alike; the axes have no names (they are the two directions in which the
 * ballots differ most). A dot may stand for several voters of one group in
 * one spot: its area grows with the count.
 *
 * Draws nothing unless there are at least two groups, each of at least
 * `minGroup` voters (the server forms no smaller group; this is a second
 * lock). Colours are `var(--og-0)`…`var(--og-4)`, set per screen.
 */
export function RoomMap({ view, size, className = '' }: { view: OpinionGroupsView; /** Pixels; omitted = sized by CSS. */ size?: number; className?: string }) {
  const { groups, map } = view;
  if (groups.length < 2 || groups.some((g) => g.size < view.minGroup)) return null;
  const biggest = Math.max(1, ...map.dots.map((d) => d.count));
  // Radii in map units (the map spans −1..1 plus a margin).
  const rMin = 0.03;
  const rMax = Math.max(rMin, Math.min(0.09, 0.35 / Math.sqrt(Math.max(1, map.dots.length))));
  const radius = (count: number) => rMin + (rMax - rMin) * Math.sqrt(count / biggest);
  const label = t('groups.map.label', { n: view.voters, sizes: groups.map((g) => t('groups.map.size', { letter: groupLetter(g.index), n: g.size })).join(', ') });
  return (
    <svg
      className={`room-map ${className}`}
      viewBox="-1.15 -1.15 2.3 2.3"
      {...(size !== undefined ? { width: size, height: size } : {})}
      role="img"
      aria-label={label}
      data-testid="room-map"
    >
      <rect x={-1.15} y={-1.15} width={2.3} height={2.3} rx={0.06} className="room-map-bg" />
      <line x1={-1.1} x2={1.1} y1={0} y2={0} className="room-map-axis" />
      <line y1={-1.1} y2={1.1} x1={0} x2={0} className="room-map-axis" />
      {map.dots.map((d, i) => (
        <circle key={i} cx={d.x} cy={-d.y} r={radius(d.count)} style={{ fill: `var(--og-${d.group % 5})` }} className="room-map-dot" />
      ))}
      {map.centres.map((c, g) => (
        <g key={g} transform={`translate(${c.x} ${-c.y})`} className="room-map-centre">
          <circle r={0.11} style={{ stroke: `var(--og-${g % 5})` }} />
          <text dy="0.045" textAnchor="middle">
            {groupLetter(g)}
          </text>
        </g>
      ))}
    </svg>
  );
}
