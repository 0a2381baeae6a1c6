// "Request help": service type, description, date and time, place; the approximate cost is shown
// (orders.quote) before sending.
import { useState } from 'react';
import { ErrorNote, useLoad, useSubmit } from '@mcf/ui';
import { navigate, useTrpc } from '../../api.ts';
import { formatCu } from './bits.tsx';

/** `datetime-local` wants local time without a zone. */
function localInputValue(d: Date) {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function RequestHelpPage() {
  const trpc = useTrpc();
  const types = useLoad(() => trpc.orders.serviceTypes.list.query(), [trpc]);
  const [serviceTypeId, setServiceTypeId] = useState('');
  const [description, setDescription] = useState('');
  const [when, setWhen] = useState(() => localInputValue(new Date(Date.now() + 2 * 3600_000)));
  const [place, setPlace] = useState('');
  const typeId = serviceTypeId || types.data?.[0]?.id || '';
  const quote = useLoad(() => (typeId ? trpc.orders.quote.query({ serviceTypeId: typeId }) : Promise.resolve(null)), [trpc, typeId]);
  const { busy, error, onSubmit } = useSubmit(async () => {
    const r = await trpc.orders.create.mutate({ serviceTypeId: typeId, description, scheduledAt: new Date(when).toISOString(), place });
    navigate(`/orders/${r.id}`);
  });

  return (
    <form className="card" onSubmit={onSubmit} aria-label="Request help" style={{ maxWidth: 560 }}>
      <h1>Request help</h1>
      <ErrorNote error={types.error} />
      <label>
        Service
        <select name="serviceType" value={typeId} onChange={(e) => setServiceTypeId(e.target.value)} required>
          {types.data?.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      {types.data?.find((t) => t.id === typeId)?.description && <p className="muted">{types.data.find((t) => t.id === typeId)!.description}</p>}
      <label>
        What do you need?
        <textarea name="description" rows={3} required maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label>
        When
        <input name="scheduledAt" type="datetime-local" required value={when} onChange={(e) => setWhen(e.target.value)} />
      </label>
      <label>
        Where
        <input name="place" required maxLength={300} value={place} onChange={(e) => setPlace(e.target.value)} />
      </label>
      <p data-testid="quote" className="muted">
        Approximate cost: <strong>{quote.data ? formatCu(quote.data.approxPriceCents) : '…'}</strong>
        {quote.data && quote.data.discountPercent > 0 && ` (includes your ${quote.data.discountPercent}% loyalty discount)`}
      </p>
      <ErrorNote error={error ?? quote.error} />
      <button type="submit" disabled={busy || !typeId}>
        {busy ? 'Sending…' : 'Send request'}
      </button>
    </form>
  );
}
