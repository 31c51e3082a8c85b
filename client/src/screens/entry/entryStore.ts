/**
 * The paper-ballot entry screen's state (docs/practice.md "Paper
 * ballots") as a framework-free store: a staff link keys the paper ballots
 * of the open round, each with its serial number and, in access-code
 * assemblies, the code printed on it. The socket factory and storage are
 * injected; store.ts binds it to React and the page.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { typedBallot } from '../../../../shared/domain/paperEntry.ts';
import type { EntryState, PaperEntryView } from '../../../../shared/protocol/paperViews.ts';
import { errorText } from '../../i18n/errors.ts';
import { t } from '../../i18n/i18n.ts';
import { newBallotId } from '../../lib/ids.ts';
import { JOIN_RETRY_MS, runSession, type SessionFields, type SocketFactory } from '../../lib/session.ts';
import { ask, type AppSocket } from '../../lib/socket.ts';
import type { KeyValueStorage } from '../../lib/storage.ts';

/** What staff typed for one paper ballot. */
export interface EntryDraft {
  serial: string;
  code: string;
  /** Proposal numbers as printed, plus as `3 7`, minus as `-5`. */
  line: string;
}

/** The answer to the last submit: where the serial stands, or why it was refused. */
export type EntryOutcome = { ok: true; entry: PaperEntryView } | { ok: false; message: string };

export interface EntryStore extends SessionFields {
  key: string | null;
  authError: string | null;
  state: EntryState | null;
  /** This link's keyings in the round, newest first (statuses follow `paper:status`). */
  mine: PaperEntryView[];
  sending: boolean;
  outcome: EntryOutcome | null;
  /** Keys one paper ballot; true when it was recorded (the form then clears). */
  submit(draft: EntryDraft): Promise<boolean>;
}

export type EntryStoreApi = StoreApi<EntryStore> & { start(assemblyId: string, key: string | null): () => void };

export const entryKeyStorage = (assemblyId: string) => `d21:staff:${assemblyId}`;

/** The message for a typed line the D21 rules (or the ballot's numbering) refuse, in the reader's language. */
export function lineProblem(code: string, values: Record<string, string | number>): string {
  if (code === 'NOT_A_NUMBER') return t('entry.error.notANumber', values);
  if (code === 'NOT_ON_BALLOT') return t('entry.error.notOnBallot', values);
  return errorText({ code });
}

export function createEntryStore(deps: { connect: SocketFactory; storage: KeyValueStorage }): EntryStoreApi {
  let socket: AppSocket | null = null;
  /** A resend of the same ballot after a lost answer keeps its entry id (the server answers it once). */
  let pending: { text: string; entryId: string } | null = null;

  const store = createStore<EntryStore>()(() => ({
    assemblyId: '',
    connection: 'connecting',
    joined: false,
    key: null,
    authError: null,
    state: null,
    mine: [],
    sending: false,
    outcome: null,
    submit: (draft) => submit(draft),
  }));
  const { getState: get, setState: set } = store;

  async function join(): Promise<void> {
    const s = get();
    if (!socket?.connected) return;
    if (!s.key) return set({ authError: t('entry.noKey') });
    const reply = await ask(socket, 'session:join', { assemblyId: s.assemblyId, role: 'staff', token: s.key });
    if (!reply.ok) {
      if (reply.error.code === 'TIMEOUT') setTimeout(() => void join(), JOIN_RETRY_MS);
      else if (reply.error.code !== 'OFFLINE') set({ authError: errorText(reply.error) });
      return;
    }
    if (reply.data.state.role === 'staff') adopt(reply.data.state);
    set({ joined: true, authError: null, connection: 'online' });
  }

  function adopt(state: EntryState): void {
    set({ state, mine: state.mine });
  }

  function refuse(message: string): false {
    set({ outcome: { ok: false, message } });
    return false;
  }

  async function submit(draft: EntryDraft): Promise<boolean> {
    const s = get();
    const round = s.state?.round;
    if (!socket || !round || s.sending) return false;
    const serial = draft.serial.trim();
    if (!serial) return refuse(t('entry.error.serial'));
    const paperIds = round.paper.map((p) => p.id);
    const ballot = typedBallot(draft.line, paperIds, round.rules);
    if (!ballot.ok) {
      const number = /\d+/.exec(ballot.message)?.[0] ?? '';
      const token = /“(.*)”/.exec(ballot.message)?.[1] ?? '';
      return refuse(lineProblem(ballot.code, { number, token, max: paperIds.length }));
    }
    const text = JSON.stringify([round.id, serial, draft.code.trim(), ballot.value]);
    const entryId = pending?.text === text ? pending.entryId : newBallotId();
    pending = { text, entryId };
    set({ sending: true });
    const code = draft.code.trim();
    const reply = await ask(socket, 'paper:key', { roundId: round.id, entryId, serial, plus: [...ballot.value.plus], minus: [...ballot.value.minus], ...(code ? { code } : {}) });
    set({ sending: false });
    if (!reply.ok) {
      // A refusal is final for this content; a lost answer is resent with the same id.
      if (reply.error.code !== 'TIMEOUT' && reply.error.code !== 'OFFLINE') pending = null;
      set({ outcome: { ok: false, message: errorText(reply.error) } });
      return false;
    }
    pending = null;
    set({ outcome: { ok: true, entry: reply.data }, mine: [reply.data, ...get().mine.filter((e) => e.entryId !== reply.data.entryId)] });
    return true;
  }

  return {
    ...store,
    start(assemblyId, key) {
      set({ assemblyId, key, connection: 'connecting', joined: false, authError: null, state: null, mine: [], outcome: null });
      if (key) deps.storage.save(entryKeyStorage(assemblyId), key);
      const sock = deps.connect();
      socket = sock;
      sock.on('entry:updated', adopt);
      sock.on('paper:status', (entry) => {
        const mine = get().mine.map((e) => (e.entryId === entry.entryId ? entry : e));
        const outcome = get().outcome;
        set({ mine, ...(outcome?.ok && outcome.entry.entryId === entry.entryId ? { outcome: { ok: true, entry } } : {}) });
      });
      const stop = runSession(sock, store, join);
      return () => {
        stop();
        if (socket === sock) socket = null;
      };
    },
  };
}
