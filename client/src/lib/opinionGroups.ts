import { useEffect, useState } from 'react';
import type { GroupRepresentativeView, OpinionGroupsView } from '../../../shared/protocol/views.ts';
import type { Reply } from './reply.ts';
import { fmt } from '../i18n/format.ts';
import { t } from '../i18n/i18n.ts';

/**
 * Opinion groups (d21-method §4, docs/opinion-groups.md): voters grouped by how they voted, with the
 * Pol.is group-informed consensus per proposal. Computed on demand by the
 * server, so views fetch it when shown and refresh it every few seconds
 * while the round is open (not on every tally snapshot).
 */
export type GroupsReply = Reply<OpinionGroupsView>;
export type GroupsState = { roundId: string; view: OpinionGroupsView } | { roundId: string; code: string; message: string } | null;

export const GROUPS_REFRESH_MS = 5000;

/** "Group A", "Group B"…, by the group's index. */
export function groupName(index: number): string {
  return t('groups.name', { letter: groupLetter(index) });
}

/** The group's letter alone (A, B…), for tight spaces. */
export function groupLetter(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : String(index + 1);
}

export function useOpinionGroups(fetcher: (roundId: string) => Promise<GroupsReply>, roundId: string | null, live: boolean): GroupsState {
  const [state, setState] = useState<GroupsState>(null);
  useEffect(() => {
    if (!roundId) return;
    let alive = true;
    const load = async () => {
      const r = await fetcher(roundId);
      if (!alive) return;
      // A dropped link keeps the last picture rather than blanking it.
      if (!r.ok && (r.error.code === 'OFFLINE' || r.error.code === 'TIMEOUT')) return;
      setState(r.ok ? { roundId, view: r.data } : { roundId, code: r.error.code, message: r.error.message });
    };
    void load();
    const timer = live ? setInterval(() => void load(), GROUPS_REFRESH_MS) : null;
    return () => {
      alive = false;
      if (timer) clearInterval(timer);
    };
  }, [roundId, live]); // eslint-disable-line react-hooks/exhaustive-deps
  return state && state.roundId === roundId ? state : null;
}

/**
 * What sets a group apart, in words for the console and the report:
 * "Group B backs Bus lanes, which the rest reject (62 % of the group, 10 %
 * of the rest)". "leans to" when the proposal is only the group's best
 * candidate, not significant by Pol.is's tests.
 */
export function describeRepresentative(groupIndex: number, title: string, r: GroupRepresentativeView): string {
  const { percent } = fmt();
  const plus = r.stance === 'plus';
  const verb = r.significant ? (plus ? 'backs' : 'rejects') : plus ? 'leansBack' : 'leansReject';
  const tail = r.restOpposite > r.restShare ? 'opposite' : 'more';
  return t('groups.rep', { group: groupName(groupIndex), verb, title, tail, stance: r.stance, share: percent(r.share), rest: percent(r.restShare) });
}

/** The proposals that split the groups most (largest spread of the groups' net stance), at most `n`. */
export function splitting(view: OpinionGroupsView, n: number): OpinionGroupsView['options'] {
  return [...view.options].filter((o) => o.split > 0).sort((a, b) => b.split - a.split || (a.id < b.id ? -1 : 1)).slice(0, n);
}
