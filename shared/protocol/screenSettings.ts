/** Projector settings of an assembly: each screen link's own view, and the consensus map's quadrant lines (docs/projector.md). */
import { z } from 'zod';

/**
 * One projector link's own settings, chosen from the console
 * (docs/projector.md, "Several projectors"). The link `/a/:id/screen?screen=side`
 * is the screen named `side`; the link without `?screen=` is `main`.
 * `mode` 'follow' shows what the console's display control chooses; any
 * other mode keeps this screen on that view ('map': the consensus map alone).
 */
export const ScreenName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,23}$/, 'a screen name is lowercase letters, digits and -');
export const ScreenMode = z.enum(['follow', 'join', 'live', 'final', 'disagree', 'map', 'blank']);
export type ScreenMode = z.infer<typeof ScreenMode>;
export const ProjectorTheme = z.enum(['dark', 'light']);
export type ProjectorTheme = z.infer<typeof ProjectorTheme>;
export const ScreenConfig = z.strictObject({
  name: ScreenName,
  mode: ScreenMode,
  /** A pinned page of the paged lists (1-based), or null: pages turn by themselves. */
  page: z.int().min(1).max(100).nullable(),
  /** The small QR + join code corner on the results views. */
  corner: z.boolean(),
  /** 'light': high contrast for bright rooms. */
  theme: ProjectorTheme,
});
export type ScreenConfig = z.infer<typeof ScreenConfig>;
/** What a screen without its own settings shows. */
export const DEFAULT_SCREEN: Omit<ScreenConfig, 'name'> = { mode: 'follow', page: null, corner: true, theme: 'dark' };

/**
 * The consensus map's quadrant lines for this assembly, as shares of
 * voters (0.01–0.99); null keeps the documented default (docs/projector.md,
 * "The consensus map": support P / C, opposition max(5 %, M / C)).
 */
export const MapThresholds = z.strictObject({
  support: z.number().min(0.01).max(0.99).nullable(),
  opposition: z.number().min(0.01).max(0.99).nullable(),
});
export type MapThresholds = z.infer<typeof MapThresholds>;
