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
export function RoomMap({
  view,
  size,
  className = '',
  letter = 0.11,
  letterSize = letter * 1.18,
}: {
  view: OpinionGroupsView;
  /** Pixels; omitted = sized by CSS. */
  size?: number;
  className?: string;
  /** Radius of a group's letter disc in map units (the projector's are larger, for 32 px letters). */
  letter?: number;
  /** The letters' font size in map units. */
  letterSize?: number;
}) {
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
      {spread(map.centres, letter).map((c, g) => (
        <g key={g} transform={`translate(${c.x} ${-c.y})`} className="room-map-centre">
          <circle r={letter} style={{ stroke: `var(--og-${g % 5})` }} />
          <text dy={letterSize * 0.35} textAnchor="middle" fontSize={letterSize}>
            {groupLetter(g)}
          </text>
        </g>
      ))}
    </svg>
  );
}

/**
 * The groups' letter discs moved apart where centres lie closer than two
 * radii (pairwise pushes, a few rounds), kept inside the map: two groups
 * close in opinion keep readable letters.
 */
export function spread(centres: readonly { x: number; y: number }[], r: number): { x: number; y: number }[] {
  const out = centres.map((c) => ({ x: c.x, y: c.y }));
  const lim = 1.1 - r;
  for (let round = 0; round < 40; round++) {
    let moved = false;
    for (let i = 0; i < out.length; i++) {
      for (let j = i + 1; j < out.length; j++) {
        const a = out[i]!;
        const b = out[j]!;
        const dx = b.x - a.x;
        const dy = b.y - a.y;
        const d = Math.hypot(dx, dy);
        if (d >= 2 * r + 0.01) continue;
        // Coincident centres part along a fixed direction per pair (deterministic pictures).
        const [ux, uy] = d > 1e-9 ? [dx / d, dy / d] : [Math.cos(i + j), Math.sin(i + j)];
        const push = (2 * r + 0.01 - d) / 2;
        a.x -= ux * push;
        a.y -= uy * push;
        b.x += ux * push;
        b.y += uy * push;
        moved = true;
      }
    }
    for (const c of out) {
      c.x = Math.max(-lim, Math.min(lim, c.x));
      c.y = Math.max(-lim, Math.min(lim, c.y));
    }
    if (!moved) break;
  }
  return out;
}
