/**
 * What each role receives: for every server→client event, command reply
 * and REST read, the fields (paths) each receiver may get. This table is
 * data: docs/security.md prints it and tests/integration/disclosure.test.ts
 * checks every payload a socket of each role receives against it, so a new
 * field fails that test until it is classified here.
 *
 * Receivers:
 * - `facilitator`: holds the assembly's capability token;
 * - `voter`: a joined phone (no moderation data, no drafts, no other voters);
 * - `author`: a voter, for their own submissions only;
 * - `screen`: token-less (a projector, or anyone with the public join link).
 *   Screens and voters get only opened/closed rounds, the proposals on them,
 *   what the projector shows and turnout;
 * - `staff`: a staff link for paper-ballot entry: the round's ballot paper
 *   and rules and its own keyings (each serial's status), never voters,
 *   tallies, codes or another link's keyings.
 *
 * Paths: `a.b` nested field, `a[]` array elements, `a{}` values of a record
 * keyed by ids, `a.*` a whole aggregate subtree (tally results: counts over
 * all ballots, never one voter's). The empty path `''` is a scalar payload.
 */
export type Receiver = 'facilitator' | 'voter' | 'author' | 'screen' | 'staff';

export type FieldTable = Record<string, readonly Receiver[]>;

export interface Channel {
  /** `event`: pushed by the server; `reply`: a command's ack data; `rest`: an HTTP read. */
  kind: 'event' | 'reply' | 'rest';
  /** Event or command name, or `GET /api/…` route. */
  name: string;
  fields: FieldTable;
}

const F = ['facilitator'] as const;
const FS = ['facilitator', 'screen'] as const;
const FVS = ['facilitator', 'voter', 'screen'] as const;
const V = ['voter'] as const;
const A = ['author'] as const;
const ALL = ['facilitator', 'voter', 'author', 'screen'] as const;
const S = ['staff'] as const;
/** Every role that joins a session (a staff link too). */
const JOINED = [...ALL, 'staff'] as const;

/** Prefixes every path of a fragment. */
function under(prefix: string, fields: FieldTable): FieldTable {
  const join = (k: string) => (k === '' ? prefix : prefix === '' || k.startsWith('[]') ? `${prefix}${k}` : `${prefix}.${k}`);
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [join(k), v]));
}
/** Unions fragments: a path listed in several gets every receiver named. */
function merge(...tables: FieldTable[]): FieldTable {
  const out: Record<string, Receiver[]> = {};
  for (const t of tables) for (const [k, v] of Object.entries(t)) out[k] = [...new Set([...(out[k] ?? []), ...v])];
  return out;
}
/** Gives every path of a fragment the same receivers. */
function only(receivers: readonly Receiver[], paths: readonly string[]): FieldTable {
  return Object.fromEntries(paths.map((p) => [p, receivers]));
}

