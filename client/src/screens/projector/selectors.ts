import { useShallow } from 'zustand/react/shallow';
import type { OptionResult, RoundResults } from '../../../../shared/domain/index.ts';
import { useProjectorStore } from './store.ts';

/** Titles of the current round's proposals. */
export function useTitles(): Record<string, string> {
  return useProjectorStore(useShallow((s) => Object.fromEntries((s.assembly?.proposals ?? []).map((p) => [p.id, p.title]))));
}

/** The current round's results, or null while the snapshot belongs to another round. */
export function useResults(): RoundResults | null {
  return useProjectorStore((s) => (s.snapshot?.roundId === s.assembly?.currentRoundId ? (s.snapshot?.results ?? null) : null));
}

/** The rows a view has room for: all of them, or max − 1 and a "+N more" line. */
export function rowsToShow(options: readonly OptionResult[], max: number): { shown: OptionResult[]; more: number } {
  if (options.length <= max) return { shown: [...options], more: 0 };
  return { shown: options.slice(0, max - 1), more: options.length - (max - 1) };
}
