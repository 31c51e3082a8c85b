/**
 * Ballot presets from real uses (d21-method.md §4). A preset fills the
 * plus/minus/ratio overrides of a round; explicit overrides still win.
 */
export interface BallotPreset {
  id: 'nyc' | 'prague10';
  label: string;
  plus: number;
  minus: number;
  ratio: number;
}

export const PRESETS: Record<BallotPreset['id'], BallotPreset> = {
  nyc: { id: 'nyc', label: 'NYC participatory budget: up to 5 plus votes, no minus', plus: 5, minus: 0, ratio: 0 },
  prague10: { id: 'prague10', label: 'Prague 10 “Moje stopa”: 4 plus votes, 2 minus', plus: 4, minus: 2, ratio: 2 },
};

/** The preset's overrides for a ballot of `options` proposals (never more votes than options: rule 7). */
export function presetOverrides(id: BallotPreset['id'], options: number): { plus: number; minus: number; ratio: number } {
  const p = PRESETS[id];
  const plus = Math.min(p.plus, options);
  return { plus, minus: Math.min(p.minus, plus), ratio: p.ratio };
}
