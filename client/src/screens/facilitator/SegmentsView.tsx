import { useEffect, useRef, useState } from 'react';
import type { RoundResults } from '../../../../shared/domain/index.ts';
import type { RoundView, SegmentBreakdown } from '../../../../shared/protocol/views.ts';
import { downloadExport } from '../../lib/api.ts';
import { percent, plural, signed } from '../../lib/format.ts';
import { command, useFacilitatorStore } from './store.ts';
import { FormError } from '../../components/FormError.tsx';

/** A light tint: green as far as the group backs it, red as far as it opposes (text stays dark for contrast). */
function heat(support: number, opposition: number): string | undefined {
  const d = support - opposition;
  if (Math.abs(d) < 0.05) return undefined;
  const a = Math.min(0.22, 0.04 + Math.abs(d) * 0.2).toFixed(3);
  return d > 0 ? `rgba(22, 163, 74, ${a})` : `rgba(220, 38, 38, ${a})`;
}

type Loaded = { roundId: string; data: SegmentBreakdown[] } | { roundId: string; error: string };

/**
 * Results split by the answers to each profile question (Prague 10,
 * Říčany). The server never sends a group of fewer than five voters; such
 * groups are named here as "fewer than 5 — not shown".
 */
export function SegmentsView({ round, results, titles }: { round: RoundView; results: RoundResults | null; titles: Record<string, string> }) {
  const questions = useFacilitatorStore((s) => s.assembly?.settings.profile.length ?? 0);
  const seq = useFacilitatorStore((s) => (s.snapshot?.roundId === round.id ? s.snapshot.seq : -1));
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const last = useRef(0);

  // Live rounds: follow the ballots, at most one request every two seconds.
  useEffect(() => {
    if (questions === 0) return;
    let live = true;
    const wait = Math.max(0, last.current + 2000 - Date.now());
    const t = setTimeout(() => {
      last.current = Date.now();
      void command('breakdown:get', { roundId: round.id }).then((r) => {
        if (live) setLoaded(r.ok ? { roundId: round.id, data: r.data } : { roundId: round.id, error: r.error.message });
      });
    }, wait);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [round.id, round.status, seq, questions]);

  if (questions === 0) {
    return (
      <p className="muted">
        No profile questions yet. Add them under <strong>Profile questions</strong> (for example an age band or a neighbourhood) before the vote: phones are asked
        once when they join, and results can then be split by answer.
      </p>
    );
  }
  const mine = loaded && loaded.roundId === round.id ? loaded : null;
  return (
    <div className="segments">
      <BreakdownExports round={round} />
      {!mine ? <p className="muted">Loading results by group…</p> : 'error' in mine ? <p className="muted">{mine.error}</p> : null}
      {mine && 'data' in mine
        ? mine.data.map((b) => <QuestionBreakdown key={b.questionId} b={b} order={results?.options.map((o) => o.id) ?? null} titles={titles} />)
        : null}
    </div>
  );
}

function BreakdownExports({ round }: { round: RoundView }) {
  const assemblyId = useFacilitatorStore((s) => s.assemblyId);
  const token = useFacilitatorStore((s) => s.token) ?? '';
  const [error, setError] = useState<string | null>(null);
  const base = `/api/assemblies/${encodeURIComponent(assemblyId)}/rounds/${encodeURIComponent(round.id)}`;
  const get = async (fmt: 'csv' | 'json') => setError(await downloadExport(`${base}/breakdown.${fmt}`, token, `vote-${round.seq}-by-group.${fmt}`));
  return (
    <div className="exports segments-exports">
      <span className="small">Export by group:</span>
      <button type="button" className="btn small" onClick={() => void get('csv')}>
        By-group CSV
      </button>
      <button type="button" className="btn small" onClick={() => void get('json')}>
        By-group JSON
      </button>
      <FormError message={error} />
    </div>
  );
}

function QuestionBreakdown({ b, order, titles }: { b: SegmentBreakdown; order: string[] | null; titles: Record<string, string> }) {
  const shown = b.groups.filter((g) => !g.suppressed && g.options);
  const ids = order ?? shown[0]?.options?.map((o) => o.id) ?? [];
  const consensus = new Map(b.groupConsensus.map((g) => [g.id, g]));
  const headId = `seg-${b.questionId}`;
  return (
    <section className="segment" aria-labelledby={headId}>
      <h3 id={headId}>By {b.label.charAt(0).toLowerCase() + b.label.slice(1)}</h3>
      <ul className="seg-groups" aria-label={`Groups by ${b.label}`}>
        {b.groups.map((g) => (
          <li key={g.optionId ?? 'none'} className={g.suppressed ? 'suppressed' : ''}>
            <span className="seg-group-name">{g.optionId === null ? 'No answer' : g.label}</span>{' '}
            {g.suppressed ? <span className="seg-hidden">fewer than {b.minGroup} — not shown</span> : <span className="seg-n">{plural(g.voters ?? 0, 'voter')}</span>}
          </li>
        ))}
      </ul>
      {b.groups.filter((g) => g.suppressed).length > 1 ? (
        <p className="hint">With one group under {b.minGroup}, the next smallest is hidden too: otherwise it could be worked out from the totals.</p>
      ) : null}
      {shown.length === 0 ? (
        <p className="muted">No group has {b.minGroup} or more voters yet: nothing can be shown without revealing how individuals voted.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={`Results by ${b.label}`}>
          <table className="results-table seg-table">
            <caption>Net score (plus − minus) per group, with the share of the group for and against.</caption>
            <thead>
              <tr>
                <th scope="col">Proposal</th>
                {shown.map((g) => (
                  <th scope="col" key={g.optionId ?? 'none'} className="num">
                    {g.optionId === null ? 'No answer' : g.label}
                    <span className="share">{plural(g.voters ?? 0, 'voter')}</span>
                  </th>
                ))}
                <th scope="col" className="num">
                  <abbr title="Group-informed consensus (Pol.is): product over the shown groups of (plus + 1) / (voters + 2). High only when every group supports it.">
                    All groups agree
                  </abbr>
                </th>
              </tr>
            </thead>
            <tbody>
              {ids.map((id) => {
                const gc = consensus.get(id);
                return (
                  <tr key={id}>
                    <th scope="row">{titles[id] ?? '(deleted proposal)'}</th>
                    {shown.map((g) => {
                      const o = g.options?.find((x) => x.id === id);
                      if (!o) return <td key={g.optionId ?? 'none'} className="num">—</td>;
                      return (
                        <td
                          key={g.optionId ?? 'none'}
                          className={`num seg-cell${o.net > 0 ? ' pos' : o.net < 0 ? ' neg' : ''}`}
                          style={{ background: heat(o.support, o.opposition) }}
                        >
                          <strong>{signed(o.net)}</strong>
                          <span className="share">
                            {percent(o.support)} for · {percent(o.opposition)} against
                          </span>
                        </td>
                      );
                    })}
                    <td className="num">{gc ? gc.agreement.toFixed(2) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
