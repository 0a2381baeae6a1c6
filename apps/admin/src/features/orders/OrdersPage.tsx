// Every order, filtered by status, service type and booked time; refreshed live (orders.admin.onOrders).
import { useState } from 'react';
import { ErrorNote, useLive, useLoad } from '@mcf/ui';
import { Link, useTrpc, type RouterInputs } from '../../api.ts';

const STATUSES = ['created', 'matched', 'supplied', 'started', 'completed', 'canceled', 'failed'] as const;
type Filter = NonNullable<RouterInputs['orders']['admin']['list']>;

export function OrdersPage() {
  const trpc = useTrpc();
  const types = useLoad(() => trpc.orders.serviceTypes.list.query({ includeRetired: true }), [trpc]);
  const [status, setStatus] = useState('');
  const [serviceTypeId, setServiceTypeId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [party, setParty] = useState('');
  const filter: Filter = {
    limit: 200,
    ...(status ? { status: [status as (typeof STATUSES)[number]] } : {}),
    ...(serviceTypeId ? { serviceTypeId } : {}),
    ...(from ? { from: new Date(from).toISOString() } : {}),
    ...(to ? { to: new Date(to).toISOString() } : {}),
  };
  const key = JSON.stringify(filter);
  const orders = useLoad(() => trpc.orders.admin.list.query(filter), [trpc, key]);
  const liveError = useLive((onError) => trpc.orders.admin.onOrders.subscribe(undefined, { onData: () => orders.reload(), onError }), [trpc, key]);
  const rows = (orders.data?.orders ?? []).filter((o) => !party || o.clientId.startsWith(party) || (o.workerId ?? '').startsWith(party));
  return (
    <section className="card" data-testid="admin-orders">
      <h1>Orders</h1>
      <div className="form-row" style={{ gridTemplateColumns: 'repeat(5, 1fr)', marginBottom: '1rem' }}>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Service type
          <select value={serviceTypeId} onChange={(e) => setServiceTypeId(e.target.value)}>
            <option value="">any</option>
            {types.data?.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Booked from
          <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          Booked before
          <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          Client or worker id
          <input value={party} placeholder="id prefix" onChange={(e) => setParty(e.target.value.trim())} />
        </label>
      </div>
      <ErrorNote error={orders.error ?? liveError} />
      <p className="muted">{orders.data ? `${orders.data.total} orders` : 'Loading…'}</p>
      <table className="table">
        <thead>
          <tr>
            <th>Booked for</th>
            <th>Service</th>
            <th>Status</th>
            <th>Client</th>
            <th>Worker</th>
            <th>Price</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => (
            <tr key={o.id}>
              <td>
                <Link to={`/orders/${o.id}`}>{new Date(o.scheduledAt).toLocaleString()}</Link>
              </td>
              <td>{o.serviceTypeName}</td>
              <td>{o.status}</td>
              <td title={o.clientId}>{o.clientId.slice(0, 8)}</td>
              <td title={o.workerId ?? ''}>{o.workerId?.slice(0, 8) ?? '—'}</td>
              <td>{o.priceCents == null ? '—' : (o.priceCents / 100).toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