const ROUND = [
  'id', 'assemblyId', 'seq', 'question', 'status', 'proposalIds[]', 'rules.options', 'rules.winners', 'rules.plus', 'rules.minus',
  'rules.ratio', 'overrides.plus', 'overrides.minus', 'overrides.ratio', 'budget', 'visibility', 'lockBallots', 'durationSec',
  'deadline', 'openedAt', 'closedAt', 'origin', 'origin.fromRoundId', 'origin.k', 'origin.tieBreak', 'origin.tieBreak.choose[]',
  'origin.tied[]', 'origin.seed', 'paper', 'paper[].id', 'paper[].title', 'paper[].description', 'paper[].cost',
  'seal', 'seal.format', 'seal.digest', 'seal.closedAt',
  // D21 as practised (§5, docs/practice.md): the round's public rules.
  'practice', 'practice.exclusion.netBelowZero', 'practice.exclusion.maxMinusPercent', 'practice.exclusion.minPlus', 'practice.tieRule',
  'practice.rankBy', 'practice.minusAfterAllPlus', 'practice.shuffle', 'practice.pots', 'practice.drawSeed', 'shuffled',
] as const;
const PUBLIC_PROPOSAL = ['id', 'title', 'description', 'cost', 'position'] as const;
/** Moderation fields: status, whether a phone submitted it, the moderator's reason. */
const PROPOSAL = [...PUBLIC_PROPOSAL, 'status', 'submitted', 'reason', 'mergedInto'] as const;
const SUBMISSION = ['id', 'title', 'description', 'status', 'reason', 'mergedIntoTitle', 'createdAt'] as const;
/** A closed round's sealed result (shared/domain/seal.ts): the paper, rules and aggregate counts, never a ballot. */
const SEALED = [
  'seal', 'seal.format', 'seal.roundId', 'seal.closedAt', 'seal.rules.options', 'seal.rules.winners', 'seal.rules.plus', 'seal.rules.minus',
  'seal.rules.ratio', 'seal.budget', 'seal.paper[].id', 'seal.paper[].title', 'seal.paper[].description', 'seal.paper[].cost',
  'seal.turnout.joined', 'seal.turnout.online', 'seal.turnout.voted', 'seal.result.*', 'seal.digest', 'seal.practice', 'seal.practice.*',
  // §5.1: phone, paper and total counts of a round with paper ballots (aggregates, like the result).
  'seal.channels.*',
] as const;
const PROFILE_QUESTION = ['id', 'label', 'options[].id', 'options[].label'] as const;
const TURNOUT = ['joined', 'online', 'voted'] as const;
const SNAPSHOT = ['assemblyId', 'roundId', 'status', 'seq', 'at', 'deadline', ...TURNOUT.map((t) => `turnout.${t}`), 'results', 'results.*'];
/** Projector links' settings and the map's lines: how the room's screens show what they show. */
const SCREEN_SETTINGS = ['settings.map.support', 'settings.map.opposition', 'settings.screens[].name', 'settings.screens[].mode', 'settings.screens[].page', 'settings.screens[].corner', 'settings.screens[].theme'] as const;
const CODE = ['id', 'label', 'status', 'replacesId', 'createdAt'] as const;
/** A staff link as the console lists it (its key only in the create reply). */
const STAFF_LINK = ['id', 'name', 'createdAt', 'revokedAt', 'keyed'] as const;
/** A staff link's own keying and its serial's status (shared/protocol/paperViews.ts). */
const ENTRY = ['entryId', 'roundId', 'serial', 'plus[]', 'minus[]', 'withCode', 'at', 'status'] as const;
/** A staff link's session: the round's paper and rules, its own keyings. */
const ENTRY_STATE = [
  'assembly.id', 'assembly.title', 'assembly.joinMode', 'assembly.language', 'staff.id', 'staff.name', 'round', 'round.id', 'round.seq', 'round.question',
  'round.status', 'round.rules.options', 'round.rules.winners', 'round.rules.plus', 'round.rules.minus', 'round.rules.ratio', 'round.rules.minusAfterAllPlus',
  'round.paper[].id', 'round.paper[].title', ...ENTRY.map((e) => `mine[].${e}`),
] as const;
/**
 * One serial in the console's queue: every keying by link name and card number (never a code), and why a
 * held serial is held (its card voted by phone, or is counted on another serial): the console's only, never a desk's.
 */
const PAPER_BALLOT = [
  'serial', 'status', 'keyings[].entryId', 'keyings[].staffId', 'keyings[].staffName', 'keyings[].plus[]', 'keyings[].minus[]', 'keyings[].card', 'keyings[].at',
  'ballot', 'ballot.plus[]', 'ballot.minus[]', 'reason', 'hold', 'hold.kind', 'hold.serial',
] as const;
const CHANNELS = ['channels.*'] as const;
const AUDIT = ['[].at', '[].serial', '[].actor', '[].action', '[].detail'] as const;

