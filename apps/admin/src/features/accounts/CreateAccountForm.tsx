// Creates an account of any role (`accounts.create`) and confirms the last one made, so the manager
// can hand out the details. The live list beside it shows every new account.
import { useState } from 'react';
import { ErrorNote, useSubmit } from '@mcf/ui';
import { useTrpc, type Role } from '../../api.ts';

const ROLES: { value: Role; label: string }[] = [
  { value: 'client', label: 'Client' },
  { value: 'worker', label: 'Worker' },
  { value: 'clerk', label: 'Clerk' },
  { value: 'manager', label: 'Manager' },
];

const EMPTY = { role: 'client' as Role, name: '', email: '', password: '' };

export function CreateAccountForm() {
  const trpc = useTrpc();
  const [form, setForm] = useState(EMPTY);
  const [created, setCreated] = useState<{ id: string; role: Role; name: string; email: string } | null>(null);
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const { busy, error, onSubmit } = useSubmit(async () => {
    setCreated(null);
    const input = { ...form, name: form.name.trim(), email: form.email.trim() };
    const { id } = await trpc.accounts.create.mutate(input);
    setCreated({ id, role: input.role, name: input.name, email: input.email });
    setForm({ ...EMPTY, role: form.role });
  });

  return (
    <section className="card">
      <h2>Create an account</h2>
      <form onSubmit={onSubmit} aria-label="Create an account">
        <label>
          Role
          <select name="role" value={form.role} onChange={set('role')}>
            {ROLES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <div className="form-row">
          <label>
            Name
            <input name="name" required maxLength={120} value={form.name} onChange={set('name')} />
          </label>
          <label>
            Email
            <input name="email" type="email" required value={form.email} onChange={set('email')} />
          </label>
        </div>
        <label>
          Password
          <input name="password" type="password" autoComplete="new-password" required minLength={8} value={form.password} onChange={set('password')} />
        </label>
        <ErrorNote error={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create account'}
        </button>
      </form>
      {created && (
        <p className="success created" data-testid="created-account">
          Created {created.role} <strong>{created.name}</strong> ({created.email})
        </p>
      )}
    </section>
  );
}
