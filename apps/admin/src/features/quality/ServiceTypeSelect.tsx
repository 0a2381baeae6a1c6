import { useLoad } from '@mcf/ui';
import { useTrpc } from '../../api.ts';

/** Service types from orders; "any" is the empty value. */
export function ServiceTypeSelect({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const trpc = useTrpc();
  const types = useLoad(() => trpc.orders.serviceTypes.list.query(), [trpc]);
  return (
    <label>
      Service type
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any service type</option>
        {(types.data ?? []).map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
    </label>
  );
}
