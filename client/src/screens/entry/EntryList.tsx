import { useI18n } from '../../i18n/useI18n.ts';
import { STATUS_TEXT } from './EntryForm.tsx';
import { useEntryStore } from './store.ts';
import { lineOf } from './ticks.ts';

/** This link's keyings in the round, newest first, with where each serial stands now. */
export function EntryList() {
  const mine = useEntryStore((s) => s.mine);
  const paper = useEntryStore((s) => s.state?.round?.paper ?? []);
  const { t } = useI18n();
  if (mine.length === 0) return null;
  const number = new Map(paper.map((p, i) => [p.id, i + 1]));
  const line = (ids: string[]) => new Set(ids.map((id) => number.get(id) ?? 0));
  return (
    <section className="card" aria-labelledby="entry-mine">
      <h2 id="entry-mine">{t('entry.mine', { count: mine.length })}</h2>
      <table className="entry-table">
        <thead>
          <tr>
            <th scope="col">{t('entry.serial')}</th>
            <th scope="col">{t('entry.numbers')}</th>
            <th scope="col">{t('entry.status')}</th>
          </tr>
        </thead>
        <tbody>
          {mine.map((e) => (
            <tr key={e.entryId} className={e.status} data-testid={`entry-row-${e.serial}`}>
              <td>{e.serial}</td>
              <td>{lineOf({ plus: line(e.plus), minus: line(e.minus) }) || t('entry.empty')}</td>
              <td>{t(STATUS_TEXT[e.status])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
