import type { Report, RoundView } from '../../../../shared/protocol/views.ts';

/** One round's proposal names and costs, and a title lookup over them. */
export interface PaperNames {
  titles: Record<string, string>;
  costs: Record<string, number | null>;
  title: (id: string) => string;
}

/**
 * The titles and costs a round's report shows: those of its frozen ballot
 * paper, as voters saw them (issue 10: "phones, validation, results,
 * exports and the report of that round read that copy for ever"), so an
 * edit after close changes nothing in it. A proposal not on the paper (a
 * draft, or data from before papers existed) falls back to today's.
 */
export function paperNames(round: RoundView, report: Pick<Report, 'titles' | 'costs'>): PaperNames {
  const titles = { ...report.titles };
  const costs = { ...report.costs };
  for (const p of round.paper ?? []) {
    titles[p.id] = p.title;
    costs[p.id] = p.cost;
  }
  return { titles, costs, title: (id) => titles[id] ?? id };
}
