import { hashSecret, newId, newToken } from '../ids.ts';
import { hubErr, hubOk, type AssemblyState, type HubContext, type HubResult } from './context.ts';
import { normaliseCode } from './codes.ts';

export interface VoterIdentity {
  participantId: string;
  /** The token the phone keeps; returned again on every join. */
  token: string;
}

/**
 * A phone joins. One that brings a valid participant token gets its
 * participant back, in either mode. Otherwise: in open mode any phone
 * becomes a new participant; in codes mode it must redeem an unused code,
 * which then belongs to it alone.
 */
export async function joinVoter(
  ctx: HubContext,
  a: AssemblyState,
  token: string | undefined,
  code?: string | undefined,
  joinId?: string | undefined,
): Promise<HubResult<VoterIdentity>> {
  if (token) {
    const found = await ctx.store.findParticipant(a.row.id, hashSecret(token));
    if (found && (found.revoked || a.revoked.has(found.id))) {
      return hubErr('CODE_REVOKED', 'This phone’s access was withdrawn by the facilitator. Ask for a new code.');
    }
    if (found) return hubOk({ participantId: found.id, token });
  }
  if (a.row.joinMode === 'open') return hubOk(await newParticipant(ctx, a));

  if (!code) return hubErr('CODE_REQUIRED', 'This assembly uses access codes: scan the code on your card or type it in.');
  const entry = a.codes.get(hashSecret(normaliseCode(code)));
  if (!entry) return hubErr('CODE_INVALID', 'That code is not valid for this assembly. Check it and try again.');
  if (entry.status === 'revoked') return hubErr('CODE_REVOKED', 'That code was withdrawn. Ask the facilitator for a new one.');
  if (entry.status === 'used') {
    // The same phone retrying a join whose reply it never got: same
    // participant, fresh token (only the hash of the lost one is stored).
    if (joinId && entry.joinId === joinId && entry.participantId && !a.revoked.has(entry.participantId)) {
      const fresh = newToken();
      await ctx.store.setParticipantToken(entry.participantId, hashSecret(fresh));
      return hubOk({ participantId: entry.participantId, token: fresh });
    }
    return hubErr('CODE_USED', 'That code is already in use on another phone.');
  }
  // Claim the code in memory before the first await: two phones racing
  // for one code cannot both win.
  entry.status = 'used';
  entry.joinId = joinId ?? null;
  const identity = await newParticipant(ctx, a, false);
  entry.participantId = identity.participantId;
  await ctx.store.saveAccessCode(entry);
  ctx.listener.codeChanged(a, entry);
  ctx.listener.tallyChanged(a, '');
  return hubOk(identity);
}

async function newParticipant(ctx: HubContext, a: AssemblyState, announce = true): Promise<VoterIdentity> {
  const token = newToken();
  const id = newId(9);
  await ctx.store.addParticipant({ id, assemblyId: a.row.id, tokenHash: hashSecret(token), createdAt: ctx.clock.now(), revoked: false });
  a.participants++;
  if (announce) ctx.listener.tallyChanged(a, '');
  return { participantId: id, token };
}

/** Presence counts people: a participant with three tabs is online once. */
export function markOnline(ctx: HubContext, a: AssemblyState, participantId: string, delta: 1 | -1): void {
  const n = (a.online.get(participantId) ?? 0) + delta;
  if (n <= 0) a.online.delete(participantId);
  else a.online.set(participantId, n);
  if (n <= 0) a.away?.delete(participantId);
  if (delta === 1) ctx.cluster?.joinedHere?.(a, participantId);
  if ((delta === 1 && n === 1) || n <= 0) ctx.listener.tallyChanged(a, '');
}

