import type { ProposalStatus, SubmissionView } from '../../../../shared/protocol/views.ts';

/**
 * The phone's words for the server's error codes and statuses: people read
 * these, so each says what happened and what to do next. Pure functions,
 * unit-tested in tests/unit/phoneMessages.test.ts.
 */

/**
 * The server's limits for proposals from phones (SUBMISSION_LIMITS and
 * ProposalSubmit in shared/protocol/schemas.ts), copied so the phone's
 * bundle does not carry zod; a unit test keeps them equal.
 */
export const PROPOSAL_LIMITS = { titleMin: 3, titleMax: 120, descriptionMax: 600 } as const;

/** Access-code join errors (CODE_*), with the code that was tried, if any. */
export function codeProblem(code: string, tried: string | null, revokedSession: boolean, lostAnswer = false): { title: string; text: string } {
  const shown = tried ? `“${tried.toUpperCase()}”` : 'That code';
  switch (code) {
    case 'CODE_REQUIRED':
      return {
        title: 'Enter your access code',
        text: 'This assembly uses access cards: one card per person. Scan the QR code on your card, or type the code printed under it.',
      };
    case 'CODE_INVALID':
      return {
        title: 'Code not recognised',
        text: `${shown} is not a code for this assembly. Check each letter and try again.`,
      };
    case 'CODE_USED':
      if (lostAnswer) {
        // The server took the code but its answer was lost on the way (bad wifi): the phone never got its token.
        return {
          title: 'Code already in use',
          text: `The connection dropped while ${shown} was being checked, so it may have been taken for this phone without the answer arriving. Ask a facilitator to replace your card, then type the new code here.`,
        };
      }
      return {
        title: 'Code already in use',
        text: `${shown} is already in use on another phone. Each card works on one phone only. If this is your card, ask a facilitator for a new one, then type its code here.`,
      };
    case 'CODE_REVOKED':
      return revokedSession
        ? {
            title: 'Your access was withdrawn',
            text: 'The facilitator withdrew this phone’s access (for example, because its card was replaced). If you were given a new card, scan it or type its code here.',
          }
        : {
            title: 'Code withdrawn',
            text: `${shown} was withdrawn by the facilitator and no longer works. If you were given a newer card, type its code here.`,
          };
    default:
      return { title: 'Cannot join', text: 'Something went wrong while joining. Try again.' };
  }
}

/** A refused or unconfirmed `proposal:submit`, in words. */
export function proposalProblem(code: string, message: string, used: number, max: number): string {
  switch (code) {
    case 'FORBIDDEN':
      return 'The facilitator is not taking proposals right now. Your text is kept here in case they open again.';
    case 'SUBMISSION_LIMIT':
      return `You have used all ${max} of your proposals.`;
    case 'RATE_LIMITED':
      return used >= max
        ? `You have used all ${max} of your proposals.`
        : 'Too many tries in a short time. Wait a few seconds, then send again.';
    case 'CONFLICT':
      return 'You already sent a proposal with this title: it is in your list below. Change the title to send a different one.';
    case 'OFFLINE':
      return 'Not connected to the server. Your text is kept: send it again when the connection is back.';
    case 'TIMEOUT':
      return 'The server did not confirm in time. It may still have arrived: check your list below before sending again.';
    case 'CODE_REVOKED':
      return 'This phone’s access was withdrawn by the facilitator.';
    case 'BAD_REQUEST':
      return `The server refused it: ${message}`;
    default:
      return message || 'The proposal could not be sent. Try again.';
  }
}

const STATUS_LABEL: Record<ProposalStatus, string> = {
  pending: 'Waiting for moderation',
  approved: 'Approved',
  rejected: 'Not accepted',
  merged: 'Merged',
};

export function statusLabel(status: ProposalStatus): string {
  return STATUS_LABEL[status];
}

/** The line under a submission's status: what it means for the author. */
export function statusDetail(s: SubmissionView): string {
  switch (s.status) {
    case 'pending':
      return 'A facilitator will read it soon.';
    case 'approved':
      return 'It can now go on a ballot.';
    case 'rejected':
      return s.reason ? `Reason: ${s.reason}` : 'No reason was given.';
    case 'merged':
      // The server words it `Merged into “title”`.
      return s.reason ? `${s.reason}, a similar proposal that can go on a ballot.` : 'Merged into a similar proposal that can go on a ballot.';
  }
}

/** What a screen reader hears when a submission changes status. */
export function statusNews(s: SubmissionView): string {
  const t = `Your proposal “${s.title}”`;
  switch (s.status) {
    case 'approved':
      return `${t} was approved.`;
    case 'rejected':
      return `${t} was not accepted.${s.reason ? ` Reason: ${s.reason}` : ''}`;
    case 'merged':
      return `${t} was merged into a similar proposal.${s.reason ? ` ${s.reason}.` : ''}`;
    case 'pending':
      return `${t} is waiting for moderation again.`;
  }
}

/** "1 of 3 used". */
export function usedLine(used: number, max: number): string {
  return `${used} of ${max} used`;
}
