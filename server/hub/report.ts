import { channelTotals, describeExclusion } from '../../shared/domain/index.ts';
import type { Report, ReportRound } from '../../shared/protocol/views.ts';
import type { AssemblyState, HubContext } from './context.ts';
import { roundResults, roundTurnout } from './results.ts';
import { segmentBreakdown } from './segments.ts';
import { opinionGroupsView } from './opinion.ts';
import { coSupportView } from './coSupport.ts';
import { roundView } from './views.ts';
import { countedPaperBallots } from './paperState.ts';

/**
 * The final report: every opened round with its rules, its own turnout
 * and results (sealed at close for closed rounds) and its ballot paper as
 * voters saw it. `titles`/`costs` are the proposals as they are now.
 */
export async function buildReport(ctx: HubContext, a: AssemblyState): Promise<Report> {
  const now = ctx.clock.now();
  const rounds = [...a.rounds.values()].filter((r) => r.status !== 'draft').sort((x, y) => x.seq - y.seq);
  const titles: Record<string, string> = {};
  const costs: Record<string, number | null> = {};
  for (const p of a.proposals.values()) {
    titles[p.id] = p.title;
    costs[p.id] = p.cost;
  }
  const out: ReportRound[] = [];
  for (const r of rounds) {
    const hidden = r.visibility === 'hidden' && r.status !== 'closed';
    // One read of the round's ballots serves both views.
    const ballots = hidden ? [] : await ctx.store.loadBallots(r.id);
    const breakdown = await segmentBreakdown(ctx, a, r.id, ballots);
    const groups = await opinionGroupsView(ctx, a, r.id, ballots);
    const together = await coSupportView(ctx, a, r.id, ballots);
    out.push({
      round: roundView(r),
      turnout: roundTurnout(a, r),
      results: hidden ? null : roundResults(a, r),
      breakdown: breakdown.ok ? breakdown.value : [],
      opinionGroups: groups.ok ? groups.value : null,
      coSupport: together.ok ? together.value : null,
      // §5.1: sealed at close; an open round's from its ballots now.
      channels: hidden ? null : (r.seal?.channels ?? (r.status === 'open' && a.paper.get(r.id)?.serials.size ? channelTotals(r.proposalIds, ballots, countedPaperBallots(a.paper.get(r.id))) : null)),
    });
  }
  const lastClosed = [...out].reverse().find((r) => r.round.status === 'closed' && r.results);
  const all = [...a.proposals.values()];
  const count = (s: string) => all.filter((p) => p.status === s).length;
  return {
    assembly: { id: a.row.id, title: a.row.title, language: a.row.settings.language, currency: a.row.settings.currency },
    generatedAt: now,
    titles,
    costs,
    rounds: out,
    referred: lastClosed
      ? {
          roundId: lastClosed.round.id,
          proposalIds: lastClosed.results!.budget ? lastClosed.results!.budget.funded : lastClosed.results!.winners,
          tiedAtCut: lastClosed.results!.budget ? lastClosed.results!.budget.tied : lastClosed.results!.tiedAtCut,
        }
      : null,
    proposals: {
      total: all.length,
      approved: count('approved'),
      pending: count('pending'),
      rejected: count('rejected'),
      merged: count('merged'),
      submittedByParticipants: all.filter((p) => p.authorId !== null).length,
    },
  };
}

/** One row per round and proposal, for spreadsheets, in the order of `CSV_COLUMNS.report` (server/csv.ts). */
export function reportRows(report: Report): unknown[][] {
  const rows: unknown[][] = [];
  const r4 = (x: number) => Math.round(x * 10000) / 10000;
  for (const rr of report.rounds) {
    const { round, results, turnout } = rr;
    const base = [round.seq, round.question, round.status, round.rules.winners, round.rules.plus, round.rules.minus, round.rules.ratio, round.budget ?? '', turnout.voted, turnout.joined];
    if (!results) {
      rows.push([...base, '', '', '(results hidden until the round closes)', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '']);
      continue;
    }
    const funded = new Map(results.budget?.lines.map((l) => [l.id, l.funded]) ?? []);
    const potOf = new Map(results.budget?.lines.map((l) => [l.id, results.pots?.find((p) => p.id === l.pot)?.label ?? '']) ?? []);
    // Titles and costs as voters saw them on this round's paper.
    const paper = new Map(round.paper?.map((p) => [p.id, p]) ?? []);
    for (const o of results.options) {
      const p = paper.get(o.id);
      rows.push([
        ...base, o.rank, o.id, p?.title ?? report.titles[o.id] ?? '', o.plus, o.minus, o.net, r4(o.support), r4(o.opposition), r4(o.consensus), r4(o.polarisation),
        o.status, p ? (p.cost ?? '') : (report.costs[o.id] ?? ''), results.budget ? (funded.get(o.id) ? 'yes' : 'no') : '',
        o.excluded.map((e) => describeExclusion(e, results.exclusion)).join('; '), potOf.get(o.id) ?? '',
        // §5.1 each channel's counts (rounds with paper ballots; the plus/minus columns are the totals).
        ...(rr.channels ? [rr.channels.phone.plus[o.id] ?? 0, rr.channels.phone.minus[o.id] ?? 0, rr.channels.paper.plus[o.id] ?? 0, rr.channels.paper.minus[o.id] ?? 0] : ['', '', '', '']),
      ]);
    }
  }
  return rows;
}
