import { randomInt } from 'node:crypto';
import type { RoundRow } from '../store/types.ts';
import type { AssemblyState, HubContext } from './context.ts';
import { loadRoundPaper } from './paperState.ts';

/** A severed paper code's prefix: `sealed:<n>`, numbered in a random order. */
export const PAPER_PSEUDONYM = 'sealed:';

/**
 * Once a round is closed and sealed, its paper ballots no longer need the
 * access cards printed on them (one person one way is decided): each code
 * id on its keyings and decisions is replaced by a pseudonym, numbered in
 * a random order, so keyings that agreed still agree and the audit log
 * keeps who keyed which serial, but no row leads from a card to a paper
 * ballot's votes (docs/security.md, "The data file"). Run at close and, for
 * a closed round not severed yet (a crash in between, older data), at start.
 */
export async function severPaperCodes(ctx: HubContext, a: AssemblyState, round: RoundRow): Promise<void> {
  if (round.status !== 'closed') return;
  const { keyings, decisions } = await ctx.store.loadPaper(round.id);
  const codes = [...new Set([...keyings, ...decisions].flatMap((r) => (r.codeId && !r.codeId.startsWith(PAPER_PSEUDONYM) ? [r.codeId] : [])))];
  if (codes.length === 0) return;
  // Fisher–Yates with the system's random numbers: the numbering says nothing of the cards.
  for (let i = codes.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [codes[i], codes[j]] = [codes[j]!, codes[i]!];
  }
  await ctx.store.severPaperCodes(round.id, Object.fromEntries(codes.map((c, i) => [c, `${PAPER_PSEUDONYM}${i + 1}`])));
  const stored = await ctx.store.loadPaper(round.id);
  // The closed round's tally already holds its paper ballots: memory follows the rows, the counts stay.
  a.paper.set(round.id, loadRoundPaper(stored.keyings, stored.decisions, null));
}
