import { LIMITS, type ProposalMerge, type ProposalModerate, type ProposalSubmit } from '../../shared/protocol/schemas.ts';
import type { SubmissionView } from '../../shared/protocol/views.ts';
import { newId } from '../ids.ts';
import type { ProposalRow } from '../store/types.ts';
import { hubErr, hubOk, type AssemblyState, type HubContext, type HubResult } from './context.ts';
import { frozenBy } from './proposals.ts';
import { serialised } from './roundOwner.ts';

/**
 * The proposal phase (NHS Citizen): participants propose from their phones,
 * the facilitator moderates. Only approved proposals can go on a ballot.
 */

/** `a` names the proposal a merged one went into, so phones word it in their own language. */
export function submissionView(p: ProposalRow, a: AssemblyState): SubmissionView {
  const mergedIntoTitle = p.mergedInto ? (a.proposals.get(p.mergedInto)?.title ?? null) : null;
  return { id: p.id, title: p.title, description: p.description, status: p.status, reason: p.reason, mergedIntoTitle, createdAt: p.createdAt };
}

export function mySubmissions(a: AssemblyState, participantId: string): SubmissionView[] {
  return [...a.proposals.values()]
    .filter((p) => p.authorId === participantId)
    .sort((x, y) => x.createdAt - y.createdAt)
    .map((p) => submissionView(p, a));
}

export async function submitProposal(
  ctx: HubContext,
  a: AssemblyState,
  participantId: string,
  input: ProposalSubmit,
): Promise<HubResult<SubmissionView>> {
  const { open, maxPerParticipant } = a.row.settings.submissions;
  if (!open) return hubErr('FORBIDDEN', 'The facilitator is not taking proposals right now.');
  if (a.revoked.has(participantId)) return hubErr('CODE_REVOKED', 'This phone’s access was withdrawn by the facilitator.');
  if (input.submissionId) {
    for (const p of a.proposals.values()) {
      if (p.authorId === participantId && p.clientId === input.submissionId) return hubOk(submissionView(p, a));
    }
  }
  // Every cap on every path, and phones never fill the cap themselves: open-mode phones of one
  // address filled all 2,000 places in seconds and the facilitator could add nothing. Phones stop at
  // phoneProposalsMax (the rest is the console's), with at most pendingSubmissionsMax waiting for moderation.
  if (a.proposals.size >= LIMITS.phoneProposalsMax) {
    return hubErr('SUBMISSION_LIMIT', `This assembly already holds ${a.proposals.size} proposals, the most phones may add.`);
  }
  let pending = 0;
  for (const p of a.proposals.values()) if (p.status === 'pending' && p.authorId !== null) pending++;
  if (pending >= LIMITS.pendingSubmissionsMax) {
    return hubErr('SUBMISSION_LIMIT', `${pending} proposals are waiting for moderation, the most allowed; try again after the facilitator has gone through them.`);
  }
  const mine = mySubmissions(a, participantId);
  if (mine.length >= maxPerParticipant) {
    return hubErr('SUBMISSION_LIMIT', `You have already submitted ${maxPerParticipant} proposal${maxPerParticipant === 1 ? '' : 's'}, the most allowed.`);
  }
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  if (mine.some((m) => norm(m.title) === norm(input.title))) return hubErr('CONFLICT', 'You already submitted a proposal with this title.');
  let position = 0;
  for (const p of a.proposals.values()) position = Math.max(position, p.position + 1);
  const row: ProposalRow = {
    id: newId(6),
    assemblyId: a.row.id,
    title: input.title,
    description: input.description ?? '',
    cost: null,
    position,
    createdAt: ctx.clock.now(),
    status: 'pending',
    authorId: participantId,
    reason: null,
    mergedInto: null,
    clientId: input.submissionId ?? null,
  };
  await ctx.store.saveProposal(row);
  a.proposals.set(row.id, row);
  ctx.listener.proposalChanged(a, row);
  // The author's other tabs learn of it too.
  ctx.listener.submissionChanged(a, row);
  return hubOk(submissionView(row, a));
}

async function save(ctx: HubContext, a: AssemblyState, row: ProposalRow): Promise<void> {
  await ctx.store.saveProposal(row);
  a.proposals.set(row.id, row);
  ctx.listener.proposalChanged(a, row);
  if (row.authorId) ctx.listener.submissionChanged(a, row);
}

/** Approve, reject or reopen; refused while the proposal is on an open round (proposals.ts, frozenBy). */
export function moderateProposal(ctx: HubContext, a: AssemblyState, input: ProposalModerate): Promise<HubResult<ProposalRow>> {
  return serialised(a, () => moderate(ctx, a, input));
}

async function moderate(ctx: HubContext, a: AssemblyState, input: ProposalModerate): Promise<HubResult<ProposalRow>> {
  const p = a.proposals.get(input.proposalId);
  if (!p) return hubErr('NOT_FOUND', 'No proposal with that id in this assembly.');
  const frozen = frozenBy(a, p.id);
  if (!frozen.ok) return frozen;
  const row: ProposalRow =
    input.action === 'approve'
      ? { ...p, status: 'approved', reason: null, mergedInto: null }
      : input.action === 'reject'
        ? { ...p, status: 'rejected', reason: input.reason || null, mergedInto: null }
        : { ...p, status: 'pending', reason: null, mergedInto: null };
  await save(ctx, a, row);
  return hubOk(row);
}

/**
 * Merges duplicates: the target (optionally retitled) is approved, the
 * sources are marked merged into it and their authors see where they went.
 */
export function mergeProposals(ctx: HubContext, a: AssemblyState, input: ProposalMerge): Promise<HubResult<ProposalRow>> {
  return serialised(a, () => merge(ctx, a, input));
}

async function merge(ctx: HubContext, a: AssemblyState, input: ProposalMerge): Promise<HubResult<ProposalRow>> {
  const target = a.proposals.get(input.targetId);
  if (!target) return hubErr('NOT_FOUND', 'No target proposal with that id.');
  const targetFrozen = frozenBy(a, target.id);
  if (!targetFrozen.ok) return targetFrozen;
  if (input.sourceIds.includes(target.id)) return hubErr('BAD_REQUEST', 'A proposal cannot be merged into itself.');
  const sources: ProposalRow[] = [];
  for (const id of new Set(input.sourceIds)) {
    const s = a.proposals.get(id);
    if (!s) return hubErr('NOT_FOUND', `No proposal "${id}" in this assembly.`);
    const frozen = frozenBy(a, id);
    if (!frozen.ok) return frozen;
    sources.push(s);
  }
  const merged: ProposalRow = {
    ...target,
    title: input.title ?? target.title,
    description: input.description ?? target.description,
    status: 'approved',
    reason: null,
    mergedInto: null,
  };
  await save(ctx, a, merged);
  for (const s of sources) {
    await save(ctx, a, { ...s, status: 'merged', mergedInto: merged.id, reason: `Merged into “${merged.title}”` });
  }
  return hubOk(merged);
}
