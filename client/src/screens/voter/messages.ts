import type { ProposalStatus, SubmissionView } from '../../../../shared/protocol/views.ts';
import { t } from '../../i18n/i18n.ts';

/**
 * The phone's words for the server's error codes and statuses: people read
 * these, so each says what happened and what to do next. Pure functions of
 * the current language's catalog, unit-tested in
 * tests/unit/phoneMessages.test.ts.
 */

/**
 * The server's limits for proposals from phones (SUBMISSION_LIMITS and
 * ProposalSubmit in shared/protocol/schemas.ts), copied so the phone's
 * bundle does not carry zod; a unit test keeps them equal.
 */
export const PROPOSAL_LIMITS = { titleMin: 3, titleMax: 120, descriptionMax: 600 } as const;

/**
 * Access-code join errors (CODE_*), with the code that was tried, if any.
 * `kiosk`: on the shared tablet "in use on another phone" makes no sense;
 * a used card there was used to vote, and the desk can check it.
 */
export function codeProblem(code: string, tried: string | null, revokedSession: boolean, lostAnswer = false, kiosk = false): { title: string; text: string } {
  const shown = tried ? t('phone.code.quoted', { code: tried.toUpperCase() }) : t('phone.code.thatCode');
  switch (code) {
    case 'CODE_REQUIRED':
      return { title: t('phone.code.required.title'), text: t('phone.code.required.text') };
    case 'CODE_INVALID':
      return { title: t('phone.code.invalid.title'), text: t('phone.code.invalid.text', { code: shown }) };
    case 'CODE_USED':
      if (kiosk) return { title: t('kiosk.codeUsed.title'), text: t('kiosk.codeUsed.text', { code: shown }) };
      // lostAnswer: the server took the code but its answer was lost on the way (bad wifi): the phone never got its token.
      return { title: t('phone.code.used.title'), text: t(lostAnswer ? 'phone.code.used.lostAnswer' : 'phone.code.used.text', { code: shown }) };
    case 'CODE_REVOKED':
      return revokedSession
        ? { title: t('phone.code.revokedSession.title'), text: t('phone.code.revokedSession.text') }
        : { title: t('phone.code.revoked.title'), text: t('phone.code.revoked.text', { code: shown }) };
    default:
      return { title: t('phone.join.cannot'), text: t('phone.code.other') };
  }
}

/** A refused or unconfirmed `proposal:submit`, in words. */
export function proposalProblem(code: string, _message: string, used: number, max: number): string {
  switch (code) {
    case 'FORBIDDEN':
      return t('phone.propose.error.closed');
    case 'SUBMISSION_LIMIT':
      return t('phone.propose.usedAll', { max });
    case 'RATE_LIMITED':
      return used >= max ? t('phone.propose.usedAll', { max }) : t('phone.propose.error.tooFast');
    case 'CONFLICT':
      return t('phone.propose.error.duplicate');
    case 'OFFLINE':
      return t('phone.propose.error.offline');
    case 'TIMEOUT':
      return t('phone.propose.error.timeout');
    case 'CODE_REVOKED':
      return t('phone.propose.error.revoked');
    case 'BAD_REQUEST':
      return t('phone.propose.error.refused');
    default:
      return t('phone.propose.error.failed');
  }
}

export function statusLabel(status: ProposalStatus): string {
  switch (status) {
    case 'pending':
      return t('submission.status.pending');
    case 'approved':
      return t('submission.status.approved');
    case 'rejected':
      return t('submission.status.rejected');
    case 'merged':
      return t('submission.status.merged');
  }
}

/** The line under a submission's status: what it means for the author. */
export function statusDetail(s: SubmissionView): string {
  switch (s.status) {
    case 'pending':
      return t('phone.submission.detail.pending');
    case 'approved':
      return t('phone.submission.detail.approved');
    case 'rejected':
      return s.reason ? t('phone.submission.detail.reason', { reason: s.reason }) : t('phone.submission.detail.noReason');
    case 'merged':
      return s.mergedIntoTitle ? t('phone.submission.detail.mergedInto', { title: s.mergedIntoTitle }) : t('phone.submission.detail.merged');
  }
}

/** What a screen reader hears when a submission changes status. */
export function statusNews(s: SubmissionView): string {
  switch (s.status) {
    case 'approved':
      return t('phone.submission.news.approved', { title: s.title });
    case 'rejected':
      return s.reason ? t('phone.submission.news.rejectedReason', { title: s.title, reason: s.reason }) : t('phone.submission.news.rejected', { title: s.title });
    case 'merged':
      return s.mergedIntoTitle
        ? t('phone.submission.news.mergedInto', { title: s.title, into: s.mergedIntoTitle })
        : t('phone.submission.news.merged', { title: s.title });
    case 'pending':
      return t('phone.submission.news.pending', { title: s.title });
  }
}

/** "1 of 3 used". */
export function usedLine(used: number, max: number): string {
  return t('phone.propose.used', { used, max });
}
