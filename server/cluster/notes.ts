import type { Store } from '../store/types.ts';

/**
 * What a node tells the others after one of its writes committed: which
 * part of which assembly to read again from the store. Ballots are not
 * noted: tallies come from the partial tallies in PostgreSQL (tally.ts).
 * `assemblyId: null` = every assembly (a write that names only a row id).
 */
export interface ChangeNote {
  kind: 'assembly' | 'proposals' | 'rounds' | 'participants' | 'codes' | 'profiles' | 'staff' | 'paper';
  assemblyId: string | null;
}

/**
 * Wraps a store so that each committed write (other than ballots) is
 * announced with `note`. The hub is unchanged: it writes through this
 * store as it would through any other.
 */
export function notingStore(store: Store, note: (n: ChangeNote) => void): Store {
  const after =
    <A extends unknown[]>(write: (...args: A) => Promise<void>, what: (...args: A) => ChangeNote) =>
    async (...args: A): Promise<void> => {
      await write(...args);
      note(what(...args));
    };
  return {
    ...store,
    init: () => store.init(),
    close: () => store.close(),
    createAssembly: after(store.createAssembly, (r) => ({ kind: 'assembly', assemblyId: r.id })),
    updateAssembly: after(store.updateAssembly, (r) => ({ kind: 'assembly', assemblyId: r.id })),
    saveProposal: after(store.saveProposal, (r) => ({ kind: 'proposals', assemblyId: r.assemblyId })),
    saveProposals: after(store.saveProposals, (rows) => ({ kind: 'proposals', assemblyId: rows[0]?.assemblyId ?? null })),
    deleteProposal: after(store.deleteProposal, () => ({ kind: 'proposals', assemblyId: null })),
    saveRound: after(store.saveRound, (r) => ({ kind: 'rounds', assemblyId: r.assemblyId })),
    addParticipant: after(store.addParticipant, (r) => ({ kind: 'participants', assemblyId: r.assemblyId })),
    revokeParticipant: after(store.revokeParticipant, () => ({ kind: 'participants', assemblyId: null })),
    saveProfile: after(store.saveProfile, (_p, assemblyId) => ({ kind: 'profiles', assemblyId })),
    addAccessCodes: after(store.addAccessCodes, (rows) => ({ kind: 'codes', assemblyId: rows[0]?.assemblyId ?? null })),
    saveAccessCode: after(store.saveAccessCode, (r) => ({ kind: 'codes', assemblyId: r.assemblyId })),
    saveStaffLink: after(store.saveStaffLink, (r) => ({ kind: 'staff', assemblyId: r.assemblyId })),
    addPaperKeying: after(store.addPaperKeying, () => ({ kind: 'paper', assemblyId: null })),
    addPaperDecision: after(store.addPaperDecision, () => ({ kind: 'paper', assemblyId: null })),
    severPaperCodes: after(store.severPaperCodes, () => ({ kind: 'paper', assemblyId: null })),
  };
}
