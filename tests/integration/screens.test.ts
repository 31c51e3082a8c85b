import { afterEach, describe, expect, it } from 'vitest';
import type { AssemblyView, ScreenAssemblyView } from '../../shared/protocol/views.ts';
import { joinStaff, setupAssembly, waitFor } from '../support/assembly.ts';
import { call, rest, startServer, type TestServer } from '../support/server.ts';

/**
 * Several projectors and the map's quadrant lines (issue 13): per-screen
 * settings and thresholds are assembly settings, validated, sent to every
 * screen at once and kept across a restart.
 */
describe('screen settings and map thresholds', () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('are validated, reach the screens live, and survive a restart', async () => {
    server = await startServer();
    const { assemblyId, token } = await setupAssembly(server.url, ['A', 'B', 'C']);
    const screen = await joinStaff(server.url, assemblyId, 'screen');
    // Screens hear of changes through their own, narrower view (docs/security.md).
    const updates: ScreenAssemblyView[] = [];
    screen.socket.on('screen:updated', (a) => updates.push(a));

    // New assemblies: no screens of their own, default lines.
    const before = await rest<AssemblyView>(server.url, 'GET', `/api/assemblies/${assemblyId}`, { token });
    expect(before.body.ok && before.body.data.settings).toMatchObject({ screens: [], map: { support: null, opposition: null } });

    const screens = [
      { name: 'main', mode: 'follow', page: null, corner: true, theme: 'dark' },
      { name: 'side', mode: 'map', page: 2, corner: false, theme: 'light' },
      { name: 'entrance', mode: 'join', page: null, corner: true, theme: 'light' },
    ];
    const patch = (body: unknown) => rest<AssemblyView>(server!.url, 'PATCH', `/api/assemblies/${assemblyId}`, { token, body });
    const ok = await patch({ screens, map: { support: 0.3, opposition: 0.1 } });
    expect(ok.body.ok).toBe(true);
    const seen = await waitFor(() => updates.find((a) => a.settings.screens.length === 3), 3000, 'screen:updated with screens');
    expect(seen.settings.screens).toEqual(screens);
    expect(seen.settings.map).toEqual({ support: 0.3, opposition: 0.1 });

    // Refused: duplicate names, bad names, unknown modes, lines outside 1–99 %, unknown fields; nothing changes.
    for (const bad of [
      { screens: [screens[1], screens[1]] },
      { screens: [{ ...screens[1], name: 'Side Screen' }] },
      { screens: [{ ...screens[1], mode: 'cinema' }] },
      { screens: [{ ...screens[1], page: 0 }] },
      { map: { support: 1.5, opposition: null } },
      { map: { support: 0 } },
      { screens: [{ ...screens[1], colour: 'red' }] },
    ]) {
      const r = await patch(bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    // Only a facilitator may set them.
    expect(await call(screen.socket, 'assembly:update', { screens: [] })).toMatchObject({ ok: false });

    // A restart on the same file keeps them.
    const file = server.file;
    await server.close();
    server = await startServer({ file });
    const after = await rest<AssemblyView>(server.url, 'GET', `/api/assemblies/${assemblyId}`, { token });
    expect(after.body.ok && after.body.data.settings.screens).toEqual(screens);
    expect(after.body.ok && after.body.data.settings.map).toEqual({ support: 0.3, opposition: 0.1 });
  });
});
