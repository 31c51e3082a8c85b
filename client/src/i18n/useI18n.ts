import { createElement, Fragment, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { MessageId } from './catalogs.ts';
import { i18nStore, type I18nState, type Values } from './i18n.ts';
import { formatters, type Formatters } from './format.ts';

export type RichValues = Record<string, Values[string] | ReactNode | ((chunks: ReactNode[]) => ReactNode)>;

export interface I18n extends Formatters {
  locale: string;
  /** A message in the current language (see i18n.ts `t`). */
  t: (id: MessageId, values?: Values) => string;
  /** A message with markup: `<b>…</b>` becomes <strong>, `<em>…</em>` <em>; other tags are functions in `values`. */
  rich: (id: MessageId, values?: RichValues) => ReactNode;
}

const tags = {
  b: (chunks: ReactNode[]) => createElement('strong', null, ...chunks),
  em: (chunks: ReactNode[]) => createElement('em', null, ...chunks),
};

const memo = new WeakMap<I18nState['intl'], I18n>();

function bind(intl: I18nState['intl']): I18n {
  let v = memo.get(intl);
  if (!v) {
    v = {
      locale: intl.locale,
      t: (id, values) => intl.formatMessage({ id }, values),
      rich: (id, values) => {
        // FormatJS returns a string or an array of strings and elements for messages with tags.
        const format = intl.formatMessage as (d: { id: string }, v: unknown) => ReactNode;
        return createElement(Fragment, null, ...([] as ReactNode[]).concat(format({ id }, { ...tags, ...values })));
      },
      ...formatters(intl),
    };
    memo.set(intl, v);
  }
  return v;
}

/** The current language for a component: re-renders when it changes. */
export function useI18n(): I18n {
  return bind(useStore(i18nStore, (s) => s.intl));
}
