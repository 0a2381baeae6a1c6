// The frame: header (nav from the screen registry, live connection status, who is signed in) and the
// screen for the current path and role.
import { useEffect, type ReactNode } from 'react';
import { matchPath, Shell } from '@mcf/ui';
import { Link, usePath, useConnection } from './api.ts';
import { ParamsContext, type Screen } from './screen.ts';
import { screens } from './screens.tsx';
import { useSession } from './session.tsx';
import { SignInPage } from './features/accounts/SignInPage.tsx';

const allowed = (s: Screen, role: string | undefined) => s.roles === 'public' || (role !== undefined && (s.roles as readonly string[]).includes(role));

export function App() {
  const path = usePath();
  const status = useConnection();
  const { me, loading, signOut } = useSession();
  const role = me?.role;

  const matching = screens.map((s) => ({ s, params: matchPath(s.path, path) })).filter((m) => m.params !== null);
  const hit = matching.find((m) => allowed(m.s, role));

  useEffect(() => {
    document.title = hit ? `${hit.s.title} · MCF` : 'MCF';
  }, [hit]);

  let content;
  if (loading) content = <p className="muted">Loading…</p>;
  else if (hit) content = <ParamsContext.Provider value={hit.params!}>{hit.s.element}</ParamsContext.Provider>;
  else if (matching.length > 0 && !me) content = <SignInPage />;
  else if (matching.length > 0) content = <Notice title="Not for your role">This page is not available to a {role} account.</Notice>;
  else content = <Notice title="Page not found">There is nothing at {path}.</Notice>;

  const seen = new Set<string>();
  const nav = me
    ? screens.filter((s) => s.roles !== 'public' && allowed(s, role) && s.nav !== false && !s.path.includes(':') && !seen.has(s.path) && seen.add(s.path))
    : [];

  return (
    <Shell
      brand="MCF"
      status={status}
      user={me}
      onSignOut={() => void signOut()}
      nav={nav.map((s) => (
        <Link key={s.path} to={s.path}>
          {s.title}
        </Link>
      ))}
    >
      {content}
    </Shell>
  );
}

function Notice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="card narrow">
      <h1>{title}</h1>
      <p className="muted">{children}</p>
      <Link to="/">Go to the home page</Link>
    </div>
  );
}
