// Supply requests kept live on screen: subscribe first, then load the list, and keep per request the
// highest `version` seen, so an event that raced the list can neither be lost nor roll a row back.
import { useCallback, useEffect, useState } from 'react';
import { useLive } from '@mcf/ui';
import type { RouterOutputs } from '../../api.ts';

export type SupplyRequest = RouterOutputs['supplies']['requests'][number];
type Sub = { unsubscribe(): void };
type Handlers = { onData: (e: { id: string; data: SupplyRequest & { type: string } }) => void; onError: (e: unknown) => void };

export function useSupplyRequests(opts: {
  load: () => Promise<SupplyRequest[]>;
  subscribe: (h: Handlers) => Sub;
  /** Rows to keep (e.g. only the worker's own after a re-match). */
  keep?: (r: SupplyRequest) => boolean;
  deps: unknown[];
}) {
  const [rows, setRows] = useState<Map<string, SupplyRequest>>(new Map());
  const [loadError, setLoadError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const merge = useCallback((incoming: SupplyRequest[]) => {
    setRows((prev) => {
      const next = new Map(prev);
      for (const r of incoming) {
        const had = next.get(r.id);
        if (!had || had.version <= r.version) next.set(r.id, r);
      }
      return next;
    });
  }, []);
  const liveError = useLive(
    // Only whole request views (supplies' own events carry one); anything else is ignored.
    (onError) => opts.subscribe({ onData: (e) => isView(e.data) && merge([e.data]), onError }),
    opts.deps,
  );
  useEffect(() => {
    let current = true;
    setLoading(true);
    opts.load().then(
      (list) => {
        if (!current) return;
        merge(list);
        setLoading(false);
        setLoadError(null);
      },
      (e) => current && (setLoadError(e), setLoading(false)),
    );
    return () => {
      current = false;
    };
  }, opts.deps);
  const list = [...rows.values()].filter((r) => (opts.keep ? opts.keep(r) : true)).sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
  return { list, merge, loading, error: loadError ?? liveError };
}

function isView(x: unknown): x is SupplyRequest {
  const r = x as Partial<SupplyRequest> | null;
  return !!r && typeof r.id === 'string' && typeof r.orderId === 'string' && typeof r.scheduledAt === 'string' && typeof r.version === 'number' && Array.isArray(r.missing);
}

export const when = (iso: string) => new Date(iso).toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
export const orderNumber = (orderId: string) => orderId.replace(/-/g, '').slice(0, 8).toUpperCase();

export function cookieText(r: SupplyRequest) {
  if (r.cookie === 'arrived') return 'Cookie arrived';
  if (r.cookie === 'failed') return 'Cookie failed';
  if (r.cookieLate) return 'Cookie late';
  return r.cookieDueAt ? `Cookie due ${new Date(r.cookieDueAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}` : 'Cookie being ordered';
}

/** Opens the acceptance form PDF (base64 from the API) as a download. */
export function savePdf(form: { fileName: string; mimeType: string; dataBase64: string }) {
  const bytes = Uint8Array.from(atob(form.dataBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: form.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = form.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
