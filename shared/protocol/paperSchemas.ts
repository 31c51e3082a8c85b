import { z } from 'zod';
import { Id, LIMITS, Text } from './schemas.ts';

/**
 * Payloads of the paper-ballot commands (d21-method.md §5.1; docs/practice.md
 * "Paper ballots"): staff links for ballot entry, keying a paper ballot,
 * and the facilitator's decisions on a serial.
 */

/** The serial number written on a paper ballot: what people write, 1 to 20 letters, digits, `-` or `/`. */
export const PaperSerial = z
  .string()
  .trim()
  .min(1, 'write the serial number from the paper')
  .max(20)
  .regex(/^[A-Za-z0-9/-]+$/, 'a serial is letters, digits, - and /');

/** The access code printed on a paper ballot (access-code assemblies), as typed: spaces and dashes allowed. */
export const PaperCode = z.string().trim().min(1).max(64);

/** A staff link for ballot entry, named after the desk or person using it ("Desk 1"). */
export const StaffCreate = z.strictObject({ name: Text(60).min(1) });
export const StaffRef = z.strictObject({ staffId: Id });

/** One keying of one paper ballot by a staff link. */
export const PaperKey = z.strictObject({
  roundId: Id,
  /** Random id the entry screen gives this keying: a resend after a lost ack is answered with the same result. */
  entryId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/),
  serial: PaperSerial,
  /** The access code printed on the paper, in access-code assemblies; absent otherwise. */
  code: PaperCode.optional(),
  plus: z.array(Id).max(LIMITS.proposalsPerRoundMax),
  minus: z.array(Id).max(LIMITS.proposalsPerRoundMax),
});
export type PaperKey = z.infer<typeof PaperKey>;

export const PaperRound = z.strictObject({ roundId: Id });

/** The facilitator counts a serial as the paper shows it (after a mismatch, or to correct a keying). */
export const PaperResolve = z.strictObject({
  roundId: Id,
  serial: PaperSerial,
  code: PaperCode.optional(),
  plus: z.array(Id).max(LIMITS.proposalsPerRoundMax),
  minus: z.array(Id).max(LIMITS.proposalsPerRoundMax),
});
export type PaperResolve = z.infer<typeof PaperResolve>;

/** The facilitator voids a serial: it never counts. */
export const PaperVoid = z.strictObject({ roundId: Id, serial: PaperSerial, reason: Text(200).min(1) });
export type PaperVoid = z.infer<typeof PaperVoid>;
