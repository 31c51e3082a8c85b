import express, { type Request, type Response, type Router } from 'express';
import { canonicalBallots, canonicalChannelBallots } from '../../shared/domain/index.ts';
import { CSV_COLUMNS, ballotColumns, sendCsv, type CsvColumn } from '../csv.ts';
import {
  buildReport,
  coSupportView,
  getAssembly,
  opinionGroupsView,
  publicRoundFigures,
  authorizeFacilitator,
  paperAuditRows,
  reportRows,
  segmentBreakdown,
  storedChannelBallots,
  groupsNotYetPublic,
  hubOk,
  roundView,
  roundTurnout,
  visibleResults,
  type AssemblyState,
  type HubContext,
  type HubResult,
} from '../hub/index.ts';
import { describeExclusion } from '../../shared/domain/index.ts';
import { bearer, send, sendError } from './respond.ts';

type Staff = (req: Request, res: Response) => AssemblyState | null;
/** Whether a token-less heavy read from this request's address may run now. */
export type PublicRead = (req: Request) => boolean;

/**
 * A round's results: a closed round's sealed result with its seal (what
 * `npm run verify` checks), an open round's live results. Titles come from
 * the round's frozen paper, as voters saw them. Token-less readers get an
 * open round as of its last release (docs/security.md, "Timing").
 */
function roundResultsBody(a: AssemblyState, roundId: string, staffRead: boolean) {
  const round = a.rounds.get(roundId);
  const results = visibleResults(a, roundId);
  if (!round || !results.ok) return results.ok ? null : results;
  const titles = Object.fromEntries((round.paper ?? []).map((p) => [p.id, p.title]));
  const t = roundTurnout(a, round);
  const released = staffRead ? { results: results.value, voted: t.voted } : publicRoundFigures(a, round, results.value, t.voted);
  return hubOk({
    assembly: { id: a.row.id, title: a.row.title },
    round: roundView(round),
    turnout: { ...t, voted: released.voted },
    titles,
    results: released.results,
    seal: round.seal,
  });
}

/**
 * Results (public unless the round hides them until close) and the
 * anonymised ballot export (facilitator, closed rounds only): one row per
 * ballot, canonical (sorted), with no participant, code or device id.
 */
