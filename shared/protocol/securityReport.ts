/**
 * What the console shows about joins and access-code guessing (facilitator
 * only): addresses with many participants (in open mode this is how ballot
 * stuffing looks, and also how a venue's Wi-Fi looks) and failed code attempts.
 */
export interface SecurityReport {
  /** Addresses with many participants in this assembly, most first. */
  joinsByAddress: { address: string; participants: number }[];
  failedCodes: {
    total: number;
    /** Failed attempts on this server in the last minute (all assemblies). */
    lastMinute: number;
    blockedAddresses: number;
    byAddress: { address: string; failures: number; blockedUntil: number | null }[];
  };
}
