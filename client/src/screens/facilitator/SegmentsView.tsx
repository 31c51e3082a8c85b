import { useEffect, useRef, useState } from 'react';
import type { RoundResults } from '../../../../shared/domain/index.ts';
import type { RoundView, SegmentBreakdown } from '../../../../shared/protocol/views.ts';
import { downloadExport } from '../../lib/api.ts';
import { fmt as formatters } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';
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
        {t('segments.none')}
      </p>
    );
  }
  const mine = loaded && loaded.roundId === round.id ? loaded : null;
  return (
    <div className="segments">
      <BreakdownExports round={round} />
      {!mine ? <p className="muted">{t('segments.loading')}</p> : 'error' in mine ? <p className="muted">{mine.error}</p> : null}
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
      <span className="small">{t('segments.export')}</span>
      <button type="button" className="btn small" onClick={() => void get('csv')}>
        {t('segments.csv')}
      </button>
      <button type="button" className="btn small" onClick={() => void get('json')}>
        {t('segments.json')}
      </button>
      <FormError message={error} />
    </div>
  );
}

/** A message around the facilitator's own text, which keeps its language tag ("Podle <věková skupina>"). */
function rich(message: string, text: string, lang: string | undefined) {
  const [before = '', after = ''] = message.split('\u0000');
  return (
    <>
      {before}
      <span lang={lang}>{text}</span>
      {after}
    </>
  );
}

function QuestionBreakdown({ b, order, titles }: { b: SegmentBreakdown; order: string[] | null; titles: Record<string, string> }) {
  const shown = b.groups.filter((g) => !g.suppressed && g.options);
  const ids = order ?? shown[0]?.options?.map((o) => o.id) ?? [];
  const consensus = new Map(b.groupConsensus.map((g) => [g.id, g]));
  const headId = `seg-${b.questionId}`;
  const { percent, signed, fixed } = formatters();
  const lang = useFacilitatorStore((s) => s.assembly?.settings.language);
  const groupLabel = (g: { optionId: string | null; label: string }) => (g.optionId === null ? t('segments.noAnswer') : <span lang={lang}>{g.label}</span>);
  return (
    <section className="segment" aria-labelledby={headId}>
      <h3 id={headId}>{rich(t('segments.by', { label: '\u0000' }), b.label, lang)}</h3>
      <ul className="seg-groups" aria-label={t('segments.groupsBy', { label: b.label })}>
        {b.groups.map((g) => (
          <li key={g.optionId ?? 'none'} className={g.suppressed ? 'suppressed' : ''}>
            <span className="seg-group-name">{groupLabel(g)}</span>{' '}
            {g.suppressed ? <span className="seg-hidden">{t('segments.suppressed', { min: b.minGroup })}</span> : <span className="seg-n">{t('segments.voters', { n: g.voters ?? 0 })}</span>}
          </li>
        ))}
      </ul>
      {b.groups.filter((g) => g.suppressed).length > 1 ? (
        <p className="hint">{t('segments.complementary', { min: b.minGroup })}</p>
      ) : null}
      {shown.length === 0 ? (
        <p className="muted">{t('segments.noneShown', { min: b.minGroup })}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('segments.resultsBy', { label: b.label })}>
          <table className="results-table seg-table">
            <caption>{t('segments.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('results.proposal')}</th>
                {shown.map((g) => (
                  <th scope="col" key={g.optionId ?? 'none'} className="num">
                    {groupLabel(g)}
                    <span className="share">{t('segments.voters', { n: g.voters ?? 0 })}</span>
                  </th>
                ))}
                <th scope="col" className="num">
                  <abbr title={t('groups.index')}>{t('segments.allAgree')}</abbr>
                </th>
              </tr>
            </thead>
            <tbody>
              {ids.map((id) => {
                const gc = consensus.get(id);
                return (
                  <tr key={id}>
                    <th scope="row" lang={titles[id] ? lang : undefined}>
                      {titles[id] ?? t('results.deleted')}
                    </th>
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
                            {t('segments.forAgainst', { for: percent(o.support), against: percent(o.opposition) })}
                          </span>
                        </td>
                      );
                    })}
                    <td className="num">{gc ? fixed(gc.agreement, 2) : '—'}</td>
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
