// The frame: header (nav from the screen registry, live connection status, who is signed in) and
// the screen for the current path. Signed out, every path shows the sign-in page.
import { useEffect, type ReactNode } from 'react';
import { matchPath, Shell } from '@mcf/ui';
import { Link, usePath, useConnection } from './api.ts';
import { ParamsContext } from './screen.ts';
import { screens } from './screens.tsx';
import { useSession } from './session.tsx';
import { SignInPage } from './features/accounts/SignInPage.tsx';

export function App() {
  const path = usePath();
  const status = useConnection();
  const { me, loading, signOut } = useSession();

  const hit = screens.map((s) => ({ s, params: matchPath(s.path, path) })).find((m) => m.params !== null);

  useEffect(() => {
    document.title = hit ? `${hit.s.title} · MCF Admin` : 'MCF Admin';
  }, [hit]);

  let content;
  if (loading) content = <p className="muted">Loading…</p>;
  else if (!me) content = <SignInPage />;
  else if (hit) content = <ParamsContext.Provider value={hit.params!}>{hit.s.element}</ParamsContext.Provider>;
  else content = <Notice title="Page not found">There is nothing at {path}.</Notice>;

  const nav = me ? screens.filter((s) => s.nav !== false && !s.path.includes(':')) : [];
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
