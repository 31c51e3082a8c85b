/**
 * The REST routes of the command table: for each facilitator command with
 * a `rest` entry, `/assemblies/:id<path>` checks the bearer token, parses
 * the body with the command's schema (minus the fields the path fills),
 * runs the same handler as the socket and answers with the same envelope.
 */
import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import { COMMANDS, type CommandName } from '../../shared/protocol/commands.ts';
import { COMMAND_TABLE, type RestRoute, type ServerCommand } from '../commands/index.ts';
import type { AssemblyState, HubContext } from '../hub/index.ts';
import { body, send } from './respond.ts';

type Staff = (req: Request, res: Response) => AssemblyState | null;

/** The schema a route's JSON body must fit, or null when the route reads no body. */
function bodySchema(event: CommandName, rest: RestRoute<CommandName>): z.ZodType | null {
  const schema = COMMANDS[event].schema as z.ZodType as z.ZodObject;
  const where = rest.body ?? 'payload';
  if (where === 'none') return null;
  if (where !== 'payload') return schema.shape[where] as z.ZodType;
  const fromPath = Object.values(rest.params ?? {});
  return fromPath.length ? schema.omit(Object.fromEntries(fromPath.map((f) => [f, true])) as Record<string, true>) : schema;
}

function route<E extends CommandName>(r: Router, hub: HubContext, staff: Staff, event: E, spec: ServerCommand<E>, rest: RestRoute<E>): void {
  const schema = bodySchema(event, rest as RestRoute<CommandName>);
  const where = rest.body ?? 'payload';
  r[rest.method](`/assemblies/:id${rest.path}`, async (req: Request, res: Response) => {
    const a = staff(req, res);
    if (!a) return;
    let input: Record<string, unknown> = {};
    if (schema) {
      const parsed = body(req, res, schema);
      if (parsed === null) return;
      input = where === 'payload' ? { ...(parsed as Record<string, unknown>) } : { [where]: parsed };
    }
    for (const [param, field] of Object.entries(rest.params ?? {})) input[field] = String(req.params[param]);
    const result = await spec.run(input as Parameters<ServerCommand<E>['run']>[0], { role: 'facilitator', assembly: a, participantId: null, session: null }, hub);
    send(res, result, rest.status ?? 200);
  });
}

/** Adds the table's REST routes to `r`; `staff` resolves the assembly and checks the token (or answers the error). */
export function commandRoutes(r: Router, hub: HubContext, staff: Staff): void {
  for (const event of Object.keys(COMMAND_TABLE) as CommandName[]) {
    const spec = COMMAND_TABLE[event] as ServerCommand<typeof event>;
    if (spec.rest) route(r, hub, staff, event, spec, spec.rest);
  }
}
