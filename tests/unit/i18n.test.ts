import { afterEach, describe, expect, it } from 'vitest';
import { currentLocale, matchLocale, setLocale, t } from '../../client/src/i18n/i18n.ts';
import { fmt } from '../../client/src/i18n/format.ts';
import { errorText } from '../../client/src/i18n/errors.ts';
import { ballotProblem, forbidReason, ruleLines } from '../../client/src/screens/voter/ballotLogic.ts';
import { HTTP_STATUS } from '../../shared/protocol/errors.ts';

const NBSP = /[\u00a0\u202f]/g;
const plain = (s: string) => s.replace(NBSP, ' ');
const rules = (plus: number, minus: number, ratio = 2) => ({ options: 10, winners: 3, plus, minus, ratio });

afterEach(() => setLocale('en'));

describe('Czech plural forms (one / few / many / other) through the catalog', () => {
  it('inflects votes: 1 hlas, 2–4 hlasy, 5+ and 0 hlasů, 1,5 hlasu', async () => {
    await setLocale('cs');
    expect(currentLocale()).toBe('cs');
    const ratio = (r: number) => t('ballot.rules.ratio', { ratio: r });
    expect(ratio(1)).toBe('Každý záporný hlas vyžaduje nejdřív 1 kladný hlas.');
    expect(ratio(2)).toBe('Každý záporný hlas vyžaduje nejdřív 2 kladné hlasy.');
    expect(ratio(4)).toBe('Každý záporný hlas vyžaduje nejdřív 4 kladné hlasy.');
    expect(ratio(5)).toBe('Každý záporný hlas vyžaduje nejdřív 5 kladných hlasů.');
    expect(ratio(22)).toBe('Každý záporný hlas vyžaduje nejdřív 22 kladných hlasů.');
    expect(ratio(1.5)).toBe('Každý záporný hlas vyžaduje nejdřív 1,5 kladného hlasu.');
    expect(t('phone.chars.left', { left: 1 })).toBe('Zbývá 1 znak.');
    expect(t('phone.chars.left', { left: 3 })).toBe('Zbývají 3 znaky.');
    expect(t('phone.chars.left', { left: 0 })).toBe('Zbývá 0 znaků.');
  });

  it('words the ballot rules and refusals of the phone in Czech, plural by kind (no "all two plus votes")', async () => {
    await setLocale('cs');
    expect(ruleLines(rules(3, 1), false)[0]).toBe('Dejte až 3 kladné hlasy návrhům, které podporujete.');
    expect(ruleLines(rules(1, 0), true)).toContain('Dejte kladný hlas návrhu, který podporujete nejvíc.');
    expect(forbidReason({ plus: ['a', 'b'], minus: [] }, 'c', 'plus', rules(2, 1))).toBe(
      'Všechny 2 kladné hlasy jsou už využité. Chcete-li dát hlas sem, jeden vezměte zpět.',
    );
    expect(forbidReason({ plus: [], minus: [] }, 'c', 'minus', rules(3, 1))).toBe('Záporný hlas vyžaduje nejdřív 2 kladné hlasy.');
    await setLocale('en');
    expect(forbidReason({ plus: ['a', 'b'], minus: [] }, 'c', 'plus', rules(2, 1))).toBe('You have used all 2 plus votes. Take one back to give it here.');
    expect(forbidReason({ plus: ['a'], minus: [] }, 'c', 'plus', rules(1, 1))).toBe('You have used your plus vote. Take it back to give it here.');
    expect(forbidReason({ plus: ['a', 'b'], minus: ['m'] }, 'c', 'minus', rules(4, 2))).toBe('A 2nd minus vote needs 4 plus votes first.');
  });

  it('puts the domain’s ballot codes into words (validateBallot → catalog)', async () => {
    expect(ballotProblem({ plus: ['a'], minus: ['m'] }, rules(3, 1))).toBe('Your minus vote needs 2 plus votes: give 1 more plus vote or take a minus vote back.');
    expect(ballotProblem({ plus: ['a', 'b', 'c'], minus: [] }, rules(2, 0))).toBe('Take back 1 plus vote: at most 2 in this round.');
    await setLocale('cs');
    expect(ballotProblem({ plus: ['a'], minus: ['m'] }, rules(3, 1))).toBe(
      'Váš záporný hlas vyžaduje 2 kladné hlasy: dejte ještě 1 kladný hlas, nebo jeden záporný vezměte zpět.',
    );
    expect(ballotProblem({ plus: ['a', 'b'], minus: [] }, rules(2, 0))).toBeNull();
  });
});

