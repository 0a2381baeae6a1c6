// Service types: managers create, edit and retire them; a retired type takes no new orders.
import { DomainError, isUniqueViolation, newId } from '@mcf/kernel';
import type { OrdersDb } from '../db/store.ts';

const view = (t: { id: string; name: string; description: string; duration_minutes: number; retired_at: Date | null }) => ({
  id: t.id,
  name: t.name,
  description: t.description,
  durationMinutes: t.duration_minutes,
  retired: t.retired_at !== null,
});

const duplicate = (name: string) => new DomainError('CONFLICT', `A service type named “${name}” already exists`);

export async function createType(db: OrdersDb, input: { name: string; description: string; durationMinutes?: number }) {
  try {
    const id = newId();
    await db.insertInto('service_type').values({ id, name: input.name, description: input.description, duration_minutes: input.durationMinutes ?? 120, retired_at: null }).execute();
    return { id };
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicate(input.name);
    throw e;
  }
}

export async function updateType(db: OrdersDb, input: { id: string; name?: string; description?: string; durationMinutes?: number }) {
  const patch = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.durationMinutes !== undefined ? { duration_minutes: input.durationMinutes } : {}),
  };
  try {
    const row = Object.keys(patch).length
      ? await db.updateTable('service_type').set(patch).where('id', '=', input.id).returningAll().executeTakeFirst()
      : await db.selectFrom('service_type').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!row) throw new DomainError('NOT_FOUND', 'Service type not found');
    return view(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicate(input.name ?? '');
    throw e;
  }
}

export async function retireType(db: OrdersDb, id: string, now: Date) {
  const row = await db.selectFrom('service_type').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', 'Service type not found');
  if (row.retired_at) return view(row); // retiring twice is harmless
  const r = await db.updateTable('service_type').set({ retired_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  return view(r);
}

export async function listTypes(db: OrdersDb, includeRetired: boolean) {
  let q = db.selectFrom('service_type').selectAll();
  if (!includeRetired) q = q.where('retired_at', 'is', null);
  return (await q.orderBy('name').execute()).map(view);
}