function assemblyFields(r: readonly Receiver[]): FieldTable {
  return {
    ...only(r, ['id', 'title', 'joinMode', 'display', 'createdAt', 'currentRoundId']),
    ...only(r, ['settings.submissions.open', 'settings.submissions.maxPerParticipant', 'settings.language', 'settings.currency', 'settings.published[]', ...SCREEN_SETTINGS]),
    ...under('settings.profile[]', only(r, PROFILE_QUESTION)),
    ...under('proposals[]', only(r, PROPOSAL)),
    ...under('rounds[]', only(r, ROUND)),
  };
}
function screenAssemblyFields(r: readonly Receiver[]): FieldTable {
  return {
    ...only(r, ['id', 'title', 'joinMode', 'display', 'currentRoundId', 'settings.language', 'settings.currency', ...SCREEN_SETTINGS]),
    ...under('proposals[]', only(r, PUBLIC_PROPOSAL)),
    ...under('rounds[]', only(r, ROUND)),
  };
}
function voterStateFields(): FieldTable {
  return {
    ...only(V, ['assembly.id', 'assembly.title', 'assembly.joinMode', 'assembly.language', 'assembly.currency', 'display', 'current']),
    ...under('current.round', only(V, ROUND)),
    ...under('current.proposals[]', only(V, PUBLIC_PROPOSAL)),
    // A closed round's final results, once the facilitator published them to phones.
    ...only(V, ['current.results', 'current.results.*']),
    ...only(V, ['myBallot', 'myBallot.roundId', 'myBallot.ballotId', 'myBallot.plus[]', 'myBallot.minus[]', 'myBallot.at', 'myBallot.seq']),
    ...only(V, ['submissions.open', 'submissions.maxPerParticipant']),
    ...under('submissions.mine[]', only(A, SUBMISSION)),
    ...under('profile.questions[]', only(V, PROFILE_QUESTION)),
    ...only(V, ['profile.answers{}', 'profile.answered']),
  };
}
// Checked on a room that forms groups: tests/integration/disclosure-groups.test.ts.
const OPINION_GROUPS = ['roundId', 'voters', 'ballots', 'computedAt', 'explained', 'explained[]', 'leftOut', 'minVotes', 'groups[].index', 'groups[].size', 'minGroup', 'silhouette', 'options[].id', 'options[].agreement',
  'options[].rejection', 'options[].split', 'options[].bridging', 'options[].groups[].n', 'options[].groups[].plus', 'options[].groups[].minus',
  ...['optionId', 'stance', 'share', 'restShare', 'restOpposite', 'z', 'significant'].map((f) => `representatives[][].${f}`),
  // The map: anonymous binned dots (a count per bin, never a voter) and the groups' centres.
  'map.dots[].x', 'map.dots[].y', 'map.dots[].group', 'map.dots[].count', 'map.centres[].x', 'map.centres[].y'];
const BREAKDOWN = ['questionId', 'label', 'minGroup', 'groups[].optionId', 'groups[].label', 'groups[].voters', 'groups[].suppressed',
  'groups[].options', 'groups[].options[].id', 'groups[].options[].plus', 'groups[].options[].minus', 'groups[].options[].net',
  'groups[].options[].support', 'groups[].options[].opposition', 'groupConsensus[].id', 'groupConsensus[].agreement', 'groupConsensus[].rejection'];

/** Session state as the join reply and state:sync carry it, per role. */
function sessionFields(prefix: string): FieldTable {
  return {
    [prefix ? `${prefix}.role` : 'role']: JOINED,
    ...under(
      prefix,
      merge(
        only(S, ENTRY_STATE),
        voterStateFields(),
        under('assembly', merge(assemblyFields(F), screenAssemblyFields(['screen']))),
        only(FS, ['snapshot', ...SNAPSHOT.map((s) => `snapshot.${s}`), ...TURNOUT.map((t) => `turnout.${t}`)]),
      ),
    ),
  };
}

