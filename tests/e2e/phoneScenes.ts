import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import type { CodeView, IssuedCode, ProposalView } from '../../shared/protocol/views.ts';
import { connect, must, rest, type TestSocket } from '../support/server.ts';
import { createAssembly } from './scenario.ts';

/**
 * The phone workflows and the codes console in realistic states, shared by
 * the screenshot and accessibility suites. Each returns the page, ready.
 */

type Ctx = { browser: Browser; url: string; sockets: TestSocket[]; options: BrowserContextOptions };

async function page(ctx: Ctx): Promise<Page> {
  const context = await ctx.browser.newContext(ctx.options);
  const p = await context.newPage();
  p.setDefaultTimeout(10_000);
  return p;
}

async function staff(ctx: Ctx, a: { id: string; token: string }): Promise<TestSocket> {
  const s = await connect(ctx.url);
  ctx.sockets.push(s);
  await must(s, 'session:join', { assemblyId: a.id, role: 'facilitator', token: a.token });
  return s;
}

/** Between rounds, proposing: one proposal approved, one not accepted with a reason, a third being typed. */
export async function proposeScene(ctx: Ctx): Promise<Page> {
  const a = await createAssembly(ctx.url, 'NHS Citizen assembly');
  const fac = await staff(ctx, a);
  await must(fac, 'assembly:update', { submissions: { open: true, maxPerParticipant: 3 } });
  const p = await page(ctx);
  await p.goto(`${ctx.url}/a/${a.id}`);
  await p.getByRole('heading', { name: 'Propose something' }).waitFor();
  const send = async (title: string, details: string) => {
    await p.getByLabel('Title').fill(title);
    await p.getByLabel('Details (optional)').fill(details);
    await p.getByRole('button', { name: 'Send proposal' }).click();
    await p.getByTestId('my-proposal').filter({ hasText: title }).waitFor();
  };
  await send('Evening GP appointments', 'Surgeries open until 8 pm twice a week for people who work.');
  await send('Free parking for hospital visitors', '');
  const state = await must<{ assembly: { proposals: ProposalView[] } }>(fac, 'state:sync', {});
  const id = (t: string) => state.assembly.proposals.find((x) => x.title === t)!.id;
  await must(fac, 'proposal:moderate', { proposalId: id('Evening GP appointments'), action: 'approve' });
  await must(fac, 'proposal:moderate', { proposalId: id('Free parking for hospital visitors'), action: 'reject', reason: 'Parking is run by the trust, not by this assembly.' });
  await p.getByTestId('my-proposal').filter({ hasText: 'Not accepted' }).waitFor();
  await p.getByLabel('Title').fill('Mental health first aiders in schools');
  await p.evaluate(() => window.scrollTo(0, 0));
  return p;
}

/** Right after joining: the facilitator's profile questions, one answered. */
export async function profileScene(ctx: Ctx): Promise<Page> {
  const a = await createAssembly(ctx.url, 'Prague 10 participatory budget');
  const fac = await staff(ctx, a);
  await must(fac, 'assembly:update', {
    profile: [
      { id: 'age', label: 'Your age', options: [{ id: 'u30', label: 'Under 30' }, { id: 'mid', label: '30 to 59' }, { id: 'o60', label: '60 or over' }] },
      { id: 'area', label: 'Where do you live?', options: [{ id: 'vrs', label: 'Vršovice' }, { id: 'str', label: 'Strašnice' }, { id: 'mal', label: 'Malešice' }] },
    ],
  });
  const p = await page(ctx);
  await p.goto(`${ctx.url}/a/${a.id}`);
  await p.getByRole('heading', { name: '2 questions before you vote' }).waitFor();
  await p.getByRole('group', { name: 'Your age' }).getByRole('radio', { name: '30 to 59' }).check();
  await p.evaluate(() => window.scrollTo(0, 0));
  return p;
}

/** An access-code assembly with `n` cards, `used` of them redeemed by other phones. */
export async function codesAssembly(ctx: Ctx, title: string, n: number, used: number): Promise<{ a: { id: string; token: string }; codes: IssuedCode[] }> {
  const a = await createAssembly(ctx.url, title);
  const patched = await rest(ctx.url, 'PATCH', `/api/assemblies/${a.id}`, { token: a.token, body: { joinMode: 'codes' } });
  if (!patched.body.ok) throw new Error(JSON.stringify(patched.body));
  const gen = await rest<IssuedCode[]>(ctx.url, 'POST', `/api/assemblies/${a.id}/codes`, { token: a.token, body: { count: n } });
  if (!gen.body.ok) throw new Error(JSON.stringify(gen.body));
  for (const c of gen.body.data.slice(0, used)) {
    const s = await connect(ctx.url);
    ctx.sockets.push(s);
    await must(s, 'session:join', { assemblyId: a.id, role: 'voter', code: c.code });
  }
  return { a, codes: gen.body.data };
}

/** A phone opens a card whose code is already in use on another phone. */
export async function codeScene(ctx: Ctx): Promise<Page> {
  const { a, codes } = await codesAssembly(ctx, 'Union ballot: the pay offer', 4, 1);
  const p = await page(ctx);
  await p.goto(`${ctx.url}/a/${a.id}?code=${codes[0]!.code}`);
  await p.getByRole('heading', { name: 'Code already in use' }).waitFor();
  return p;
}

/**
 * The console of a codes assembly: 24 cards printed earlier (some in use),
 * 12 just generated, card 3 revoked and replaced. Returns the page with the
 * panel in view; `openSheet` then shows the print sheet of the fresh batch.
 */
export async function codesConsoleScene(ctx: Ctx): Promise<{ page: Page; openSheet: () => Promise<Page> }> {
  const { a } = await codesAssembly(ctx, 'Riverside citizens’ assembly', 24, 17);
  const p = await page(ctx);
  await p.goto(`${ctx.url}/a/${a.id}/facilitator#token=${a.token}`);
  const panel = p.locator('.codes-panel');
  await panel.getByTestId('codes-counts').filter({ hasText: '17 in use' }).waitFor();
  await p.getByLabel('New cards to print').fill('12');
  await p.getByRole('button', { name: 'Generate cards' }).click();
  await p.getByRole('button', { name: 'Show the 12 cards to print' }).waitFor();
  await p.getByRole('button', { name: 'Revoke card 3', exact: true }).click();
  await p.getByRole('button', { name: 'Revoke and issue a replacement for card 3', exact: true }).click();
  await p.getByTestId('replacement').waitFor();
  const list = await rest<CodeView[]>(ctx.url, 'GET', `/api/assemblies/${a.id}/codes`, { token: a.token });
  if (!list.body.ok || list.body.data.length !== 37) throw new Error('codes list');
  await panel.scrollIntoViewIfNeeded();
  return {
    page: p,
    openSheet: async () => {
      await p.getByRole('button', { name: 'Show the 12 cards to print' }).click();
      await p.getByRole('dialog', { name: 'Print 12 access cards' }).waitFor();
      return p;
    },
  };
}