describe('money, percentages and numbers through Intl', () => {
  it('formats money per currency and locale', async () => {
    expect(plain(fmt().money(1_250_000, 'USD'))).toBe('$1,250,000');
    expect(plain(fmt().money(1_250_000, null))).toBe('1,250,000');
    await setLocale('cs');
    expect(plain(fmt().money(1_250_000, 'CZK'))).toBe('1 250 000 Kč');
    expect(plain(fmt().money(1_250_000, 'EUR'))).toBe('1 250 000 €');
    expect(plain(fmt().money(1_250_000, null))).toBe('1 250 000');
  });

  it('formats percentages, signed nets and countdowns', async () => {
    expect(fmt().percent(0.426)).toBe('43%');
    expect(fmt().percent(0.001)).toBe('<1%');
    expect(fmt().signed(-3)).toBe('−3');
    expect(fmt().signed(4)).toBe('+4');
    expect(fmt().clock(65_000)).toBe('1:05');
    expect(fmt().clock(3_725_000)).toBe('1:02:05');
    await setLocale('cs');
    expect(plain(fmt().percent(0.426))).toBe('43 %');
    expect(plain(fmt().number(12345.5))).toBe('12 345,5');
  });
});

describe('language choice helpers and server errors', () => {
  it('matches browser tags to catalogs', () => {
    expect(matchLocale('cs-CZ')).toBe('cs');
    expect(matchLocale('CS')).toBe('cs');
    expect(matchLocale('en-GB')).toBe('en');
    expect(matchLocale('de-DE')).toBeNull();
    expect(matchLocale(null)).toBeNull();
  });

  it('maps every server error code to a translated message, never the English one', async () => {
    await setLocale('cs');
    for (const code of Object.keys(HTTP_STATUS)) {
      const text = errorText({ code });
      expect(text).not.toBe(t('error.unknown'));
      expect(text.length).toBeGreaterThan(5);
    }
    expect(errorText({ code: 'ROUND_NOT_OPEN' })).toBe('Hlasování v tomto kole není otevřené.');
    expect(errorText({ code: 'NO_SUCH_CODE' })).toBe('Něco se pokazilo. Zkuste to znovu.');
  });
});

describe("the console's words for the domain's INVALID_RULES", () => {
  it('maps each rule problem of resolveRules to its own message, in both languages', async () => {
    const { resolveRules } = await import('../../shared/domain/index.ts');
    const { rulesProblemText } = await import('../../client/src/lib/rulesProblem.ts');
    const bad = [resolveRules(0, 1, {}), resolveRules(5, 9, {}), resolveRules(5, 1, { plus: 9 }), resolveRules(5, 1, { plus: 2, minus: 3 }), resolveRules(5, 1, { ratio: 11 })];
    for (const locale of ['en', 'cs']) {
      await setLocale(locale);
      const texts = bad.map((r) => (r.ok ? 'ok' : rulesProblemText(r.message)));
      expect(texts).not.toContain('ok');
      expect(texts).not.toContain(t('error.INVALID_RULES'));
      expect(new Set(texts).size).toBe(bad.length);
    }
    expect(rulesProblemText('Plus votes must be between 0 and 8 (the number of proposals).')).toBe('Počet kladných hlasů musí být mezi 0 a 8 (počet návrhů).');
  });
});
