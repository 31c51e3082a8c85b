import { sourceCatalog, type MessageId } from './catalogs.ts';
import { t, type Values } from './i18n.ts';

/**
 * A server error in the reader's language. The server keeps stable codes
 * and an English message for API users (shared/protocol/errors.ts); the
 * client shows `error.<CODE>` from its catalog, never the English message.
 * OFFLINE and TIMEOUT are the client's own codes (lib/socket.ts).
 */
export function errorText(error: { code: string } | null | undefined, values?: Values): string {
  if (!error) return t('error.unknown');
  const id = `error.${error.code}`;
  return id in sourceCatalog ? t(id as MessageId, values) : t('error.unknown');
}
