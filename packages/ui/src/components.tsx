// Building blocks both apps share: the page shell, the live connection badge, forms and errors.
import { useState, type FormEvent, type ReactNode } from 'react';
import type { ConnectionStatus } from './api.ts';
import { errorMessage } from './errors.ts';

const STATUS_TEXT: Record<ConnectionStatus, string> = { connected: 'connected', connecting: 'connecting…', offline: 'offline' };

export function ConnectionBadge({ status }: { status: ConnectionStatus }) {
  return (
    <span className={`badge badge-${status}`} data-testid="connection-status" data-status={status} title="Live updates">
      <span className="dot" aria-hidden /> {STATUS_TEXT[status]}
    </span>
  );
}

export function ErrorNote({ error }: { error: unknown }) {
  if (error == null) return null;
  return (
    <p className="error" role="alert">
      {errorMessage(error)}
    </p>
  );
}

export interface ShellProps {
  brand: string;
  nav?: ReactNode;
  status: ConnectionStatus;
  user?: { name: string; role: string } | null;
  onSignOut?: () => void;
  children: ReactNode;
}

export function Shell({ brand, nav, status, user, onSignOut, children }: ShellProps) {
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">{brand}</span>
        <nav className="nav">{nav}</nav>
        <span className="spacer" />
        <ConnectionBadge status={status} />
        {user && (
          <span className="who" data-testid="signed-in-as">
            {user.name} <span className="role">{user.role}</span>
          </span>
        )}
        {user && onSignOut && (
          <button type="button" className="link-button" onClick={onSignOut}>
            Sign out
          </button>
        )}
      </header>
      <main className="content">{children}</main>
    </div>
  );
}

/** A form whose submit shows a busy state and the server's error message. */
export function useSubmit<T>(action: () => Promise<T>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function onSubmit(e?: FormEvent) {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (err) {
      setError(err);
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, onSubmit };
}

export function SignInForm({ title, hint, notice, onSignIn }: { title: string; hint?: ReactNode; notice?: ReactNode; onSignIn: (email: string, password: string) => Promise<void> }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, onSubmit } = useSubmit(() => onSignIn(email.trim(), password));
  return (
    <form className="card narrow" onSubmit={onSubmit} aria-label="Sign in">
      <h1>{title}</h1>
      {hint && <p className="muted">{hint}</p>}
      {notice}
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <ErrorNote error={error} />
      <button type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
