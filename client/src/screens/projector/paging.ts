import { useEffect, useRef, useState, type RefObject } from 'react';
import { useDesignUnit } from './useDesignUnit.ts';

/**
 * How long a projector page stays before the next one (ms): 8 s, or the
 * screen link's `?pageMs=` (at least 1 s) for a faster or slower room.
 */
export const PAGE_MS = (() => {
  const asked = typeof window === 'undefined' ? NaN : Number(new URLSearchParams(window.location.search).get('pageMs'));
  return Number.isFinite(asked) && asked >= 1000 ? asked : 8000;
})();

/** Splits `n` rows into the fewest pages of at most `max`, as even as possible: [start, end) per page. */
export function pageRanges(n: number, max: number): [number, number][] {
  const pages = Math.max(1, Math.ceil(n / Math.max(1, max)));
  const per = Math.ceil(n / pages);
  return Array.from({ length: pages }, (_, i) => [i * per, Math.min(n, (i + 1) * per)] as [number, number]);
}

/**
 * The page shown now (0-based): advances every PAGE_MS through `pages`, or
 * stays on `pinned` (0-based, clamped) when one is pinned.
 */
export function usePage(pages: number, pinned: number | null): number {
  const [page, setPage] = useState(0);
  useEffect(() => {
    if (pages <= 1 || pinned !== null) return;
    const t = setInterval(() => setPage((p) => (p + 1) % pages), PAGE_MS);
    return () => clearInterval(t);
  }, [pages, pinned]);
  if (pinned !== null) return Math.min(Math.max(0, pinned), pages - 1);
  return page % Math.max(1, pages);
}

/**
 * A value that changes at most once per `ms` (the latest one wins): a burst
 * of snapshots re-orders the rows a few times, as movement, not noise.
 */
export function useCoalesced<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  const latest = useRef(value);
  latest.current = value;
  useEffect(() => {
    const wait = last.current + ms - Date.now();
    if (wait <= 0) {
      last.current = Date.now();
      setShown(value);
      return;
    }
    const t = setTimeout(() => {
      last.current = Date.now();
      setShown(latest.current);
    }, wait);
    return () => clearTimeout(t);
  }, [value, ms]);
  return shown;
}

/**
 * How many rows of at least `minRow` design pixels the list `ref` holds now
 * (between 3 and `max`): the rows share the list's height, and a tie banner,
 * a wrapped footer or the map of the room beside it leave it less room; a
 * fixed count would squeeze the rows below their 32 px text.
 */
export function useRowsThatFit(ref: RefObject<HTMLElement | null>, max: number, minRow: number): number {
  const u = useDesignUnit();
  const [fit, setFit] = useState(max);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setFit(Math.max(3, Math.min(max, Math.floor(el.clientHeight / (minRow * u)))));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, max, minRow, u]);
  return fit;
}
