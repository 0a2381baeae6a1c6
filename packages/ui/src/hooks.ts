// Small data hooks so screens do not each reinvent loading state and subscription clean-up.
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

/**
 * Runs a query when `deps` change: `useLoad(() => trpc.orders.mine.query(), [trpc])`.
 * `reload()` runs it again (after a mutation); a stale answer never overwrites a newer one.
 */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList) {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: null, loading: true });
  const run = useRef(0);
  const reload = useCallback(() => {
    const mine = ++run.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => mine === run.current && setState({ data, error: null, loading: false }),
      (error) => mine === run.current && setState((s) => ({ data: s.data, error, loading: false })),
    );
  }, deps);
  useEffect(() => {
    reload();
  }, [reload]);
  return { ...state, reload };
}

/**
 * Holds a subscription open while mounted and `deps` stay the same; return null to hold none:
 *   const liveError = useLive((onError) =>
 *     trpc.orders.feed.subscribe({}, { onData: (e) => setTasks((t) => apply(t, e.data)), onError }), [trpc]);
 * Tracked events arrive as `{ id, data }`; on a reconnect tRPC resends the last id as `lastEventId`
 * itself, so nothing is missed. Returns the last subscription error, if any.
 */
export function useLive(subscribe: (onError: (err: unknown) => void) => { unsubscribe(): void } | null, deps: DependencyList): unknown {
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setError(null);
    const sub = subscribe(setError);
    return () => sub?.unsubscribe();
  }, deps);
  return error;
}
