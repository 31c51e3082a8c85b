/**
 * `npm run verify -- <ballots.json> <results.json>`: checks a closed
 * round's sealed result from its two public exports, with no server and no
 * database. It recounts the anonymised ballots against the sealed rules
 * and paper, compares the count with the sealed result, and recomputes the
 * SHA-256 digest over the canonical form (docs/protocol.md, "Sealed
 * results"). Exit code 0 when everything matches, 1 when not, 2 on bad input.
 *
 * ballots.json: GET /api/assemblies/:id/rounds/:rid/ballots.json
 * results.json: GET /api/assemblies/:id/rounds/:rid/results
 */
import { readFileSync } from 'node:fs';
import { checkExports } from '../shared/domain/verifyExports.ts';

const [ballotsFile, resultsFile] = process.argv.slice(2).filter((a) => a !== '--');
if (!ballotsFile || !resultsFile) {
  console.error('usage: npm run verify -- <ballots.json> <results.json>');
  process.exit(2);
}
const read = (file: string): unknown => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    console.error(`${file}: ${(e as Error).message}`);
    process.exit(2);
  }
};
const report = checkExports(read(ballotsFile), read(resultsFile));
for (const line of report.lines) console.log(line);
process.exit(report.exitCode);
