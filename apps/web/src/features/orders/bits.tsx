// Small pieces the orders screens share: money and time formatting, the status badge, photo files.
import type { RouterOutputs } from '../../api.ts';

export type OrderView = RouterOutputs['orders']['get'];
export type OrderStatus = OrderView['status'];

export const formatCu = (cents: number | null | undefined) => (cents == null ? '—' : `${(cents / 100).toFixed(2)} CU`);
export const formatWhen = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const STATUS_TEXT: Record<OrderStatus, string> = {
  created: 'Looking for a worker',
  matched: 'Worker assigned',
  supplied: 'Supplies ready',
  started: 'In progress',
  completed: 'Completed',
  canceled: 'Canceled',
  failed: 'Failed',
};

export function StatusBadge({ status, testId }: { status: OrderStatus; testId?: string }) {
  return (
    <span className={`order-status order-status-${status}`} data-testid={testId} data-status={status}>
      {STATUS_TEXT[status]}
    </span>
  );
}

export const ACTIVE: OrderStatus[] = ['created', 'matched', 'supplied', 'started'];

/** A chosen image file as the API's photo: `{ mimeType, dataBase64 }`. The server checks the bytes. */
export async function fileToPhoto(file: File): Promise<{ mimeType: 'image/jpeg' | 'image/png' | 'image/webp'; dataBase64: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { mimeType: (file.type || 'image/jpeg') as 'image/jpeg', dataBase64: btoa(binary) };
}