export const DISCLOSURE: readonly Channel[] = [
  // Pushed events.
  { kind: 'event', name: 'session:joined', fields: only(JOINED, ['role', 'assemblyId']) },
  { kind: 'event', name: 'assembly:updated', fields: assemblyFields(F) },
  { kind: 'event', name: 'proposal:updated', fields: only(F, PROPOSAL) },
  { kind: 'event', name: 'screen:updated', fields: screenAssemblyFields(['screen']) },
  { kind: 'event', name: 'round:updated', fields: { '': V, ...under('round', only(V, ROUND)), ...under('proposals[]', only(V, PUBLIC_PROPOSAL)), ...only(V, ['results', 'results.*']) } },
  { kind: 'event', name: 'display:updated', fields: { '': FVS } },
  { kind: 'event', name: 'tally:snapshot', fields: only(FS, SNAPSHOT) },
  { kind: 'event', name: 'turnout:updated', fields: only(FS, TURNOUT) },
  { kind: 'event', name: 'settings:updated', fields: { ...only(V, ['title', 'submissions.open', 'submissions.maxPerParticipant']), ...under('profile[]', only(V, PROFILE_QUESTION)) } },
  { kind: 'event', name: 'submission:updated', fields: only(A, SUBMISSION) },
  { kind: 'event', name: 'codes:updated', fields: only(F, CODE) },
  {
    kind: 'event',
    name: 'security:updated',
    fields: only(F, ['joinsByAddress[].address', 'joinsByAddress[].participants', 'failedCodes.total', 'failedCodes.lastMinute', 'failedCodes.blockedAddresses', 'failedCodes.byAddress[].address', 'failedCodes.byAddress[].failures', 'failedCodes.byAddress[].blockedUntil']),
  },
  // Paper ballots (docs/practice.md): the console's queue, a staff link's own keyings and round.
  { kind: 'event', name: 'paper:updated', fields: { roundId: F, ...under('ballot', only(F, PAPER_BALLOT)) } },
  { kind: 'event', name: 'paper:status', fields: only(S, ENTRY) },
  { kind: 'event', name: 'entry:updated', fields: only(S, ENTRY_STATE) },
  // Replies that carry state to more than one role.
  { kind: 'reply', name: 'session:join', fields: { ...only(JOINED, ['role', 'assemblyId']), token: V, ...sessionFields('state') } },
  { kind: 'reply', name: 'state:sync', fields: sessionFields('') },
  { kind: 'reply', name: 'groups:get', fields: only(FS, OPINION_GROUPS) },
  { kind: 'reply', name: 'ballot:submit', fields: only(V, ['roundId', 'ballotId', 'plus[]', 'minus[]', 'at', 'seq']) },
  { kind: 'reply', name: 'proposal:submit', fields: only(A, SUBMISSION) },
  { kind: 'reply', name: 'profile:answer', fields: only(V, ['answers{}']) },
  { kind: 'reply', name: 'staff:create', fields: only(F, [...STAFF_LINK, 'key']) },
  { kind: 'reply', name: 'staff:list', fields: under('[]', only(F, STAFF_LINK)) },
  { kind: 'reply', name: 'staff:revoke', fields: only(F, STAFF_LINK) },
  { kind: 'reply', name: 'paper:key', fields: only(S, ENTRY) },
  { kind: 'reply', name: 'paper:list', fields: { ...only(F, ['roundId', ...CHANNELS]), ...under('ballots[]', only(F, PAPER_BALLOT)), ...only(F, ['summary.waiting', 'summary.matched', 'summary.mismatch', 'summary.held', 'summary.resolved', 'summary.void']) } },
  { kind: 'reply', name: 'paper:resolve', fields: only(F, PAPER_BALLOT) },
  { kind: 'reply', name: 'paper:void', fields: only(F, PAPER_BALLOT) },
  // REST reads. Token-less callers get the rows marked `screen`.
  { kind: 'rest', name: 'GET /api/health', fields: only(ALL, ['status']) },
  { kind: 'rest', name: 'GET /api/config', fields: only(ALL, ['publicUrl']) },
  { kind: 'rest', name: 'GET /api/assemblies/:id', fields: assemblyFields(F) },
  { kind: 'rest', name: 'GET /api/assemblies/:id/public', fields: only(ALL, ['id', 'title', 'joinMode', 'language', 'currency', 'urls.join', 'urls.screen', 'urls.facilitator']) },
  {
    kind: 'rest',
    name: 'GET /api/assemblies/:id/rounds/:rid/results',
    fields: { ...only(FVS, ['assembly.id', 'assembly.title', ...TURNOUT.map((t) => `turnout.${t}`), 'titles{}', 'results.*', ...SEALED]), ...under('round', only(FVS, ROUND)) },
  },
  { kind: 'rest', name: 'GET /api/assemblies/:id/rounds/:rid/opinion-groups', fields: only(FVS, OPINION_GROUPS) },
  { kind: 'rest', name: 'GET /api/assemblies/:id/rounds/:rid/ballots.json', fields: only(F, ['roundId', 'proposalIds[]', 'ballots[].plus[]', 'ballots[].minus[]', 'ballots[].channel']) },
  { kind: 'rest', name: 'GET /api/assemblies/:id/staff', fields: under('[]', only(F, STAFF_LINK)) },
  { kind: 'rest', name: 'GET /api/assemblies/:id/rounds/:rid/paper-audit.json', fields: only(F, AUDIT) },
  // Co-support (§5.8): staff only; rows backed by fewer than 5 voters carry no shares.
  { kind: 'rest', name: 'GET /api/assemblies/:id/rounds/:rid/co-support.json', fields: only(F, ['roundId', 'voters', 'minVoters', 'optionIds[]', 'rows[].id', 'rows[].backers', 'rows[].shown', 'rows[].plus[]', 'rows[].minus[]', 'overlaps[].a', 'overlaps[].b', 'overlaps[].share', 'overlaps[].backers']) },
  { kind: 'rest', name: 'GET /api/assemblies/:id/rounds/:rid/breakdown.json', fields: under('[]', only(F, BREAKDOWN)) },
  { kind: 'rest', name: 'GET /api/assemblies/:id/codes', fields: under('[]', only(F, CODE)) },
  { kind: 'rest', name: 'GET /api/assemblies/:id/report.json', fields: { ...only(F, ['assembly.id', 'assembly.title', 'assembly.language', 'assembly.currency', 'generatedAt', 'titles{}', 'costs{}', 'referred', 'referred.*', 'proposals.*']), ...under('rounds[]', { ...under('round', only(F, ROUND)), ...only(F, [...TURNOUT.map((t) => `turnout.${t}`), 'results', 'results.*', 'opinionGroups', 'opinionGroups.*', 'coSupport', 'coSupport.*', 'channels', 'channels.*']), ...under('breakdown[]', only(F, BREAKDOWN)) }) } },
];

