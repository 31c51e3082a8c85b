import type { CreatedStaffLink, StaffLinkView } from '../../shared/protocol/paperViews.ts';
import { hashSecret, newId, newToken, secretMatches } from '../ids.ts';
import type { StaffLinkRow } from '../store/types.ts';
import { hubErr, hubOk, type AssemblyState, type HubContext, type HubResult } from './context.ts';
import { getAssembly } from './assemblies.ts';

/**
 * Staff links for paper-ballot entry (docs/security.md "Staff links"): a
 * capability link the facilitator creates and names ("Desk 1"), stored as
 * the hash of its key, and revokes; a revoked link stops working at once
 * (its sockets are closed and every command checks it).
 */

/** Links per assembly: a hall has a few entry desks, not hundreds. */
export const MAX_STAFF_LINKS = 50;

export function staffLinkView(a: AssemblyState, row: StaffLinkRow): StaffLinkView {
  let keyed = 0;
  for (const rp of a.paper.values()) for (const k of rp.entries.values()) if (k.staffId === row.id) keyed++;
  return { id: row.id, name: row.name, createdAt: row.createdAt, revokedAt: row.revokedAt, keyed };
}

/** Every staff link of the assembly, oldest first (revoked ones too). */
export function listStaffLinks(a: AssemblyState): StaffLinkView[] {
  return [...a.staff.values()].sort((x, y) => x.createdAt - y.createdAt || (x.id < y.id ? -1 : 1)).map((r) => staffLinkView(a, r));
}

/** Creates a named link; its key is in this reply only (the facilitator shows the link and its QR code). */
export async function createStaffLink(ctx: HubContext, a: AssemblyState, name: string): Promise<HubResult<CreatedStaffLink>> {
  if (a.staff.size >= MAX_STAFF_LINKS) return hubErr('CONFLICT', `An assembly has at most ${MAX_STAFF_LINKS} staff links.`);
  const key = newToken();
  const row: StaffLinkRow = { id: newId(6), assemblyId: a.row.id, name, keyHash: hashSecret(key), createdAt: ctx.clock.now(), revokedAt: null };
  await ctx.store.saveStaffLink(row);
  a.staff.set(row.id, row);
  return hubOk({ ...staffLinkView(a, row), key });
}

/** Revokes a link: stored first, then its sessions end. Revoking it again changes nothing. */
export async function revokeStaffLink(ctx: HubContext, a: AssemblyState, staffId: string): Promise<HubResult<StaffLinkView>> {
  const row = a.staff.get(staffId);
  if (!row) return hubErr('NOT_FOUND', 'No staff link with that id in this assembly.');
  if (row.revokedAt === null) {
    const revoked = { ...row, revokedAt: ctx.clock.now() };
    await ctx.store.saveStaffLink(revoked);
    a.staff.set(staffId, revoked);
    ctx.listener.staffRevoked(a, staffId);
  }
  return hubOk(staffLinkView(a, a.staff.get(staffId)!));
}

/** The working staff link a key opens in an assembly, or why not (a revoked link: LINK_REVOKED). */
export function authorizeStaff(ctx: HubContext, assemblyId: string, key: string | undefined): HubResult<{ a: AssemblyState; link: StaffLinkRow }> {
  const found = getAssembly(ctx, assemblyId);
  if (!found.ok) return found;
  const a = found.value;
  const link = key ? [...a.staff.values()].find((l) => secretMatches(key, l.keyHash)) : undefined;
  if (!link) return hubErr('UNAUTHORIZED', 'This staff link’s key is missing or wrong for this assembly.');
  if (link.revokedAt !== null) return hubErr('LINK_REVOKED', 'This staff link was revoked by the facilitator.');
  return hubOk({ a, link });
}

/** The caller's link, if it still works: every staff command checks it (a revocation counts at once). */
export function activeLink(a: AssemblyState, staffId: string | null): HubResult<StaffLinkRow> {
  const link = staffId ? a.staff.get(staffId) : undefined;
  if (!link) return hubErr('NOT_JOINED', 'Open the staff link first.');
  if (link.revokedAt !== null) return hubErr('LINK_REVOKED', 'This staff link was revoked by the facilitator.');
  return hubOk(link);
}
