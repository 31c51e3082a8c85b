import { resolveRules, shufflesBallot, type BallotRules, type PaperEntry } from '../../shared/domain/index.ts';
import type { AssemblyView, ProposalView, PublicProposalView, RoundView, ScreenAssemblyView } from '../../shared/protocol/views.ts';
import type { AssemblyRow, ProposalRow, RoundRow } from '../store/types.ts';
import { currentRound, type AssemblyState } from './context.ts';
import { ruleOverrides } from './practice.ts';

export function proposalView(p: ProposalRow): ProposalView {
  return {
    id: p.id,
    title: p.title,
    description: p.description,
    cost: p.cost,
    position: p.position,
    status: p.status,
    submitted: p.authorId !== null,
    reason: p.reason,
    mergedInto: p.mergedInto,
  };
}

/** A proposal as screens and voters see it: no status, author flag or moderator's reason. */
export function publicProposalView(p: ProposalRow): PublicProposalView {
  return { id: p.id, title: p.title, description: p.description, cost: p.cost, position: p.position };
}

/**
 * What a token-less screen knows: opened and closed rounds and the
 * proposals on them (docs/security.md, "What each role receives").
 */
export function screenAssemblyView(
  a: AssemblyRow,
  proposals: ReadonlyMap<string, ProposalRow>,
  rounds: Iterable<RoundRow>,
  currentRoundId: string | null,
): ScreenAssemblyView {
  const opened = [...rounds].filter((r) => r.status !== 'draft').sort((x, y) => x.seq - y.seq);
  const onBallot = new Set(opened.flatMap((r) => r.proposalIds));
  const shown = [...onBallot].flatMap((id) => {
    const p = proposals.get(id);
    return p ? [p] : [];
  });
  return {
    id: a.id,
    title: a.title,
    joinMode: a.joinMode,
    display: a.display,
    settings: { language: a.settings.language, currency: a.settings.currency, screens: a.settings.screens, map: a.settings.map },
    proposals: shown.sort((x, y) => x.position - y.position).map(publicProposalView),
    rounds: opened.map(roundView),
    currentRoundId: opened.some((r) => r.id === currentRoundId) ? currentRoundId : null,
  };
}

/** A proposal as a round's frozen paper shows it to voters: the public fields only, as they were at open. */
export function paperProposalView(entry: PaperEntry, position: number): PublicProposalView {
  return { id: entry.id, title: entry.title, description: entry.description, cost: entry.cost, position };
}

/** Rules of a stored round: validated when the round was saved, so this cannot fail. */
export function roundRules(r: RoundRow): BallotRules {
  const res = resolveRules(r.proposalIds.length, r.winners, ruleOverrides(r));
  if (!res.ok) throw new Error(`stored round ${r.id} has invalid rules: ${res.message}`);
  return res.value;
}

export function roundView(r: RoundRow): RoundView {
  return {
    id: r.id,
    assemblyId: r.assemblyId,
    seq: r.seq,
    question: r.question,
    status: r.status,
    proposalIds: [...r.proposalIds],
    rules: roundRules(r),
    overrides: { plus: r.plus, minus: r.minus, ratio: r.ratio },
    budget: r.budget,
    visibility: r.visibility,
    lockBallots: r.lockBallots,
    durationSec: r.durationSec,
    deadline: r.deadline,
    openedAt: r.openedAt,
    closedAt: r.closedAt,
    origin: r.origin,
    practice: { ...r.practice, exclusion: { ...r.practice.exclusion }, pots: r.practice.pots?.map((p) => ({ ...p })) ?? null, potOf: { ...r.practice.potOf } },
    shuffled: shufflesBallot(r.practice.shuffle, r.proposalIds.length),
    paper: r.paper ? r.paper.map((p) => ({ ...p })) : null,
    seal: r.seal ? { format: r.seal.format, digest: r.seal.digest, closedAt: r.seal.closedAt } : null,
  };
}

export function assemblyView(
  a: AssemblyRow,
  proposals: Iterable<ProposalRow>,
  rounds: Iterable<RoundRow>,
  currentRoundId: string | null,
): AssemblyView {
  return {
    id: a.id,
    title: a.title,
    joinMode: a.joinMode,
    display: a.display,
    createdAt: a.createdAt,
    settings: a.settings,
    proposals: [...proposals].sort((x, y) => x.position - y.position).map(proposalView),
    rounds: [...rounds].sort((x, y) => x.seq - y.seq).map(roundView),
    currentRoundId,
  };
}

/** The whole assembly as staff see it: settings, proposals, rounds, the current round. */
export function fullAssemblyView(a: AssemblyState): AssemblyView {
  return assemblyView(a.row, a.proposals.values(), a.rounds.values(), currentRound(a)?.id ?? null);
}
