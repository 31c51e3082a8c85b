import type { Ballot } from './ballot.ts';
import { validateBallot } from './ballot.ts';
import { canonicalJson, canonicalJsonWith } from './canonical.ts';
import { paperResults, type PaperEntry } from './paper.ts';
import type { RoundPractice } from './practice.ts';
import type { RoundResults } from './results.ts';
import type { BallotRules } from './rules.ts';
import { channelTotals, type ChannelTotals } from './paperBallots.ts';
import { sha256Hex } from './sha256.ts';
import { createTally, recount, type Tally } from './tally.ts';

/** Names the layout of a seal; a new field may be added without changing it (the digest covers every field). */
export const SEAL_FORMAT = 'd21-seal/1';

/**
 * A closed round's sealed result: stored once at close and never
 * recomputed; results, exports and the report read it. `digest` is the
 * SHA-256 of the canonical JSON (RFC 8785) of every other field plus the
 * round's anonymised ballots (see `sealDigest`), so anyone holding the
 * public exports can recompute both the count and the digest.
 *
 * Adding a field: put it in this interface and fill it in `sealRound`;
 * the digest covers it automatically. If it changes how results are
 * computed, change `paperResults` too (verify uses it).
 */
export interface SealedRound {
  format: string;
  roundId: string;
  /** Epoch ms the round closed (its deadline, when it closed by its timer). */
  closedAt: number;
  rules: BallotRules;
  budget: number | null;
  /** The ballot paper as voters saw it. */
  paper: PaperEntry[];
  /** The round's §5 settings (docs/practice.md), with the tie-break draw's seed; absent in seals from before them. */
  practice?: RoundPractice;
  /**
   * Phone, paper and total counts (§5.1), present when the round had paper
   * ballots keyed; the ballots export marks each ballot's channel, so
   * verify recounts each channel too.
   */
  channels?: ChannelTotals;
  /** Turnout of that moment: participants joined and connected, ballots counted. */
  turnout: { joined: number; online: number; voted: number };
  result: RoundResults;
  /** 64 hex digits. */
  digest: string;
}

export type SealFields = Omit<SealedRound, 'digest'>;

/**
 * Anonymised ballots in canonical order: ids inside each ballot sorted,
 * then ballots sorted by their canonical JSON. The order of storage, of
 * arrival and of the (shuffled) export carries into nothing.
 */
export function canonicalBallots(ballots: Iterable<Ballot>): { plus: string[]; minus: string[] }[] {
  return canonicalBallotTexts(ballots).map((x) => x.ballot);
}

