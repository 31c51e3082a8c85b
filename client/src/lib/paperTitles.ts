/**
 * A round's proposal titles as its voters saw them: the round's frozen
 * ballot paper over today's proposals (a proposal not on the paper keeps
 * today's title). Issue 10: everything shown about an opened round reads
 * its paper, so an edit after close changes nothing on the projector, the
 * console's results or the report.
 */
export function paperTitles(proposals: readonly { id: string; title: string }[], paper: readonly { id: string; title: string }[] | null | undefined): Record<string, string> {
  return Object.fromEntries([...proposals, ...(paper ?? [])].map((p) => [p.id, p.title]));
}
