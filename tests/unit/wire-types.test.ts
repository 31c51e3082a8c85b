import { describe, expect, it } from 'vitest';
import { ask, type AppSocket } from '../../client/src/lib/socket.ts';
import { COMMANDS } from '../../shared/protocol/commands.ts';

/**
 * The typed wire: a client payload that does not fit its command's schema
 * fails `tsc` (npm test type-checks this file: an `@ts-expect-error` that
 * finds no error is itself an error). At run time the same payloads are
 * refused by the schemas the server parses with.
 */
function compileTimeChecks(socket: AppSocket): void {
  void ask(socket, 'ballot:submit', { roundId: 'r1', ballotId: 'b12345678', plus: ['p1'], minus: [] });
  // @ts-expect-error ballotId is required
  void ask(socket, 'ballot:submit', { roundId: 'r1', plus: [], minus: [] });
  // @ts-expect-error plus is a list of ids
  void ask(socket, 'ballot:submit', { roundId: 'r1', ballotId: 'b12345678', plus: 'p1', minus: [] });
  // @ts-expect-error unknown field on a strict schema
  void ask(socket, 'round:close', { roundId: 'r1', force: true });
  // @ts-expect-error no such command
  void ask(socket, 'round:delete', { roundId: 'r1' });
  // @ts-expect-error the display mode is an enum
  void ask(socket, 'display:set', { mode: 'fullscreen' });
}

describe('typed wire', () => {
  it('the payloads tsc refuses are refused by the server-side schemas too', () => {
    expect(typeof compileTimeChecks).toBe('function');
    expect(COMMANDS['ballot:submit'].schema.safeParse({ roundId: 'r1', plus: [], minus: [] }).success).toBe(false);
    expect(COMMANDS['ballot:submit'].schema.safeParse({ roundId: 'r1', ballotId: 'b12345678', plus: 'p1', minus: [] }).success).toBe(false);
    expect(COMMANDS['round:close'].schema.safeParse({ roundId: 'r1', force: true }).success).toBe(false);
    expect(COMMANDS['display:set'].schema.safeParse({ mode: 'fullscreen' }).success).toBe(false);
    expect(COMMANDS['ballot:submit'].schema.safeParse({ roundId: 'r1', ballotId: 'b12345678', plus: ['p1'], minus: [] }).success).toBe(true);
  });
});
