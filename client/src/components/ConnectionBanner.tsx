/** A visible, announced banner while the link to the server is down. */
export function ConnectionBanner({ state, detail }: { state: 'connecting' | 'online' | 'reconnecting'; detail?: string }) {
  return (
    <div className={`conn-banner ${state}`} role="status" aria-live="polite">
      {state === 'reconnecting' ? (
        <>
          <span className="spinner" aria-hidden="true" /> <strong>Reconnecting…</strong>
          {detail ? <span className="conn-detail"> {detail}</span> : null}
        </>
      ) : state === 'connecting' ? (
        <>
          <span className="spinner" aria-hidden="true" /> Connecting…
        </>
      ) : null}
    </div>
  );
}
