import { useShallow } from 'zustand/react/shallow';
import type { RoundResults } from '../../../../shared/domain/index.ts';
import type { ScreenConfig } from '../../../../shared/protocol/schemas.ts';
import type { SealSummary } from '../../../../shared/protocol/views.ts';
import { paperTitles } from '../../lib/paperTitles.ts';
import { useCoalesced } from './paging.ts';
import { screenConfig } from './screenConfig.ts';
import { useProjectorStore } from './store.ts';

/** Titles of the current round's proposals: its frozen paper (as voters saw them), else the proposals as they are. */
export function useTitles(): Record<string, string> {
  return useProjectorStore(
    useShallow((s) => {
      const paper = s.assembly?.rounds.find((r) => r.id === s.assembly?.currentRoundId)?.paper;
      return paperTitles(s.assembly?.proposals ?? [], paper);
    }),
  );
}

/** The current round's seal summary (set once it closed). */
export function useSeal(): SealSummary | null {
  return useProjectorStore((s) => s.assembly?.rounds.find((r) => r.id === s.assembly?.currentRoundId)?.seal ?? null);
}

/**
 * The current round's results, or null while the snapshot belongs to
 * another round; at most two new pictures a second during a burst.
 */
export function useResults(): RoundResults | null {
  const results = useProjectorStore((s) => (s.snapshot?.roundId === s.assembly?.currentRoundId ? (s.snapshot?.results ?? null) : null));
  return useCoalesced(results, 500);
}

/** The current round's rules (for the map's fixed quadrant lines). */
export function useRules() {
  return useProjectorStore(useShallow((s) => s.assembly?.rounds.find((r) => r.id === s.assembly?.currentRoundId)?.rules ?? { options: 0, winners: 1, plus: 0, minus: 0, ratio: 0 }));
}

/** The assembly's configured quadrant lines (null values: the documented defaults). */
export function useMapThresholds(): { support?: number; opposition?: number } {
  return useProjectorStore(
    useShallow((s) => {
      const m = s.assembly?.settings.map;
      return { ...(m?.support != null ? { support: m.support } : {}), ...(m?.opposition != null ? { opposition: m.opposition } : {}) };
    }),
  );
}

/** This screen's settings, live (the console can change them at any time). */
export function useScreenConfig(): Omit<ScreenConfig, 'name'> {
  return useProjectorStore(useShallow((s) => screenConfig(s.assembly?.settings.screens)));
}

/** The page this screen keeps (0-based), or null: pages turn. */
export function usePinnedPage(): number | null {
  return useProjectorStore((s) => {
    const page = screenConfig(s.assembly?.settings.screens).page;
    return page === null ? null : page - 1;
  });
}
