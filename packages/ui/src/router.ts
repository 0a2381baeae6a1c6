// A tiny pathname router: the server answers every unknown path with index.html (SPA fallback), so
// plain paths work on reload. `base` is the app's mount point ('/' or '/admin/').
import { createElement, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));
const subscribe = (l: () => void) => (listeners.add(l), () => void listeners.delete(l));

/** Matches '/orders/:id' against '/orders/42' → { id: '42' }; null when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const a = pattern.split('/').filter(Boolean);
  const b = path.split('/').filter(Boolean);
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    if (a[i].startsWith(':')) params[a[i].slice(1)] = decodeURIComponent(b[i]);
    else if (a[i] !== b[i]) return null;
  }
  return params;
}

export function createRouter(base: string) {
  const root = base.endsWith('/') ? base.slice(0, -1) : base;
  const href = (to: string) => root + (to.startsWith('/') ? to : `/${to}`);
  /** The path inside the app, always starting with '/'. */
  const current = () => {
    const p = location.pathname.startsWith(root) ? location.pathname.slice(root.length) : location.pathname;
    return p === '' ? '/' : p;
  };

  function navigate(to: string, opts: { replace?: boolean } = {}) {
    if (opts.replace) history.replaceState(null, '', href(to));
    else history.pushState(null, '', href(to));
    listeners.forEach((l) => l());
  }

  function usePath() {
    return useSyncExternalStore(subscribe, current);
  }

  function useSearch() {
    return new URLSearchParams(useSyncExternalStore(subscribe, () => location.search));
  }

  function Link({ to, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
    const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
      e.preventDefault();
      navigate(to);
    };
    const active = current() === to;
    return createElement('a', { ...rest, href: href(to), onClick, 'aria-current': active ? 'page' : undefined });
  }

  return { navigate, usePath, useSearch, Link, href };
}
