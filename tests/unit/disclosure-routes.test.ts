import { describe, expect, it } from 'vitest';
import { COMMAND_TABLE } from '../../server/commands/index.ts';
import { apiRouter } from '../../server/http/api.ts';
import { channel } from '../../shared/protocol/disclosure.ts';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}
const routes = (stack: Layer[]): string[] =>
  stack.flatMap((l) => (l.route ? Object.keys(l.route.methods).map((m) => `${m.toUpperCase()} /api${l.route!.path}`) : l.handle?.stack ? routes(l.handle.stack) : []));

/** CSV files: their columns are the documented headers (tests/integration/exports.test.ts), not payload fields. */
const CSV_ONLY = new Set(['GET /api/assemblies/:id/rounds/:rid/results.csv']);

describe('every REST read is in the disclosure table (issue 11, §1)', () => {
  it('each GET route is a command (its reply is classified) or a REST read of the table; `.:fmt` routes by their .json form', () => {
    const router = apiRouter({} as never, () => 'http://localhost', 'operator-key') as unknown as { stack: Layer[] };
    const gets = routes(router.stack).filter((r) => r.startsWith('GET '));
    expect(gets.length).toBeGreaterThan(10);
    const commandGets = new Map<string, string>(
      Object.entries(COMMAND_TABLE).flatMap(([name, spec]) => {
        const rest = (spec as { rest?: { method: string; path: string } }).rest;
        return rest?.method === 'get' ? [[`GET /api/assemblies/:id${rest.path}`, name] as const] : [];
      }),
    );
    const missing: string[] = [];
    for (const route of gets) {
      if (CSV_ONLY.has(route)) continue;
      const command = commandGets.get(route);
      const name = route.replace('.:fmt', '.json');
      if (channel('rest', name) || (command && channel('reply', command))) continue;
      missing.push(command ? `${name} (command ${command})` : name);
    }
    expect(missing).toEqual([]);
  });
});
