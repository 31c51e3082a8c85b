import express, { type Request, type Response, type Router } from 'express';
import {
  AssemblyCreate,
  AssemblyUpdate,
  ProposalMerge,
  ProposalModerate,
  RoundAdvance,
  CodeRevoke,
  CodesGenerate,
  DisplaySet,
  ProposalInput,
  ProposalOrder,
  ProposalPatch,
  RoundCreate,
  RoundUpdate,
  LIMITS,
} from '../../shared/protocol/schemas.ts';
import { z } from 'zod';
import { assemblyUrls } from '../config.ts';
import {
  authorizeFacilitator,
  advanceRound,
  closeRound,
  mergeProposals,
  moderateProposal,
  createAssembly,
  createProposal,
  createRound,
  deleteProposal,
  extendRound,
  generateCodes,
  listCodes,
  revokeCode,
  fullAssemblyView,
  getAssembly,
  hubOk,
  importProposals,
  openRound,
  proposalView,
  reorderProposals,
  roundView,
  setDisplay,
  updateAssembly,
  updateProposal,
  updateRound,
  type AssemblyState,
  type HubContext,
} from '../hub/index.ts';
import { bearer, body, send, sendError } from './respond.ts';
import { exportRoutes } from './exports.ts';

const OpenBody = z.strictObject({ durationSec: z.int().min(5).max(LIMITS.roundDurationMaxSec).nullable().optional() });
const ExtendBody = z.strictObject({ seconds: z.int().min(1).max(LIMITS.roundDurationMaxSec) });

/**
 * The REST API, for setup and automation. Facilitator routes take the
 * capability token as `Authorization: Bearer <token>`.
 */
