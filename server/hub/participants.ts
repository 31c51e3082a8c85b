import { hashSecret, newId, newToken } from '../ids.ts';
import { hubErr, hubOk, type AssemblyState, type HubContext, type HubResult } from './context.ts';

export interface VoterIdentity {
  participantId: string;
  /** The token the phone keeps; returned again on every join. */
  token: string;
}

/**
 * Open mode: a phone that brings a valid participant token gets its
 * participant back; any other phone becomes a new participant.
 */
export async function joinVoter(ctx: HubContext, a: AssemblyState, token: string | undefined): Promise<HubResult<VoterIdentity>> {
  if (a.row.joinMode === 'codes') {
    return hubErr('CODE_REQUIRED', 'This assembly uses access codes: scan the code on your card.');
  }
  if (token) {
    const found = await ctx.store.findParticipant(a.row.id, hashSecret(token));
    if (found) return hubOk({ participantId: found.id, token });
  }
  const fresh = newToken();
  const id = newId(9);
  await ctx.store.addParticipant({ id, assemblyId: a.row.id, tokenHash: hashSecret(fresh), createdAt: ctx.clock.now() });
  a.participants++;
  ctx.listener.tallyChanged(a, '');
  return hubOk({ participantId: id, token: fresh });
}

/** Presence counts people: a participant with three tabs is online once. */
export function markOnline(ctx: HubContext, a: AssemblyState, participantId: string, delta: 1 | -1): void {
  const n = (a.online.get(participantId) ?? 0) + delta;
  if (n <= 0) a.online.delete(participantId);
  else a.online.set(participantId, n);
  if ((delta === 1 && n === 1) || n <= 0) ctx.listener.tallyChanged(a, '');
}
