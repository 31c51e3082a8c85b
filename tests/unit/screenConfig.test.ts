import { describe, expect, it } from 'vitest';
import { effectiveMode, screenConfig } from '../../client/src/screens/projector/screenConfig.ts';
import { DEFAULT_SCREEN, type ScreenConfig } from '../../shared/protocol/schemas.ts';

const side: ScreenConfig = { name: 'side', mode: 'map', page: 2, corner: false, theme: 'light' };

describe('a projector link finds its own settings', () => {
  it('by its name; a name without an entry falls back to the link (here: none) and the defaults', () => {
    expect(screenConfig([side], 'side')).toEqual({ mode: 'map', page: 2, corner: false, theme: 'light' });
    expect(screenConfig([side], 'main')).toEqual(DEFAULT_SCREEN);
    expect(screenConfig(undefined, 'side')).toEqual(DEFAULT_SCREEN);
  });
  it("'follow' shows the console's display; any other mode keeps its own view", () => {
    expect(effectiveMode('follow', 'final')).toBe('final');
    expect(effectiveMode('map', 'final')).toBe('map');
    expect(effectiveMode('join', 'live')).toBe('join');
  });
});