/** Looks up a channel by kind and name. */
export function channel(kind: Channel['kind'], name: string): Channel | undefined {
  return DISCLOSURE.find((c) => c.kind === kind && c.name === name);
}

/**
 * The paths present in a payload, in the table's notation. A path is
 * matched against `a.*` subtrees and `a{}` records of the table, so the
 * flattening needs the table's fields to know where to stop.
 */
export function payloadPaths(value: unknown, fields: FieldTable): string[] {
  const out = new Set<string>();
  const walk = (v: unknown, p: string) => {
    // Leaves (and nulls standing for an absent object) are fields; containers are not.
    if (v === null || typeof v !== 'object') return void out.add(p);
    if (Object.hasOwn(fields, `${p}.*`)) return void out.add(`${p}.*`);
    if (Array.isArray(v)) return v.forEach((item) => walk(item, `${p}[]`));
    const isRecord = Object.hasOwn(fields, `${p}{}`);
    for (const [k, child] of Object.entries(v)) walk(child, isRecord ? `${p}{}` : p === '' ? k : `${p}.${k}`);
  };
  walk(value, '');
  return [...out];
}

/**
 * The table as Markdown, for docs/security.md (a unit test keeps the two
 * equal): one row per channel and set of receivers.
 */
export function disclosureMarkdown(): string {
  const rows = ['| channel | receivers | fields |', '|---|---|---|'];
  for (const c of DISCLOSURE) {
    const groups = new Map<string, string[]>();
    for (const [path, who] of Object.entries(c.fields)) {
      const key = [...who].sort().join(', ');
      groups.set(key, [...(groups.get(key) ?? []), path === '' ? '(the value)' : path]);
    }
    for (const [who, paths] of groups) rows.push(`| ${c.kind} \`${c.name}\` | ${who} | ${paths.map((p) => `\`${p}\``).join(' ')} |`);
  }
  return rows.join('\n');
}
