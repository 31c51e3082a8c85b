/**
 * This projector link's own settings (docs/projector.md, "Several
 * projectors"): the link's `?screen=` name picks an entry the console set
 * in the assembly's `settings.screens` (no name: `main`). Without an entry
 * the link's own parameters apply (`?page=`, `?corner=off`, `?theme=light`),
 * else the defaults (follow the console, corner on, dark).
 */
import { DEFAULT_SCREEN, type DisplayMode, type ProjectorTheme, type ScreenConfig, type ScreenMode } from '../../../../shared/protocol/schemas.ts';

const params = () => new URLSearchParams(typeof window === 'undefined' ? '' : window.location.search);

/** The screen name of this link: `?screen=`, else `main`. */
export const SCREEN_NAME = params().get('screen')?.toLowerCase() || 'main';

/** What the link itself asks for, used when the console has no entry for it. */
function fromLink(): Omit<ScreenConfig, 'name'> {
  const p = params();
  const page = Number(p.get('page'));
  const theme: ProjectorTheme = p.get('theme') === 'light' ? 'light' : DEFAULT_SCREEN.theme;
  return { ...DEFAULT_SCREEN, page: Number.isInteger(page) && page >= 1 ? page : null, corner: p.get('corner') !== 'off', theme };
}

/** This screen's settings: the console's entry for its name, else its link's. */
export function screenConfig(screens: readonly ScreenConfig[] | undefined, name: string = SCREEN_NAME): Omit<ScreenConfig, 'name'> {
  const entry = screens?.find((s) => s.name === name);
  return entry ? { mode: entry.mode, page: entry.page, corner: entry.corner, theme: entry.theme } : fromLink();
}

/** What this screen shows: its own mode, or the console's display when it follows. */
export function effectiveMode(mode: ScreenMode, display: DisplayMode): Exclude<ScreenMode, 'follow'> {
  return mode === 'follow' ? display : mode;
}