export function apiRouter(ctx: HubContext, publicUrl: () => string): Router {
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

  r.post('/assemblies', async (req, res) => {
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
    send(res, hubOk({ id: a.value.row.id, title: a.value.row.title, joinMode: a.value.row.joinMode, urls: assemblyUrls(publicUrl(), a.value.row.id) }));
  });
  r.patch('/assemblies/:id', async (req, res) => {
    const a = staff(req, res);
    const input = a && body(req, res, AssemblyUpdate);
    if (a && input) send(res, hubOk(fullAssemblyView(await updateAssembly(ctx, a, input))));
  });
  r.put('/assemblies/:id/display', async (req, res) => {
    const a = staff(req, res);
    const input = a && body(req, res, DisplaySet);
    if (a && input) send(res, hubOk({ mode: await setDisplay(ctx, a, input.mode) }));
  });

  r.post('/assemblies/:id/proposals', async (req, res) => {
    const a = staff(req, res);
    const input = a && body(req, res, ProposalInput);
    if (a && input) {
      const created = await createProposal(ctx, a, input);
      send(res, created.ok ? hubOk(proposalView(created.value)) : created, 201);
    }
  });
  r.post('/assemblies/:id/proposals/import', async (req, res) => {
    const a = staff(req, res);
    if (!a) return;
    if (typeof req.body !== 'string') return sendError(res, 'BAD_REQUEST', 'Send the CSV as text/csv.');
    const created = await importProposals(ctx, a, req.body);
    send(res, created.ok ? hubOk(created.value.map(proposalView)) : created, 201);
  });
  r.put('/assemblies/:id/proposals/order', async (req, res) => {
    const a = staff(req, res);
    const input = a && body(req, res, ProposalOrder);
    if (a && input) {
      const done = await reorderProposals(ctx, a, input.proposalIds);
      send(res, done.ok ? hubOk(done.value.map(proposalView)) : done);
    }
  });
  r.patch('/assemblies/:id/proposals/:pid', async (req, res) => {
    const a = staff(req, res);
    const input = a && body(req, res, ProposalPatch);
    if (a && input) {
      const done = await updateProposal(ctx, a, p(req, 'pid'), input);
      send(res, done.ok ? hubOk(proposalView(done.value)) : done);
    }
  });
  r.delete('/assemblies/:id/proposals/:pid', async (req, res) => {
    const a = staff(req, res);
    if (a) send(res, await deleteProposal(ctx, a, p(req, 'pid')));
  });

  r.post('/assemblies/:id/rounds', async (req, res) => {
    const a = staff(req, res);
    const input = a && body(req, res, RoundCreate);
    if (a && input) {
      const done = await createRound(ctx, a, input);
      send(res, done.ok ? hubOk(roundView(done.value)) : done, 201);
    }
  });
  r.patch('/assemblies/:id/rounds/:rid', async (req, res) => {
    const a = staff(req, res);
    const input = a && body(req, res, RoundUpdate.omit({ roundId: true }));
    if (a && input) {
      const done = await updateRound(ctx, a, { ...input, roundId: p(req, 'rid') });
      send(res, done.ok ? hubOk(roundView(done.value)) : done);
    }
  });
  r.post('/assemblies/:id/rounds/:rid/open', async (req, res) => {
    const a = staff(req, res);
    const input = a && body(req, res, OpenBody);
    if (a && input) {
      const done = await openRound(ctx, a, p(req, 'rid'), input.durationSec);
      send(res, done.ok ? hubOk(roundView(done.value)) : done);
    }
  });
  r.post('/assemblies/:id/rounds/:rid/close', async (req, res) => {
    const a = staff(req, res);
    if (a) {
      const done = await closeRound(ctx, a, p(req, 'rid'));
      send(res, done.ok ? hubOk(roundView(done.value)) : done);
    }
  });
  r.post('/assemblies/:id/rounds/:rid/extend', async (req, res) => {
    const a = staff(req, res);
    const input = a && body(req, res, ExtendBody);
    if (a && input) {
      const done = await extendRound(ctx, a, p(req, 'rid'), input.seconds);
      send(res, done.ok ? hubOk(roundView(done.value)) : done);
    }
  });

  r.post('/assemblies/:id/codes', async (req, res) => {
    const a = staff(req, res);
    const input = a && body(req, res, CodesGenerate);
    if (a && input) send(res, await generateCodes(ctx, a, input.count), 201);
  });
  r.get('/assemblies/:id/codes', (req, res) => {
    const a = staff(req, res);
    if (a) send(res, hubOk(listCodes(a)));
  });
  r.post('/assemblies/:id/codes/:cid/revoke', async (req, res) => {
    const a = staff(req, res);
    const input = a && body(req, res, CodeRevoke.omit({ codeId: true }));
    if (a && input) send(res, await revokeCode(ctx, a, p(req, 'cid'), input.replace ?? false));
  });

  r.post('/assemblies/:id/proposals/:pid/moderate', async (req, res) => {
    const a = staff(req, res);
    const input = a && body(req, res, ProposalModerate.omit({ proposalId: true }));
    if (a && input) {
      const done = await moderateProposal(ctx, a, { ...input, proposalId: p(req, 'pid') });
      send(res, done.ok ? hubOk(proposalView(done.value)) : done);
    }
  });
  r.post('/assemblies/:id/proposals/merge', async (req, res) => {
    const a = staff(req, res);
    const input = a && body(req, res, ProposalMerge);
    if (a && input) {
      const done = await mergeProposals(ctx, a, input);
      send(res, done.ok ? hubOk(proposalView(done.value)) : done);
    }
  });
  r.post('/assemblies/:id/rounds/:rid/advance', async (req, res) => {
    const a = staff(req, res);
    const input = a && body(req, res, RoundAdvance.omit({ fromRoundId: true }));
    if (a && input) {
      const done = await advanceRound(ctx, a, { ...input, fromRoundId: p(req, 'rid') });
      send(res, done.ok ? hubOk(roundView(done.value)) : done, 201);
    }
  });

  r.use(exportRoutes(ctx, staff));

  r.use((_req: Request, res: Response) => sendError(res, 'NOT_FOUND', 'No such API route.'));
  return r;
}
