/** Rewrites the generated role × field table in docs/security.md (`npm run docs:disclosure`). */
import { readFileSync, writeFileSync } from 'node:fs';
import { disclosureMarkdown } from '../../shared/protocol/disclosure.ts';

const file = new URL('../../docs/security.md', import.meta.url);
const doc = readFileSync(file, 'utf8');
const start = '<!-- generated from shared/protocol/disclosure.ts: do not edit by hand -->\n';
const end = '\n<!-- end of generated table -->';
const a = doc.indexOf(start);
const b = doc.indexOf(end);
if (a < 0 || b < a) throw new Error('docs/security.md lost its table markers');
writeFileSync(file, doc.slice(0, a + start.length) + disclosureMarkdown() + doc.slice(b));
