import { hashSecret, newId, newToken } from '../ids.ts';
import { hubErr, hubOk, type AssemblyState, type HubContext, type HubResult } from './context.ts';
import { normaliseCode } from './codes.ts';

export interface VoterIdentity {
  participantId: string;
  /** The token the phone keeps; returned again on every join. */
  token: string;
}

/** Codes being redeemed right now (claimed before the first await, so two phones cannot both win). */
const redeeming = new WeakMap<AssemblyState, Set<string>>();

/** Limits on creating participants, decided by the transport (per address, per socket). */
export interface JoinPolicy {
  /** May one more participant be created now? Takes from the caller's budgets when it answers yes. */
  mayCreate(): boolean;
  /** A code attempt failed (wrong code): counts toward the caller's back-off. */
  codeFailed?(): void;
}

const anyone: JoinPolicy = { mayCreate: () => true };

/**
 * A phone joins. One that brings a valid participant token gets its
 * participant back, in either mode. Otherwise: in open mode any phone
 * becomes a new participant (within `policy`); in codes mode it must redeem
 * an unused code, which then belongs to it alone. Memory changes only after
 * the store committed (a full disk leaves the code unused, so the retry works).
 */
export async function joinVoter(
  ctx: HubContext,
  a: AssemblyState,
  token: string | undefined,
  code?: string | undefined,
  joinId?: string | undefined,
  policy: JoinPolicy = anyone,
): Promise<HubResult<VoterIdentity>> {
  if (token) {
    const found = await ctx.store.findParticipant(a.row.id, hashSecret(token));
    if (found && (found.revoked || a.revoked.has(found.id))) {
      return hubErr('CODE_REVOKED', 'This phone’s access was withdrawn by the facilitator. Ask for a new code.');
    }
    if (found) return hubOk({ participantId: found.id, token });
  }
  if (a.row.joinMode === 'open') {
    if (!policy.mayCreate()) return tooManyJoins();
    return hubOk(await newParticipant(ctx, a));
  }

  if (!code) return hubErr('CODE_REQUIRED', 'This assembly uses access codes: scan the code on your card or type it in.');
  const hash = hashSecret(normaliseCode(code));
  const entry = a.codes.get(hash);
  if (!entry) {
    policy.codeFailed?.();
    return hubErr('CODE_INVALID', 'That code is not valid for this assembly. Check it and try again.');
  }
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
  let claims = redeeming.get(a);
  if (!claims) redeeming.set(a, (claims = new Set()));
  if (claims.has(hash)) return hubErr('CODE_USED', 'That code is already in use on another phone.');
  claims.add(hash);
  try {
    // Participant and code in one commit: both or neither.
    const identity = { participantId: newId(9), token: newToken() };
    const used = { ...entry, status: 'used' as const, joinId: joinId ?? null, participantId: identity.participantId };
    await Promise.all([
      ctx.store.addParticipant({ id: identity.participantId, assemblyId: a.row.id, tokenHash: hashSecret(identity.token), createdAt: ctx.clock.now(), revoked: false }),
      ctx.store.saveAccessCode(used),
    ]);
    Object.assign(entry, used);
    a.participants++;
    ctx.listener.codeChanged(a, entry);
    ctx.listener.tallyChanged(a, '');
    return hubOk(identity);
  } finally {
    claims.delete(hash);
  }
}

function tooManyJoins(): HubResult<never> {
  return hubErr('RATE_LIMITED', 'Too many new participants from this connection or address; wait a moment and try again.');
}

async function newParticipant(ctx: HubContext, a: AssemblyState): Promise<VoterIdentity> {
  const token = newToken();
  const id = newId(9);
  await ctx.store.addParticipant({ id, assemblyId: a.row.id, tokenHash: hashSecret(token), createdAt: ctx.clock.now(), revoked: false });
  a.participants++;
  ctx.listener.tallyChanged(a, '');
  return { participantId: id, token };
}

/**
 * The same phone joining again on the same socket (a re-sent join): the
 * same participant with a fresh token, never a new one (docs/security.md).
 */
export async function rejoinSameSocket(ctx: HubContext, a: AssemblyState, participantId: string): Promise<HubResult<VoterIdentity>> {
  if (a.revoked.has(participantId)) return hubErr('CODE_REVOKED', 'This phone’s access was withdrawn by the facilitator. Ask for a new code.');
  const token = newToken();
  await ctx.store.setParticipantToken(participantId, hashSecret(token));
  return hubOk({ participantId, token });
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

