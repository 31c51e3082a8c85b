import { describe, expect, it } from 'vitest';
import { ProposalSubmit, SUBMISSION_LIMITS } from '../../shared/protocol/schemas.ts';
import { codeProblem, PROPOSAL_LIMITS, proposalProblem, statusDetail, statusNews } from '../../client/src/screens/voter/messages.ts';

describe("the phone's words for proposal and access-code errors", () => {
  it('keeps the copied proposal limits equal to the server schema', () => {
    expect(PROPOSAL_LIMITS.titleMax).toBe(SUBMISSION_LIMITS.titleMax);
    expect(PROPOSAL_LIMITS.descriptionMax).toBe(SUBMISSION_LIMITS.descriptionMax);
    expect(ProposalSubmit.safeParse({ title: 'x'.repeat(PROPOSAL_LIMITS.titleMin) }).success).toBe(true);
    expect(ProposalSubmit.safeParse({ title: 'x'.repeat(PROPOSAL_LIMITS.titleMin - 1) }).success).toBe(false);
  });

  it('explains each refusal of proposal:submit', () => {
    expect(proposalProblem('FORBIDDEN', '', 0, 3)).toMatch(/not taking proposals/);
    expect(proposalProblem('RATE_LIMITED', '', 3, 3)).toBe('You have used all 3 of your proposals.');
    // The same code from the per-socket rate limit: wait and retry.
    expect(proposalProblem('RATE_LIMITED', '', 1, 3)).toMatch(/Wait a few seconds/);
    expect(proposalProblem('CONFLICT', '', 1, 3)).toMatch(/already sent a proposal with this title/);
    expect(proposalProblem('OFFLINE', '', 0, 3)).toMatch(/text is kept/);
    expect(proposalProblem('TIMEOUT', '', 0, 3)).toMatch(/check your list/);
  });

  it('explains each access-code problem and says what to do', () => {
    expect(codeProblem('CODE_USED', 'abcd-efgh', false).text).toMatch(/“ABCD-EFGH” is already in use on another phone/);
    expect(codeProblem('CODE_INVALID', 'abcd', false).title).toBe('Code not recognised');
    // The phone's own join went unanswered, then the code was "used": most likely by this phone.
    expect(codeProblem('CODE_USED', 'ABCD-EFGH', false, true).text).toMatch(/connection dropped .* Ask a facilitator to replace your card/);
    expect(codeProblem('CODE_REVOKED', null, true).title).toBe('Your access was withdrawn');
    expect(codeProblem('CODE_REVOKED', 'K7QM-3XRP', false).text).toMatch(/withdrawn by the facilitator/);
    expect(codeProblem('CODE_REQUIRED', null, false).text).toMatch(/Scan the QR code on your card/);
  });

  it('on the kiosk a used card was used to vote (no "other phone"), and the desk can check it', () => {
    const used = codeProblem('CODE_USED', 'abcd-efgh', false, false, true);
    expect(used.title).toBe('Card already used');
    expect(used.text).toMatch(/“ABCD-EFGH” has already been used to vote\. .* ask at the desk/);
    expect(used.text).not.toMatch(/phone/);
    expect(codeProblem('CODE_USED', 'abcd-efgh', false, true, true).text).not.toMatch(/phone/);
    // Other problems read the same as on a phone.
    expect(codeProblem('CODE_INVALID', 'abcd', false, false, true)).toEqual(codeProblem('CODE_INVALID', 'abcd', false));
  });

  it('words moderation results for the author', () => {
    const base = { id: 'p1', title: 'Benches', description: '', createdAt: 0, mergedIntoTitle: null };
    expect(statusDetail({ ...base, status: 'rejected', reason: 'Out of scope' })).toBe('Reason: Out of scope');
    expect(statusDetail({ ...base, status: 'rejected', reason: null })).toBe('No reason was given.');
    expect(statusDetail({ ...base, status: 'merged', reason: 'Merged into “Seats”', mergedIntoTitle: 'Seats' })).toMatch(/^Merged into “Seats”/);
    expect(statusNews({ ...base, status: 'approved', reason: null })).toBe('Your proposal “Benches” was approved.');
  });
});
