import type { ProposalView } from '../../shared/protocol/views.ts';
import { rest } from '../support/server.ts';

/**
 * `n` proposals through the CSV import, as the facilitator of a large
 * assembly adds them: "Proposal 7: street trees"; with `cost`, proposal i
 * costs i × 1 000.
 */
export async function importMany(url: string, a: { id: string; token: string }, n: number, cost = false): Promise<ProposalView[]> {
  const topics = ['park benches', 'bike lanes', 'library hours', 'street trees', 'youth club'];
  const rows = Array.from({ length: n }, (_, i) => `Proposal ${i + 1}: ${topics[i % 5]}${cost ? `,,${(i + 1) * 1000}` : ''}`);
  const csv = [cost ? 'title,description,cost' : 'title', ...rows].join('\n');
  const r = await rest<ProposalView[]>(url, 'POST', `/api/assemblies/${a.id}/proposals/import`, { token: a.token, csv });
  if (!r.body.ok) throw new Error(r.body.error.message);
  return r.body.data;
}