const byCodeUnits = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Each canonical ballot with its canonical text `{"minus":[…],"plus":[…]}` (built directly: a string array's JSON is canonical). */
function canonicalBallotTexts(ballots: Iterable<Ballot>): { ballot: { plus: string[]; minus: string[] }; text: string }[] {
  const out: { ballot: { plus: string[]; minus: string[] }; text: string }[] = [];
  for (const b of ballots) {
    const ballot = { plus: [...b.plus].sort(byCodeUnits), minus: [...b.minus].sort(byCodeUnits) };
    out.push({ ballot, text: `{"minus":${JSON.stringify(ballot.minus)},"plus":${JSON.stringify(ballot.plus)}}` });
  }
  return out.sort((x, y) => byCodeUnits(x.text, y.text));
}

/** The exact text the digest is taken of: canonical JSON of the seal's fields plus `ballots`. */
export function sealText(fields: SealFields, ballots: Iterable<Ballot>): string {
  // A whole seal may be passed: its own digest is never part of the text.
  const { digest: _digest, ...rest } = fields as SealFields & { digest?: string };
  const ballotsText = `[${canonicalBallotTexts(ballots).map((x) => x.text).join(',')}]`;
  return canonicalJsonWith(rest, { ballots: ballotsText });
}

/** SHA-256 as hex; the server passes node:crypto's, the default is the pure one (same digest). */
export type HashHex = (text: string) => string;

export function sealDigest(fields: SealFields, ballots: Iterable<Ballot>, hash: HashHex = sha256Hex): string {
  return hash(sealText(fields, ballots));
}

/** Short form shown on the projector and the report: the first 16 hex digits in groups of 4. */
export function shortDigest(digest: string): string {
  return (digest.slice(0, 16).match(/.{1,4}/g) ?? []).join(' ');
}

/**
 * Seals a round: counts its stored ballots against its frozen paper and
 * rules, and takes the digest. Pure: the caller supplies every ballot
 * counted (and nothing else) and the moment's turnout.
 */
export function sealRound(
  input: Omit<SealFields, 'format' | 'result' | 'turnout'> & { turnout: { joined: number; online: number } },
  ballots: readonly Ballot[],
  hash: HashHex = sha256Hex,
): SealedRound {
  const tally = recount(input.paper.map((p) => p.id), ballots);
  const fields: SealFields = {
    format: SEAL_FORMAT,
    ...input,
    turnout: { ...input.turnout, voted: tally.ballots },
    result: paperResults(tally, input),
  };
  return { ...fields, digest: sealDigest(fields, ballots, hash) };
}

/**
 * Seals a round with phone and paper ballots (§5.1): the result and digest
 * over both, and the counts of each channel in the seal (`channels`). With
 * no paper ballot keyed (`withPaper` false) it is `sealRound` exactly.
 */
export function sealRoundWithPaper(
  input: Parameters<typeof sealRound>[0],
  phone: readonly Ballot[],
  paper: readonly Ballot[],
  withPaper: boolean,
  hash: HashHex = sha256Hex,
): SealedRound {
  if (!withPaper) return sealRound(input, phone, hash);
  const channels = channelTotals(input.paper.map((p) => p.id), phone, paper);
  return sealRound({ ...input, channels }, [...phone, ...paper], hash);
}

/** A ballot of the export, with its channel when the round had paper ballots. */
export type ExportedBallot = Ballot & { channel?: 'phone' | 'paper' };

/**
 * The ballots export of a round with paper ballots (§5.1): phones' and
 * paper ballots together in canonical order, each marked with its channel.
 */
export function canonicalChannelBallots(phone: Iterable<Ballot>, paper: Iterable<Ballot>): { plus: string[]; minus: string[]; channel: 'phone' | 'paper' }[] {
  const marked = [
    ...canonicalBallotTexts(phone).map((x) => ({ ...x, channel: 'phone' as const })),
    ...canonicalBallotTexts(paper).map((x) => ({ ...x, channel: 'paper' as const })),
  ];
  marked.sort((x, y) => byCodeUnits(x.text, y.text) || byCodeUnits(x.channel, y.channel));
  return marked.map((x) => ({ ...x.ballot, channel: x.channel }));
}

export interface SealCheck {
  ok: boolean;
  /** What does not match, in words; empty when ok. */
  problems: string[];
  /** The digest recomputed from the seal's fields and the ballots given. */
  digest: string;
}

/**
 * Checks a published seal against published ballots: every ballot is
 * valid under the seal's rules and paper, a recount gives the sealed
 * result, and the digest recomputed over both equals the sealed one.
 */
export function verifySeal(seal: SealedRound, ballots: readonly ExportedBallot[], hash: HashHex = sha256Hex): SealCheck {
  const problems: string[] = [];
  const ids = new Set(seal.paper.map((p) => p.id));
  ballots.forEach((b, i) => {
    const v = validateBallot(b, seal.rules, ids);
    if (!v.ok) problems.push(`ballot ${i + 1}: ${v.code} (${v.message})`);
  });
  const recounted = paperResults(recount([...ids], ballots), seal);
  if (canonicalJson(recounted) !== canonicalJson(seal.result)) problems.push('the recount of the ballots differs from the sealed result');
  if (seal.channels) {
    const of = (c: 'phone' | 'paper') => ballots.filter((b) => b.channel === c).map(({ plus, minus }) => ({ plus, minus }));
    const again = channelTotals([...ids], of('phone'), of('paper'));
    if (canonicalJson(again) !== canonicalJson(seal.channels)) problems.push('the phone and paper counts of the ballots differ from the sealed ones');
  }
  if (seal.turnout.voted !== ballots.length) problems.push(`${ballots.length} ballots given, the seal counted ${seal.turnout.voted}`);
  const { digest: _sealed, ...fields } = seal;
  const digest = sealDigest(fields, ballots.map(({ plus, minus }) => ({ plus, minus })), hash);
  if (digest !== seal.digest) problems.push(`digest ${digest} differs from the sealed ${seal.digest}`);
  return { ok: problems.length === 0, problems, digest };
}

/** The counts a seal holds, as a tally over its paper (for ranking a closed round again, e.g. its top K). */
export function sealedTally(seal: Pick<SealedRound, 'paper' | 'result'>): Tally {
  const t = createTally(seal.paper.map((p) => p.id));
  for (const o of seal.result.options) {
    const i = t.index.get(o.id);
    if (i === undefined) continue;
    t.plus[i] = o.plus;
    t.minus[i] = o.minus;
  }
  t.ballots = seal.result.ballots;
  t.abstentions = seal.result.abstentions;
  return t;
}
