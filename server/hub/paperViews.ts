import { channelTotals, paperAudit, paperSummary, reconcilePaper, typedLine, type Ballot, type PaperAuditRow } from '../../shared/domain/index.ts';
import type { EntryRoundView, EntryState, PaperBallotView, PaperEntryView, PaperListView } from '../../shared/protocol/paperViews.ts';
import type { BallotRow, PaperKeyingRow, RoundRow } from '../store/types.ts';
import { currentRound, hubErr, hubOk, type AssemblyState, type HubContext, type HubResult } from './context.ts';
import { asDecision, countedPaperBallots, paperStates, type RoundPaper, type SerialPaper } from './paperState.ts';
import { roundBallots } from './roundBallots.ts';
import { roundRules } from './views.ts';

/**
 * What the paper-ballot commands answer and the broadcasts carry, per role
 * (shared/protocol/disclosure.ts): a staff link sees its own keyings and
 * each serial's status; the console sees every keying, by link name and
 * card number (never a code), and the counts.
 */

/** A keying as the link that made it sees it, with its serial's status now. */
export function entryView(k: PaperKeyingRow, rp: RoundPaper): PaperEntryView {
  const status = rp.serials.get(k.serial)?.state.status ?? 'waiting';
  return { entryId: k.id, roundId: k.roundId, serial: k.serial, plus: [...k.plus], minus: [...k.minus], withCode: k.codeId !== null, at: k.at, status };
}

const cardOf = (a: AssemblyState, codeId: string | null): number | null => {
  if (!codeId) return null;
  for (const c of a.codes.values()) if (c.id === codeId) return c.label;
  return null;
};

/** One serial as the facilitator's queue shows it. */
export function paperBallotView(a: AssemblyState, sp: SerialPaper): PaperBallotView {
  const s = sp.state;
  return {
    serial: s.serial,
    status: s.status,
    keyings: s.keyings.map((k) => ({
      entryId: k.id,
      staffId: k.staffId,
      staffName: a.staff.get(k.staffId)?.name ?? k.staffId,
      plus: [...k.plus],
      minus: [...k.minus],
      card: cardOf(a, k.codeId),
      at: k.at,
    })),
    ballot: s.ballot ? { plus: [...s.ballot.plus], minus: [...s.ballot.minus] } : null,
    reason: s.reason,
    hold: s.hold,
  };
}

/** The console's view of a round's paper ballots: every serial, counts per status, phone/paper/total counts. */
export async function paperListView(ctx: HubContext, a: AssemblyState, roundId: string): Promise<HubResult<PaperListView>> {
  const round = a.rounds.get(roundId);
  if (!round) return hubErr('NOT_FOUND', 'No round with that id in this assembly.');
  const rp = a.paper.get(roundId);
  const states = paperStates(rp);
  const phone = round.status === 'draft' ? [] : await phoneBallots(ctx, a, round);
  return hubOk({
    roundId,
    ballots: states.map((s) => paperBallotView(a, rp!.serials.get(s.serial)!)),
    summary: paperSummary(states),
    channels: channelTotals(round.proposalIds, phone, countedPaperBallots(rp)),
  });
}

/** The phones' counted ballots of a round (a closed round's from the store, severed: anonymous). */
async function phoneBallots(ctx: HubContext, a: AssemblyState, round: RoundRow): Promise<Ballot[]> {
  return round.status === 'closed' ? ctx.store.loadBallots(round.id) : roundBallots(ctx, a, round);
}

/**
 * A round's counted ballots by channel, read from the store (the truth in
 * a cluster too): the phones' and the paper's that count. For the seal at
 * close and the ballots export. `keyed` says whether any paper was keyed.
 */
export async function storedChannelBallots(ctx: HubContext, roundId: string): Promise<{ phone: BallotRow[]; paper: Ballot[]; keyed: boolean }> {
  const [phone, stored] = await Promise.all([ctx.store.loadBallots(roundId), ctx.store.loadPaper(roundId)]);
  const paper = reconcilePaper(stored.keyings, stored.decisions.map(asDecision)).flatMap((s) => (s.ballot && (s.status === 'matched' || s.status === 'resolved') ? [s.ballot] : []));
  return { phone, paper, keyed: stored.keyings.length + stored.decisions.length > 0 };
}

/** The audit log of a round's paper ballots (who keyed, accepted or voided which serial when: staff links by name, never voters). */
export async function paperAuditRows(ctx: HubContext, a: AssemblyState, roundId: string): Promise<HubResult<PaperAuditRow[]>> {
  const round = a.rounds.get(roundId);
  if (!round) return hubErr('NOT_FOUND', 'No round with that id in this assembly.');
  const stored = await ctx.store.loadPaper(roundId);
  const ids = round.paper?.map((p) => p.id) ?? round.proposalIds;
  const label = (staffId: string) => `${a.staff.get(staffId)?.name ?? '?'} (${staffId})`;
  return hubOk(paperAudit(stored.keyings, stored.decisions.map(asDecision), label, (b) => typedLine(b, ids)));
}

/** The round a staff link keys for: the open one, else the last opened; its paper and rules, nothing counted. */
function entryRound(a: AssemblyState): EntryRoundView | null {
  const r = currentRound(a);
  if (!r || r.status === 'draft' || !r.paper) return null;
  return { id: r.id, seq: r.seq, question: r.question, status: r.status, rules: roundRules(r), paper: r.paper.map((p) => ({ id: p.id, title: p.title })) };
}

/** A staff link's session state: the assembly's name, its own name, the round's paper and its own keyings there. */
export function entryState(a: AssemblyState, staffId: string): EntryState {
  const link = a.staff.get(staffId);
  const round = entryRound(a);
  const rp = round ? a.paper.get(round.id) : undefined;
  const mine = rp ? [...rp.entries.values()].filter((k) => k.staffId === staffId).sort((x, y) => y.at - x.at).map((k) => entryView(k, rp)) : [];
  return {
    assembly: { id: a.row.id, title: a.row.title, joinMode: a.row.joinMode, language: a.row.settings.language },
    staff: { id: staffId, name: link?.name ?? '' },
    round,
    mine,
  };
}
