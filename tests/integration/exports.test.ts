import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOM, CSV_COLUMNS, guardText, headerOf, toCsv } from '../../server/csv.ts';
import { newId, newJoinId } from '../../server/ids.ts';
import { closeRound, createRound, joinVoter, openRound, setupAssembly, vote } from '../support/assembly.ts';
import { rest, startServer, type TestServer } from '../support/server.ts';

/** The header documented for an export in docs/protocol.md "CSV exports" (the first code span of its row). */
function documentedHeader(file: string): string[] {
  const doc = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');
  const row = doc.split('\n').find((l) => l.startsWith(`| \`${file}\``));
  if (!row) throw new Error(`docs/protocol.md documents no ${file}`);
  const spans = [...row.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  return spans[1]!.split(',');
}

/** Minimal RFC 4180 reader for the tests (quotes, doubled quotes, commas and newlines inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endCell();
    else if (ch === '\n') {
      endCell();
      rows.push(row);
      row = [];
    } else cell += ch;
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

describe('ids', () => {
  it('never start with a character a spreadsheet reads as a formula', () => {
    for (let i = 0; i < 20_000; i++) expect(newId(6)).toMatch(/^[A-Za-z0-9]/);
  });
  it('join ids are lower-case letters and digits without look-alikes', () => {
    for (let i = 0; i < 2000; i++) expect(newJoinId()).toMatch(/^[a-hjkmnp-z2-9]{10}$/);
  });
});

describe('the CSV writer', () => {
  it('guards only free-text columns; ids, numbers and fixed words are written as they are', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }).map((s) => `-${s}`), fc.integer(), (text, id, n) => {
        const columns = [{ name: 'id' }, { name: 'title', text: true }, { name: 'n' }];
        const [header, row] = parseCsv(toCsv(columns, [[id, text, n]]).slice(BOM.length));
        expect(header).toEqual(['id', 'title', 'n']);
        expect(row![0]).toBe(id);
        expect(row![1]).toBe(guardText(text));
        expect(row![1]!.replace(/^'(?=[=+\-@\t\r])/, '')).toBe(text);
        expect(row![1]).not.toMatch(/^[=+\-@\t\r]/);
        expect(row![2]).toBe(String(n));
      }),
    );
  });
  it('starts every file with a UTF-8 byte-order mark', () => {
    expect(toCsv([{ name: 'a' }], []).startsWith('\uFEFF')).toBe(true);
  });
});

describe('exports over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ clientDir: null });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('have the documented headers, a BOM, UTF-8 text, unaltered ids and guarded titles', async () => {
    const { url } = server;
    const titles = ['Cyklostezka podél řeky', '=SUM(A1)', '-2 parkovací místa', 'Knihovna', 'Stromy'];
    const { assemblyId, token, proposals } = await setupAssembly(url, titles, { costs: [100, 200, 300, 400, 500] });
    await rest(url, 'PATCH', `/api/assemblies/${assemblyId}`, {
      token,
      body: { profile: [{ id: 'age', label: 'Věk', options: [{ id: 'y', label: 'do 30' }, { id: 'o', label: '30+' }] }] },
    });
    const ids = proposals.map((p) => p.id);
    const plain = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 2 });
    await openRound(url, assemblyId, token, plain.id);
    const voters = await Promise.all(Array.from({ length: 6 }, () => joinVoter(url, assemblyId)));
    for (const [i, v] of voters.entries()) await vote(v, plain.id, [ids[i % 5]!, ids[(i + 1) % 5]!], [ids[(i + 2) % 5]!]);
    await closeRound(url, assemblyId, token, plain.id);
    const budget = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 2, budget: 600 });
    await openRound(url, assemblyId, token, budget.id);
    for (const v of voters) await vote(v, budget.id, [ids[0]!], []);
    await closeRound(url, assemblyId, token, budget.id);

    const auth = { headers: { authorization: `Bearer ${token}` } };
    const get = async (path: string) => {
      const res = await fetch(`${url}/api/assemblies/${assemblyId}${path}`, auth);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      return parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1));
    };

    const results = await get(`/rounds/${plain.id}/results.csv`);
    expect(results[0]).toEqual(documentedHeader('results.csv'));
    expect(results[0]).toEqual(headerOf([...CSV_COLUMNS.results, ...CSV_COLUMNS.practice]));
    expect(results.slice(1).map((r) => r[1]).sort()).toEqual([...ids].sort());
    const byId = new Map(results.slice(1).map((r) => [r[1], r[2]]));
    expect(byId.get(ids[0]!)).toBe('Cyklostezka podél řeky');
    expect(byId.get(ids[1]!)).toBe(`'=SUM(A1)`);
    expect(byId.get(ids[2]!)).toBe(`'-2 parkovací místa`);

    const budgetCsv = await get(`/rounds/${budget.id}/results.csv`);
    expect(budgetCsv[0]).toEqual(documentedHeader('results.csv (budget round)'));

    const ballots = await get(`/rounds/${plain.id}/ballots.csv`);
    expect(ballots[0]).toEqual(ids);
    expect(ballots).toHaveLength(1 + voters.length);

    const json = await rest<{ proposalIds: string[] }>(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${plain.id}/ballots.json`, { token });
    if (!json.body.ok) throw new Error('ballots.json');
    expect(json.body.data.proposalIds).toEqual(ballots[0]);

    const breakdown = await get(`/rounds/${plain.id}/breakdown.csv`);
    expect(breakdown[0]).toEqual(documentedHeader('breakdown.csv'));
    expect(breakdown[1]![0]).toBe('Věk');

    const report = await get('/report.csv');
    expect(report[0]).toEqual(documentedHeader('report.csv'));
    expect(new Set(report.slice(1).map((r) => r[11]))).toEqual(new Set(ids));
  });
});
