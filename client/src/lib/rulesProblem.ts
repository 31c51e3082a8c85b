import { t } from '../i18n/i18n.ts';

/**
 * The domain's INVALID_RULES (shared/domain/rules.ts resolveRules) in the
 * reader's language. The domain has one code for every rule problem, so
 * the message says which; tests/unit/i18n.test.ts checks each one maps.
 */
export function rulesProblemText(message: string): string {
  const n = /\((\d+)/.exec(message)?.[1] ?? /(\d+) \(/.exec(message)?.[1] ?? '';
  if (message.startsWith('A round needs')) return t('console.setup.chooseOne');
  if (message.startsWith('Winners')) return t('rulesError.winners', { n });
  if (message.startsWith('Plus votes')) return t('rulesError.plus', { n });
  if (message.startsWith('Minus votes')) return t('rulesError.minus', { n });
  if (message.startsWith('The minus-needs-plus ratio')) return t('rulesError.ratio');
  return t('error.INVALID_RULES');
}
