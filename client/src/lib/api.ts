import type { Ack } from '../../../shared/protocol/errors.ts';
import type { CreatedAssembly, ProposalView } from '../../../shared/protocol/views.ts';
import { noteServerDate } from './clock.ts';
import { errorText } from '../i18n/errors.ts';
import { t } from '../i18n/i18n.ts';

import type { Reply } from './reply.ts';

async function call<T>(method: string, path: string, opts: { token?: string | undefined; json?: unknown; csv?: string } = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.csv !== undefined) {
    headers['content-type'] = 'text/csv';
    body = opts.csv;
  } else if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  }
  try {
    const res = await fetch(path, { method, headers, ...(body !== undefined ? { body } : {}) });
    noteServerDate(res.headers.get('date'));
    const parsed = (await res.json()) as Ack<T>;
    // People read the message: in their language, from the stable code.
    return parsed.ok ? parsed : { ok: false, error: { code: parsed.error.code, message: errorText(parsed.error) } };
  } catch {
    return { ok: false, error: { code: 'NETWORK', message: errorText({ code: 'NETWORK' }) } };
  }
}

export const api = {
  config: () => call<{ publicUrl: string }>('GET', '/api/config'),
  /** Needs the operator key (printed when the server started; docs/security.md). */
  createAssembly: (title: string, operatorKey: string, language?: string) =>
    call<CreatedAssembly>('POST', '/api/assemblies', { token: operatorKey, json: { title, ...(language ? { language } : {}) } }),
  importProposals: (assemblyId: string, token: string, csv: string) =>
    call<ProposalView[]>('POST', `/api/assemblies/${encodeURIComponent(assemblyId)}/proposals/import`, { token, csv }),
  results: <T>(assemblyId: string, roundId: string, token?: string) =>
    call<T>('GET', `/api/assemblies/${encodeURIComponent(assemblyId)}/rounds/${encodeURIComponent(roundId)}/results`, { token }),
};

/**
 * Downloads an export that needs the facilitator's bearer token: a plain
 * link cannot send the header, so fetch it and save the Blob.
 */
export async function downloadExport(path: string, token: string, filename: string): Promise<string | null> {
  try {
    const res = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as Ack<unknown> | null;
      return body && !body.ok ? errorText(body.error) : t('error.export', { status: res.status });
    }
    const blob = await res.blob();
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return null;
  } catch {
    return errorText({ code: 'NETWORK' });
  }
}
