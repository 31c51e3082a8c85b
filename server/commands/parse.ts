import type { z } from 'zod';

/** Turns a zod error into one readable line: "plus: expected array". Socket acks and REST replies share it. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid request.';
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`.slice(0, 300);
}
