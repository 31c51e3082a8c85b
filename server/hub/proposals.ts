import { parse } from 'csv-parse/sync';
import { parseAmount } from '../../shared/domain/index.ts';
import { LIMITS, ProposalInput, type ProposalPatch } from '../../shared/protocol/schemas.ts';
import { newId } from '../ids.ts';
import type { ProposalRow } from '../store/types.ts';
import { definedOnly } from './assemblies.ts';
import { hubErr, hubOk, type AssemblyState, type HubContext, type HubResult } from './context.ts';
import { commitRound, serialised } from './roundOwner.ts';

function nextPosition(a: AssemblyState): number {
  let max = -1;
  for (const p of a.proposals.values()) max = Math.max(max, p.position);
  return max + 1;
}

function newRow(ctx: HubContext, a: AssemblyState, input: ProposalInput, position: number): ProposalRow {
  return {
    id: newId(6),
    assemblyId: a.row.id,
    title: input.title,
    description: input.description ?? '',
    cost: input.cost ?? null,
    position,
    createdAt: ctx.clock.now(),
    status: 'approved',
    authorId: null,
    reason: null,
    mergedInto: null,
    clientId: null,
  };
}

export async function createProposal(ctx: HubContext, a: AssemblyState, input: ProposalInput): Promise<HubResult<ProposalRow>> {
  if (a.proposals.size >= LIMITS.proposalsPerAssemblyMax) {
    return hubErr('CONFLICT', `An assembly holds at most ${LIMITS.proposalsPerAssemblyMax} proposals.`);
  }
  const row = newRow(ctx, a, input, nextPosition(a));
  await ctx.store.saveProposal(row);
  a.proposals.set(row.id, row);
  ctx.listener.assemblyChanged(a);
  return hubOk(row);
}

/**
 * The freeze rule, one for every field and every action: while a proposal
 * is on an OPEN round it cannot be edited (title, description, cost),
 * moderated (approve, reject, reopen), merged (as source or target) or
 * deleted: PROPOSAL_FROZEN, naming the round. Before a round opens and
 * after it closes every change is allowed and applies to later rounds
 * only, since each opened round keeps its own copy of its ballot paper.
 */
export function frozenBy(a: AssemblyState, proposalId: string): HubResult<null> {
  for (const r of a.rounds.values()) {
    if (r.status === 'open' && r.proposalIds.includes(proposalId)) {
      const title = a.proposals.get(proposalId)?.title ?? proposalId;
      return hubErr('PROPOSAL_FROZEN', `“${title}” is on the ballot of vote ${r.seq}, which is open: change it after the vote closes (the change applies to later votes).`);
    }
  }
  return hubOk(null);
}

export function updateProposal(ctx: HubContext, a: AssemblyState, proposalId: string, patch: ProposalPatch): Promise<HubResult<ProposalRow>> {
  return serialised(a, async () => {
    const current = a.proposals.get(proposalId);
    if (!current) return hubErr('NOT_FOUND', 'No proposal with that id in this assembly.');
    const frozen = frozenBy(a, proposalId);
    if (!frozen.ok) return frozen;
    const row: ProposalRow = { ...current, ...definedOnly(patch) } as ProposalRow;
    await ctx.store.saveProposal(row);
    a.proposals.set(row.id, row);
    ctx.listener.assemblyChanged(a);
    return hubOk(row);
  });
}

export function deleteProposal(ctx: HubContext, a: AssemblyState, proposalId: string): Promise<HubResult<{ proposalId: string }>> {
  return serialised(a, async () => {
    if (!a.proposals.has(proposalId)) return hubErr('NOT_FOUND', 'No proposal with that id in this assembly.');
    const frozen = frozenBy(a, proposalId);
    if (!frozen.ok) return frozen;
    await ctx.store.deleteProposal(proposalId);
    a.proposals.delete(proposalId);
    // Draft rounds drop the deleted proposal from their list; opened rounds keep their paper.
    for (const r of [...a.rounds.values()]) {
      if (r.status === 'draft' && r.proposalIds.includes(proposalId)) {
        const next = { ...r, proposalIds: r.proposalIds.filter((id) => id !== proposalId) };
        if (next.winners > next.proposalIds.length) next.winners = Math.max(1, next.proposalIds.length);
        await commitRound(ctx, a, next, 'updated');
      }
    }
    ctx.listener.assemblyChanged(a);
    return hubOk({ proposalId });
  });
}

/** Sets the display order; ids not listed keep their relative order after the listed ones. */
export async function reorderProposals(ctx: HubContext, a: AssemblyState, ids: string[]): Promise<HubResult<ProposalRow[]>> {
  for (const id of ids) if (!a.proposals.has(id)) return hubErr('NOT_FOUND', `No proposal "${id}" in this assembly.`);
  if (new Set(ids).size !== ids.length) return hubErr('BAD_REQUEST', 'A proposal is listed twice.');
  const rest = [...a.proposals.values()].filter((p) => !ids.includes(p.id)).sort((x, y) => x.position - y.position);
  const ordered = [...ids.map((id) => a.proposals.get(id)!), ...rest].map((p, position) => ({ ...p, position }));
  await ctx.store.saveProposals(ordered);
  for (const p of ordered) a.proposals.set(p.id, p);
  ctx.listener.assemblyChanged(a);
  return hubOk(ordered);
}

/**
 * CSV import: a header row naming `title` (required), `description` and
 * `cost` in any order. Every row is validated before anything is stored:
 * a bad row rejects the whole file with its line number.
 */
export async function importProposals(ctx: HubContext, a: AssemblyState, csv: string): Promise<HubResult<ProposalRow[]>> {
  if (Buffer.byteLength(csv) > LIMITS.csvImportMaxBytes) return hubErr('PAYLOAD_TOO_LARGE', 'The CSV file is too large (512 KB at most).');
  let records: Record<string, string>[];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as Record<string, string>[];
  } catch (e) {
    return hubErr('BAD_REQUEST', `The CSV could not be read: ${(e as Error).message}`);
  }
  if (records.length === 0) return hubErr('BAD_REQUEST', 'The CSV has no rows under its header.');
  if (!('title' in records[0]!)) return hubErr('BAD_REQUEST', 'The CSV needs a header row with a "title" column.');
  if (a.proposals.size + records.length > LIMITS.proposalsPerAssemblyMax) {
    return hubErr('CONFLICT', `An assembly holds at most ${LIMITS.proposalsPerAssemblyMax} proposals.`);
  }
  const inputs: ProposalInput[] = [];
  for (const [i, rec] of records.entries()) {
    const cost = parseAmount(rec.cost ?? '');
    const candidate: Record<string, unknown> = { title: rec.title ?? '' };
    if (rec.description) candidate.description = rec.description;
    if (cost !== null) candidate.cost = cost;
    const parsed = ProposalInput.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return hubErr('BAD_REQUEST', `CSV line ${i + 2}: ${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}`);
    }
    inputs.push(parsed.data);
  }
  let position = nextPosition(a);
  const rows = inputs.map((input) => newRow(ctx, a, input, position++));
  await ctx.store.saveProposals(rows);
  for (const r of rows) a.proposals.set(r.id, r);
  ctx.listener.assemblyChanged(a);
  return hubOk(rows);
}
