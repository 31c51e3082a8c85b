import { DEFAULT_SETTINGS, type AssemblyCreate, type AssemblyUpdate, type DisplayMode } from '../../shared/protocol/schemas.ts';
import { hashSecret, newJoinId, newToken, secretMatches } from '../ids.ts';
import type { AssemblyRow } from '../store/types.ts';
import { hubErr, hubOk, newAssemblyState, type AssemblyState, type HubContext, type HubResult } from './context.ts';

export async function createAssembly(
  ctx: HubContext,
  input: AssemblyCreate,
): Promise<{ state: AssemblyState; facilitatorToken: string }> {
  const facilitatorToken = newToken();
  const row: AssemblyRow = {
    id: newJoinId(),
    title: input.title,
    joinMode: input.joinMode ?? 'open',
    display: 'join',
    facilitatorHash: hashSecret(facilitatorToken),
    createdAt: ctx.clock.now(),
    settings: { ...DEFAULT_SETTINGS, ...(input.language ? { language: input.language } : {}) },
  };
  await ctx.store.createAssembly(row);
  const state = newAssemblyState(row);
  ctx.assemblies.set(row.id, state);
  return { state, facilitatorToken };
}

/**
 * An assembly by id. The id is also the join code people type, so case
 * does not matter: new ids are lower-case, and an older mixed-case id is
 * found in any case as long as no other assembly differs from it only in
 * case (then the exact spelling is needed).
 */
export function getAssembly(ctx: HubContext, id: string): HubResult<AssemblyState> {
  const a = ctx.assemblies.get(id) ?? ctx.assemblies.get(id.toLowerCase()) ?? findIgnoringCase(ctx, id);
  return a ? hubOk(a) : hubErr('NOT_FOUND', 'No assembly with that id.');
}

function findIgnoringCase(ctx: HubContext, id: string): AssemblyState | undefined {
  const wanted = id.toLowerCase();
  let found: AssemblyState | undefined;
  for (const [key, a] of ctx.assemblies) {
    if (key.toLowerCase() !== wanted) continue;
    if (found) return undefined; // ambiguous: two ids differ only in case
    found = a;
  }
  return found;
}

/** Checks the facilitator capability token in constant time. */
export function authorizeFacilitator(ctx: HubContext, assemblyId: string, token: string | undefined): HubResult<AssemblyState> {
  const a = getAssembly(ctx, assemblyId);
  if (!a.ok) return a;
  if (!token || !secretMatches(token, a.value.row.facilitatorHash)) {
    return hubErr('UNAUTHORIZED', 'The facilitator token is missing or wrong for this assembly.');
  }
  return a;
}

export async function updateAssembly(ctx: HubContext, a: AssemblyState, patch: AssemblyUpdate): Promise<AssemblyState> {
  const { submissions, profile, language, currency, screens, map, ...rest } = patch;
  const settings = {
    ...a.row.settings,
    submissions: submissions ?? a.row.settings.submissions,
    profile: profile ?? a.row.settings.profile,
    language: language ?? a.row.settings.language,
    currency: currency === undefined ? a.row.settings.currency : currency,
    screens: screens ?? a.row.settings.screens,
    map: map ?? a.row.settings.map,
  };
  const row = { ...a.row, ...definedOnly(rest), settings };
  await ctx.store.updateAssembly(row);
  a.row = row;
  ctx.listener.assemblyChanged(a);
  // Phones show the title too: a rename reaches them with the settings.
  if (submissions || profile || patch.title !== undefined) ctx.listener.settingsChanged(a);
  return a;
}

export async function setDisplay(ctx: HubContext, a: AssemblyState, mode: DisplayMode): Promise<DisplayMode> {
  const row = { ...a.row, display: mode };
  await ctx.store.updateAssembly(row);
  a.row = row;
  ctx.listener.displayChanged(a);
  ctx.listener.assemblyChanged(a);
  return mode;
}

/** exactOptionalPropertyTypes: drop undefined keys before spreading a patch. */
export function definedOnly<T extends object>(patch: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
