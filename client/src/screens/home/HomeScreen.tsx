import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../lib/api.ts';
import { navigate } from '../../lib/nav.ts';
import { keys, save } from '../../lib/storage.ts';
import { recentAssemblies, rememberAssembly } from '../../lib/recentAssemblies.ts';

/** Start page: create an assembly, or go back to one facilitated from this browser. */
export function HomeScreen() {
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const recent = recentAssemblies();

  useEffect(() => {
    document.title = 'D21 assembly voting';
  }, []);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      setError('Give the assembly a title.');
      return;
    }
    setBusy(true);
    setError(null);
    const reply = await api.createAssembly(title.trim());
    setBusy(false);
    if (!reply.ok) {
      setError(reply.error.message);
      return;
    }
    const { assembly, facilitatorToken } = reply.data;
    save(keys.facilitatorToken(assembly.id), facilitatorToken);
    rememberAssembly(assembly.id, assembly.title);
    // Same origin as this page (the returned URL may name the LAN address).
    navigate(`/a/${assembly.id}/facilitator#token=${encodeURIComponent(facilitatorToken)}`);
  };

  return (
    <main className="page narrow home">
      <h1>D21 assembly voting</h1>
      <p className="lead">
        Real-time voting with plus <em>and</em> minus votes (the D21 / Janeček method): people vote on their phones, you steer from this
        laptop, the projector shows results live.
      </p>
      <form className="card stack" onSubmit={onSubmit} noValidate>
        <h2>New assembly</h2>
        <label htmlFor="title">Title</label>
        <input
          id="title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          maxLength={200}
          placeholder="e.g. Neighbourhood budget 2025"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'create-error' : undefined}
        />
        {error ? (
          <p id="create-error" className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create assembly'}
        </button>
      </form>
      {recent.length > 0 ? (
        <section className="card">
          <h2>Your assemblies on this computer</h2>
          <ul className="plain-list">
            {recent.map((a) => (
              <li key={a.id}>
                <a href={`/a/${a.id}/facilitator`}>{a.title}</a> <span className="muted">({a.id})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}
