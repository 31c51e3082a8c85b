import type { Page } from 'playwright-core';
import type { RoundView } from '../../shared/protocol/views.ts';
import { must, rest, type TestSocket } from '../support/server.ts';
import { createAssembly, createRound, roundAction } from './scenario.ts';
import { burst, importRows, voters } from './roomScenario.ts';
import { facilitator, type Assembly } from './workflowScenario.ts';

/**
 * A large assembly in English or Czech, as a facilitator would type it:
 * up to 60 proposals with realistic titles of every length and costs,
 * profile questions answered by 300 phones on sockets. Shared by the
 * console-width test and `npm run screenshots`.
 */
export type Lang = 'en' | 'cs';

const SUBJECTS: Record<Lang, string[]> = {
  en: ['Street trees', 'Protected bike lanes', 'Longer library opening hours', 'Youth club', 'Heated bus shelters', 'Community garden', 'Skate park', 'Public toilets', 'Free swimming lessons for children', 'Repair café', 'Solar panels on school roofs', 'Benches and shade'],
  cs: ['Stromy v ulicích', 'Chráněné cyklopruhy', 'Delší otevírací doba knihovny', 'Klub pro mládež', 'Vyhřívané zastávky', 'Komunitní zahrada', 'Skatepark', 'Veřejné toalety', 'Plavání zdarma pro děti', 'Opravárenská kavárna', 'Solární panely na střechách škol', 'Lavičky a stín'],
};
const PLACES: Record<Lang, string[]> = {
  en: ['on Main Street', 'in Riverside Park', 'by the station', 'in the old town', 'near the schools'],
  cs: ['na Hlavní třídě', 'v parku u řeky', 'u nádraží', 've starém městě', 'u škol'],
};
export const ROOM_TEXT: Record<Lang, { title: string; question: string; hidden: string; budget: string }> = {
  en: { title: 'Riverside neighbourhood assembly', question: 'Which projects should the town fund next year?', hidden: 'Shortlist: which go to the council?', budget: 'Which projects fit the neighbourhood budget?' },
  cs: { title: 'Shromáždění čtvrti u řeky', question: 'Které projekty má město příští rok financovat?', hidden: 'Užší výběr: které půjdou do rady?', budget: 'Které projekty se vejdou do rozpočtu čtvrti?' },
};
const PROFILE: Record<Lang, { id: string; label: string; options: { id: string; label: string }[] }[]> = {
  en: [
    { id: 'age', label: 'Age band', options: [{ id: 'young', label: 'Under 30' }, { id: 'mid', label: '30–59' }, { id: 'old', label: '60 and over' }] },
    { id: 'area', label: 'Neighbourhood', options: [{ id: 'north', label: 'North bank' }, { id: 'south', label: 'South bank' }, { id: 'centre', label: 'Old town' }] },
  ],
  cs: [
    { id: 'age', label: 'Věková skupina', options: [{ id: 'young', label: 'Do 30 let' }, { id: 'mid', label: '30–59 let' }, { id: 'old', label: '60 let a více' }] },
    { id: 'area', label: 'Část města', options: [{ id: 'north', label: 'Severní břeh' }, { id: 'south', label: 'Jižní břeh' }, { id: 'centre', label: 'Staré město' }] },
  ],
};

/** `n` titles: each subject at each place, in the assembly's language. */
export function roomTitles(lang: Lang, n: number): string[] {
  const s = SUBJECTS[lang];
  const p = PLACES[lang];
  return Array.from({ length: n }, (_, i) => `${s[i % s.length]} ${p[Math.floor(i / s.length) % p.length]}`);
}

/** A believable cost: 25 000 to 500 000 in steps of 25 000. */
export const roomCost = (i: number): number => (((i * 37) % 20) + 1) * 25_000;

export interface BigRoom {
  a: Assembly;
  ids: string[];
  costs: number[];
  fac: TestSocket;
  phones: TestSocket[];
}

export async function bigRoom(url: string, lang: Lang, n: number, phones = 300): Promise<BigRoom> {
  const a = await createAssembly(url, ROOM_TEXT[lang].title);
  const set = await rest(url, 'PATCH', `/api/assemblies/${a.id}`, { token: a.token, body: { language: lang, currency: lang === 'cs' ? 'CZK' : 'EUR' } });
  if (!set.body.ok) throw new Error(set.body.error.message);
  const rows = roomTitles(lang, n).map((t, i) => `"${t}",,${roomCost(i)}`);
  const ids = (await importRows(url, a, rows, true)).map((p) => p.id);
  const fac = await facilitator(url, a);
  await must(fac, 'assembly:update', { profile: PROFILE[lang] });
  const crowd = await voters(url, a.id, phones);
  const ages = ['young', 'mid', 'old', null];
  const areas = ['north', 'south', 'centre'];
  await Promise.all(crowd.map((v, i) => must(v, 'profile:answer', { answers: { age: ages[i % 4], area: areas[i % 3] } })));
  return { a, ids, costs: ids.map((_, i) => roomCost(i)), fac, phones: crowd };
}

/** Opens a round on every proposal and sends a burst of every phone's ballot. */
export async function votedRound(url: string, room: BigRoom, body: Record<string, unknown>, seed: number, phones = room.phones): Promise<RoundView> {
  const round = await createRound(url, room.a, { proposalIds: room.ids, winners: 3, ...body });
  await roundAction(url, room.a, round.id, 'open');
  await burst(phones, round.id, room.ids, round.rules, seed);
  return round;
}

/**
 * Elements of the console wider than their box at this width: the page
 * itself, its columns, each card and each table's scroll box.
 */
export async function consoleOverflows(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [document.documentElement, ...document.querySelectorAll('.fac-main, .fac-col, .card, .table-wrap, table')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}" aria-labelledby="${el.getAttribute('aria-labelledby') ?? ''}">: ${el.scrollWidth} > ${el.clientWidth}`),
  );
}
