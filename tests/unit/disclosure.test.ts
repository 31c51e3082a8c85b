import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DISCLOSURE, disclosureMarkdown, payloadPaths } from '../../shared/protocol/disclosure.ts';

describe('the role × field table', () => {
  it('is printed in docs/security.md as it is in the code', () => {
    const doc = readFileSync(new URL('../../docs/security.md', import.meta.url), 'utf8');
    // Regenerate with `npm run docs:disclosure`.
    expect(doc).toContain(disclosureMarkdown());
  });

  it('names each channel once', () => {
    const names = DISCLOSURE.map((c) => `${c.kind} ${c.name}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it('flattens payloads into the table’s paths', () => {
    const fields = { 'a.b': ['screen'], 'c[]': ['screen'], 'd{}': ['screen'], 'e.*': ['screen'] } as const;
    expect(payloadPaths({ a: { b: 1 }, c: [1, 2], d: { x: 1, y: 2 }, e: { deep: { er: 1 } }, f: { g: 1 } }, fields).sort()).toEqual(['a.b', 'c[]', 'd{}', 'e.*', 'f.g']);
    expect(payloadPaths('join', { '': ['screen'] })).toEqual(['']);
  });
});
