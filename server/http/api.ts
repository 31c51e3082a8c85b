import express, { type Request, type Response, type Router } from 'express';
import { AssemblyCreate, LIMITS } from '../../shared/protocol/schemas.ts';
import { assemblyUrls } from '../config.ts';
import { hashSecret, secretMatches } from '../ids.ts';
import {
  authorizeFacilitator,
  createAssembly,
  fullAssemblyView,
  getAssembly,
  hubOk,
  importProposals,
  proposalView,
  type AssemblyState,
  type HubContext,
} from '../hub/index.ts';
import { commandRoutes } from './commands.ts';
import { bearer, body, send, sendError } from './respond.ts';
import { exportRoutes, type PublicRead } from './exports.ts';

/**
 * The REST API, for setup and automation. Facilitator routes take the
 * capability token as `Authorization: Bearer <token>`. The command routes
 * are generated from the command table (./commands.ts); written here are
 * only what is not a command: health, config, creating and reading an
 * assembly, the CSV import; the exports live in ./exports.ts.
 */
export function apiRouter(
  ctx: HubContext,
  publicUrl: () => string,
  operatorToken: string,
  /** A token-less heavy read (results, opinion groups) may run now (server/heavyReads.ts). */
  publicRead: PublicRead = () => true,
): Router {
  const operatorHash = hashSecret(operatorToken);
  const r = express.Router();
  r.use(express.json({ limit: '64kb', strict: true }));
  r.use(express.text({ type: ['text/csv', 'text/plain'], limit: LIMITS.csvImportMaxBytes }));

  /** Resolves the assembly and checks the facilitator token, or answers an error. */
  const staff = (req: Request, res: Response): AssemblyState | null => {
    const auth = authorizeFacilitator(ctx, String(req.params.id), bearer(req));
    if (auth.ok) return auth.value;
    send(res, auth);
    return null;
  };
  const p = (req: Request, name: string) => String(req.params[name]);

  r.get('/health', (_req, res) => {
    res.json({ ok: true, data: { status: 'up' } });
  });
  r.get('/config', (_req, res) => {
    res.json({ ok: true, data: { publicUrl: publicUrl() } });
  });

  // Creating an assembly needs the operator's key (docs/security.md): the
  // start banner and its join link belong to the operator, not to whoever
  // posted last.
  r.post('/assemblies', async (req, res) => {
    const key = bearer(req);
    if (!key || !secretMatches(key, operatorHash)) {
      return sendError(res, 'UNAUTHORIZED', 'Creating an assembly needs the operator key (printed when the server first started, or the OPERATOR_TOKEN setting).');
    }
    const input = body(req, res, AssemblyCreate);
    if (!input) return;
    const { state, facilitatorToken } = await createAssembly(ctx, input);
    send(res, hubOk({ assembly: fullAssemblyView(state), facilitatorToken, urls: assemblyUrls(publicUrl(), state.row.id, facilitatorToken) }), 201);
  });
  r.get('/assemblies/:id', (req, res) => {
    const a = staff(req, res);
    if (a) send(res, hubOk(fullAssemblyView(a)));
  });
  /** What anyone with the join link may know: enough to show the join page. */
  r.get('/assemblies/:id/public', (req, res) => {
    const a = getAssembly(ctx, p(req, 'id'));
    if (!a.ok) return send(res, a);
    send(res, hubOk({ id: a.value.row.id, title: a.value.row.title, joinMode: a.value.row.joinMode, language: a.value.row.settings.language, currency: a.value.row.settings.currency, urls: assemblyUrls(publicUrl(), a.value.row.id) }));
  });
  r.post('/assemblies/:id/proposals/import', async (req, res) => {
    const a = staff(req, res);
    if (!a) return;
    if (typeof req.body !== 'string') return sendError(res, 'BAD_REQUEST', 'Send the CSV as text/csv.');
    const created = await importProposals(ctx, a, req.body);
    send(res, created.ok ? hubOk(created.value.map(proposalView)) : created, 201);
  });
  commandRoutes(r, ctx, staff);
  r.use(exportRoutes(ctx, staff, publicRead));

  r.use((_req: Request, res: Response) => sendError(res, 'NOT_FOUND', 'No such API route.'));
  return r;
}
