import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS, type CommandName } from '../../shared/protocol/commands.ts';
import { COMMAND_TABLE } from '../../server/commands/index.ts';
import { apiRouter } from '../../server/http/api.ts';
import type { HubContext } from '../../server/hub/index.ts';

/**
 * docs/protocol.md against the code: every command of the table is
 * documented with its roles, every REST route the router serves is listed,
 * and the document lists nothing that does not exist.
 */
const doc = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');

/** The rows of the markdown table under `heading` (first cell, second cell). */
function tableRows(heading: string): [string, string][] {
  const start = doc.indexOf(`\n${heading}\n`);
  expect(start, `docs/protocol.md has a "${heading}" section`).toBeGreaterThan(0);
  const rows: [string, string][] = [];
  let seenTable = false;
  for (const line of doc.slice(start + heading.length + 2).split('\n')) {
    if (line.startsWith('|')) {
      seenTable = true;
      const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
      const [first = '', second = ''] = cells.slice(1);
      if (first.startsWith('`')) rows.push([first.replace(/`/g, ''), second]);
    } else if (seenTable) break;
  }
  return rows;
}

/** The doc's words for a command's roles. */
function rolesText(roles: readonly string[] | 'any'): string {
  if (roles === 'any') return 'anyone';
  if (roles.length === 3) return 'joined';
  return roles.join(', ');
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** `METHOD /path` of every route the REST router serves (nested routers included). */
function servedRoutes(stack: Layer[]): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = layer.route.path;
      const methods = Object.keys(layer.route.methods).map((m) => m.toUpperCase());
      // `ballots.:fmt` is documented as one row per format.
      const paths = path.endsWith('.:fmt') ? [path.replace('.:fmt', '.json'), path.replace('.:fmt', '.csv')] : [path];
      return methods.flatMap((m) => paths.map((p) => `${m} ${p}`));
    }
    return layer.handle?.stack ? servedRoutes(layer.handle.stack) : [];
  });
}

describe('docs/protocol.md documents the command table and the REST routes, and nothing else', () => {
  it('the Socket.IO command list is exactly the command table, with its roles', () => {
    const documented = tableRows('### Commands');
    const names = documented.map(([event]) => event);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(Object.keys(COMMAND_TABLE).sort());
    for (const [event, roles] of documented) {
      expect(roles, event).toBe(rolesText(COMMAND_TABLE[event as CommandName].roles));
    }
  });

  it('the wire contract and the server table hold the same commands', () => {
    expect(Object.keys(COMMANDS).sort()).toEqual(Object.keys(COMMAND_TABLE).sort());
  });

  it('the REST list is exactly the routes the router serves', () => {
    const router = apiRouter({} as HubContext, () => 'http://localhost', 'test-operator-key') as unknown as { stack: Layer[] };
    const served = servedRoutes(router.stack);
    const documented = tableRows('## REST').map(([route]) => route);
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual([...new Set(served)].sort());
  });

  it('every REST route of the table is served under /assemblies/:id', () => {
    const router = apiRouter({} as HubContext, () => 'http://localhost', 'test-operator-key') as unknown as { stack: Layer[] };
    const served = new Set(servedRoutes(router.stack));
    for (const [event, spec] of Object.entries(COMMAND_TABLE)) {
      if (spec.rest) expect(served.has(`${spec.rest.method.toUpperCase()} /assemblies/:id${spec.rest.path}`), event).toBe(true);
    }
  });
});
