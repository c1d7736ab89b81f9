/** Sign in with an operator of this journal; a journal with no operators asks for its first Supervisor. */
import { useState, type FormEvent } from 'react';
import { useSession } from './session';
import { ErrorNote } from '../ui/Dialog';

export function SignIn({ hasOperators, journalPath }: { hasOperators: boolean; journalPath: string }) {
  const { signIn, createFirstSupervisor, error } = useSession();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [local, setLocal] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setLocal(null);
    if (!hasOperators && password.length < 8) {
      setLocal('The password must have at least 8 characters.');
      return;
    }
    setBusy(true);
    if (hasOperators) await signIn(id.trim(), password);
    else await createFirstSupervisor(id.trim(), name.trim(), password);
    setBusy(false);
  };

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={submit} aria-labelledby="signin-title">
        <div className="brand-mark" aria-hidden="true">
          WL
        </div>
        <h1 id="signin-title">{hasOperators ? 'Sign in' : 'Create the first Supervisor'}</h1>
        <p className="muted small" title={journalPath}>
          {hasOperators
            ? 'Warehouse Ledger · ' + shortPath(journalPath)
            : 'This journal has no operators yet. The first one is a Supervisor, who can add the others.'}
        </p>
        <label>
          Operator ID
          <input autoFocus value={id} onChange={(e) => setId(e.target.value)} autoComplete="username" required />
        </label>
        {!hasOperators && (
          <label>
            Full name
            <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" required />
          </label>
        )}
        <label>
          Password
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete={hasOperators ? 'current-password' : 'new-password'}
            required
          />
        </label>
        <ErrorNote message={local ?? error} />
        <button className="btn primary" type="submit" disabled={busy}>
          {hasOperators ? 'Sign in' : 'Create Supervisor and sign in'}
        </button>
      </form>
    </main>
  );
}

function shortPath(p: string): string {
  const parts = p.split(/[\\/]/);
  return parts[parts.length - 1] || p;
}
