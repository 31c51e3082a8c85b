import { randomInt } from 'node:crypto';
import { removeBallot } from '../../shared/domain/index.ts';
import { hashSecret, newId } from '../ids.ts';
import type { CodeView, IssuedCode } from '../../shared/protocol/views.ts';
import type { AccessCodeRow } from '../store/types.ts';
import { hubErr, hubOk, type AssemblyState, type HubContext, type HubResult } from './context.ts';
import { currentBallot } from './ballots.ts';

/** No 0/O, 1/I/L: codes are read off paper and typed on phones. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** 8 characters of 31: about 40 bits, with rate limits on join attempts. */
const CODE_LENGTH = 8;
export const MAX_CODES_PER_REQUEST = 2000;


export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

function newCode(): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

export function codeView(c: AccessCodeRow): CodeView {
  return { id: c.id, label: c.label, status: c.status, replacesId: c.replacesId, createdAt: c.createdAt };
}

export function listCodes(a: AssemblyState): CodeView[] {
  return [...a.codes.values()].sort((x, y) => x.label - y.label).map(codeView);
}

async function issue(ctx: HubContext, a: AssemblyState, count: number, replacesId: string | null): Promise<IssuedCode[]> {
  let label = 0;
  for (const c of a.codes.values()) label = Math.max(label, c.label);
  const issued: { row: AccessCodeRow; code: string }[] = [];
  while (issued.length < count) {
    const code = newCode();
    const codeHash = hashSecret(normaliseCode(code));
    if (a.codes.has(codeHash) || issued.some((i) => i.row.codeHash === codeHash)) continue;
    issued.push({
      code,
      row: {
        id: newId(6),
        assemblyId: a.row.id,
        codeHash,
        label: ++label,
        status: 'unused',
        participantId: null,
        replacesId,
        createdAt: ctx.clock.now(),
        joinId: null,
      },
    });
  }
  await ctx.store.addAccessCodes(issued.map((i) => i.row));
  for (const i of issued) a.codes.set(i.row.codeHash, i.row);
  for (const i of issued) ctx.listener.codeChanged(a, i.row);
  return issued.map((i) => ({ ...codeView(i.row), code: i.code }));
}

export async function generateCodes(ctx: HubContext, a: AssemblyState, count: number): Promise<HubResult<IssuedCode[]>> {
  if (count < 1 || count > MAX_CODES_PER_REQUEST) return hubErr('BAD_REQUEST', `Generate between 1 and ${MAX_CODES_PER_REQUEST} codes at a time.`);
  return hubOk(await issue(ctx, a, count, null));
}

/**
 * Revokes a code (a lost or dead phone). Its participant stops counting at
 * once: its sessions end, its ballots in open rounds are taken out of the
 * store and the tally, and its token no longer works. Ballots in closed
 * rounds stay: those results were final. With `replace`, a fresh code is
 * issued for the same person to use on another phone.
 */
export async function revokeCode(
  ctx: HubContext,
  a: AssemblyState,
  codeId: string,
  replace: boolean,
): Promise<HubResult<{ revoked: CodeView; replacement: IssuedCode | null }>> {
  const entry = [...a.codes.values()].find((c) => c.id === codeId);
  if (!entry) return hubErr('NOT_FOUND', 'No access code with that id in this assembly.');
  if (entry.status === 'revoked') return hubErr('CONFLICT', 'That code is already revoked.');
  // Memory follows the commit: a failed write leaves the code as it was.
  await ctx.store.saveAccessCode({ ...entry, status: 'revoked' });
  entry.status = 'revoked';
  ctx.listener.codeChanged(a, entry);
  const pid = entry.participantId;
  if (pid && !a.revoked.has(pid)) {
    a.revoked.add(pid);
    a.participants = Math.max(0, a.participants - 1);
    await ctx.store.revokeParticipant(pid);
    for (const [roundId, live] of a.live) {
      if (live.row.status !== 'open' || !live.accepting) continue;
      const ballot = await currentBallot(ctx, live, pid);
      // Checked again after the read: a round that began closing meanwhile keeps the ballot it is sealing.
      if (!ballot || live.row.status !== 'open' || !live.accepting) continue;
      live.ballots.set(pid, null);
      await ctx.store.deleteBallot(roundId, pid);
      removeBallot(live.tally, ballot);
      ctx.listener.tallyChanged(a, roundId);
    }
    a.online.delete(pid);
    ctx.listener.participantRevoked(a, pid);
    ctx.listener.tallyChanged(a, '');
  }
  const replacement = replace ? (await issue(ctx, a, 1, entry.id))[0]! : null;
  return hubOk({ revoked: codeView(entry), replacement });
}