export function exportRoutes(ctx: HubContext, staff: Staff, publicRead: PublicRead): Router {
  const r = express.Router();
  /** Token-less reads of results and opinion groups have a per-address budget (server/heavyReads.ts); the facilitator's do not. */
  const budgeted = (req: Request, res: Response, staffRead: boolean): boolean => {
    if (staffRead || publicRead(req)) return true;
    res.set('Retry-After', '1');
    sendError(res, 'RATE_LIMITED', 'Too many requests for results from this address; wait a moment and try again.');
    return false;
  };

  r.get('/assemblies/:id/rounds/:rid/results', (req, res) => {
    const a = getAssembly(ctx, String(req.params.id));
    if (!a.ok) return send(res, a);
    const staffRead = authorizeFacilitator(ctx, a.value.row.id, bearer(req)).ok;
    if (!budgeted(req, res, staffRead)) return;
    const out = roundResultsBody(a.value, String(req.params.rid), staffRead);
    if (!out) return sendError(res, 'NOT_FOUND', 'No round with that id in this assembly.');
    send(res, out);
  });

  r.get('/assemblies/:id/rounds/:rid/results.csv', async (req, res) => {
    const a = getAssembly(ctx, String(req.params.id));
    if (!a.ok) return send(res, a);
    const staffRead = authorizeFacilitator(ctx, a.value.row.id, bearer(req)).ok;
    if (!budgeted(req, res, staffRead)) return;
    const out = roundResultsBody(a.value, String(req.params.rid), staffRead);
    if (!out) return sendError(res, 'NOT_FOUND', 'No round with that id in this assembly.');
    if (!out.ok) return send(res, out);
    const { results, titles, round } = out.value;
    const budget = new Map(results.budget?.lines.map((l) => [l.id, l]) ?? []);
    const pots = results.pots ?? null;
    const channels = out.value.seal?.channels ?? null;
    const columns = [
      ...CSV_COLUMNS.results,
      ...(round.budget !== null ? CSV_COLUMNS.budget : []),
      ...CSV_COLUMNS.practice,
      ...(pots ? CSV_COLUMNS.pot : []),
      ...(channels ? CSV_COLUMNS.channels : []),
    ];
    // Costs as on the round's frozen paper, never as the proposal is now (docs/protocol.md, "Round lifecycle").
    const paperCost = new Map((round.paper ?? []).map((p) => [p.id, p.cost]));
    const rows = results.options.map((o) => {
      const row: unknown[] = [o.rank, o.id, titles[o.id], o.plus, o.minus, o.net, round4(o.support), round4(o.opposition), round4(o.consensus), round4(o.polarisation), o.status];
      if (round.budget !== null) row.push(budget.get(o.id)?.cost ?? paperCost.get(o.id) ?? 0, budget.get(o.id)?.funded ? 'yes' : 'no');
      row.push(o.excluded.map((e) => describeExclusion(e, results.exclusion)).join('; '));
      if (pots) row.push(pots.find((p) => p.id === budget.get(o.id)?.pot)?.label ?? '');
      if (channels) row.push(channels.phone.plus[o.id] ?? 0, channels.phone.minus[o.id] ?? 0, channels.paper.plus[o.id] ?? 0, channels.paper.minus[o.id] ?? 0);
      return row;
    });
    await sendCsv(res, `round-${round.seq}-results.csv`, columns, rows);
  });

  r.get('/assemblies/:id/rounds/:rid/ballots.:fmt', async (req, res) => {
    const a = staff(req, res);
    if (!a) return;
    const round = a.rounds.get(String(req.params.rid));
    if (!round) return sendError(res, 'NOT_FOUND', 'No round with that id in this assembly.');
    if (round.status !== 'closed') return sendError(res, 'ROUND_NOT_OPEN', 'Ballots are exported only after the round closes.');
    // With paper ballots (§5.1) each ballot is marked with its channel.
    const { phone, paper, keyed } = await storedChannelBallots(ctx, round.id);
    const ballots = keyed ? canonicalChannelBallots(phone, paper) : canonicalBallots(phone);
    if (req.params.fmt === 'json') return send(res, hubOk({ roundId: round.id, proposalIds: round.proposalIds, ballots }));
    if (req.params.fmt !== 'csv') return sendError(res, 'NOT_FOUND', 'Ballots export as .csv or .json.');
    // One column per proposal: 1 plus, -1 minus, 0 no vote (like Pol.is matrices).
    const rows = ballots.map((b) => [
      ...('channel' in b ? [b.channel] : []),
      ...round.proposalIds.map((id) => (b.plus.includes(id) ? 1 : b.minus.includes(id) ? -1 : 0)),
    ]);
    await sendCsv(res, `round-${round.seq}-ballots.csv`, ballotColumns(round.proposalIds, keyed), rows);
  });

  // §5.1: the paper ballots' audit log (staff links by name and id, never voters).
  r.get('/assemblies/:id/rounds/:rid/paper-audit.:fmt', async (req, res) => {
    const a = staff(req, res);
    if (!a) return;
    const audit = await paperAuditRows(ctx, a, String(req.params.rid));
    if (!audit.ok || req.params.fmt === 'json') return send(res, audit);
    if (req.params.fmt !== 'csv') return sendError(res, 'NOT_FOUND', 'The audit log exports as .csv or .json.');
    const round = a.rounds.get(String(req.params.rid))!;
    const rows = audit.value.map((r) => [new Date(r.at).toISOString(), r.serial, r.actor, r.action, r.detail]);
    await sendCsv(res, `round-${round.seq}-paper-audit.csv`, CSV_COLUMNS.paperAudit, rows);
  });

  r.get('/assemblies/:id/rounds/:rid/opinion-groups', async (req, res) => {
    const a = getAssembly(ctx, String(req.params.id));
    if (!a.ok) return send(res, a);
    const staffRead = authorizeFacilitator(ctx, a.value.row.id, bearer(req)).ok;
    if (!budgeted(req, res, staffRead)) return;
    const early = staffRead ? null : groupsNotYetPublic(a.value, String(req.params.rid));
    if (early) return send(res, early);
    send(res, await opinionGroupsView(ctx, a.value, String(req.params.rid)));
  });

  /**
   * A staff-only export of one round: `.json` is the view, `.csv` its rows,
   * proposals titled as voters saw them on the round's frozen paper.
   */
  function roundExport<T>(file: string, refusal: string, columns: readonly CsvColumn[], read: (a: AssemblyState, roundId: string) => Promise<HubResult<T>>, rowsOf: (value: T, title: (id: string) => string) => unknown[][]) {
    r.get(`/assemblies/:id/rounds/:rid/${file}.:fmt`, async (req, res) => {
      const a = staff(req, res);
      if (!a) return;
      const view = await read(a, String(req.params.rid));
      if (!view.ok || req.params.fmt === 'json') return send(res, view);
      if (req.params.fmt !== 'csv') return sendError(res, 'NOT_FOUND', refusal);
      const round = a.rounds.get(String(req.params.rid))!;
      const paper = new Map((round.paper ?? []).map((p) => [p.id, p.title]));
      await sendCsv(res, `round-${round.seq}-${file === 'breakdown' ? 'by-segment' : file}.csv`, columns, rowsOf(view.value, (id) => paper.get(id) ?? ''));
    });
  }

  // Co-support (§5.8): rows backed by fewer than 5 voters are left out of the CSV and null in the JSON.
  roundExport('co-support', 'Co-support exports as .csv or .json.', CSV_COLUMNS.coSupport, (a, rid) => coSupportView(ctx, a, rid), (cs, title) => {
    const rows: unknown[][] = [];
    for (const row of cs.rows) {
      if (!row.shown) continue;
      cs.optionIds.forEach((b, x) => {
        if (b !== row.id) rows.push([row.id, title(row.id), row.backers, b, title(b), round4(row.plus[x] ?? 0), round4(row.minus[x] ?? 0)]);
      });
    }
    return rows;
  });

  roundExport('breakdown', 'Breakdowns export as .csv or .json.', CSV_COLUMNS.breakdown, (a, rid) => segmentBreakdown(ctx, a, rid), (breakdown, title) => {
    const rows: unknown[][] = [];
    for (const q of breakdown) {
      for (const g of q.groups) {
        if (g.suppressed || !g.options) {
          rows.push([q.label, g.label, g.suppressed ? `not shown (protects groups of fewer than ${q.minGroup})` : g.voters, '', '', '', '', '', '']);
          continue;
        }
        for (const o of g.options) rows.push([q.label, g.label, g.voters, o.id, title(o.id), o.plus, o.minus, o.net, round4(o.support)]);
      }
    }
    return rows;
  });

  r.get('/assemblies/:id/report.:fmt', async (req, res) => {
    const a = staff(req, res);
    if (!a) return;
    const report = await buildReport(ctx, a);
    if (req.params.fmt === 'json') return send(res, hubOk(report));
    if (req.params.fmt !== 'csv') return sendError(res, 'NOT_FOUND', 'The report exports as .csv or .json.');
    await sendCsv(res, `report-${a.row.id}.csv`, CSV_COLUMNS.report, reportRows(report));
  });

  return r;
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
