// Live subscriptions for procedures: the replay, then every new event of a channel as
// `tracked(eventId, view(event))`. Where the transport offers it (the server's WebSocket layer), a
// subscription that has caught up is handed over to a direct writer: the hub then writes each event's
// frame to the socket itself — the same bytes tRPC would send, built once per event and view — instead
// of waking one async iterator chain per subscriber per event (the cost that dominated fan-out).
import { tracked, type TrackedEnvelope } from '@trpc/server';
import type { EventHub, SubscribeOptions } from './hub.ts';
import type { StoredEvent } from './types.ts';

/** What a subscription looks like to its subscriber: which events, and what each one says. */
export interface LiveView<T> {
  accept?(e: StoredEvent): boolean;
  /** Pure and per event (the server caches its JSON per event and view for every subscriber). */
  view(e: StoredEvent): T;
}

/**
 * The socket side of a hand-over (implemented by the server per WebSocket connection). The hub yields
 * `marker()` once through tRPC; when tRPC sends it, the transport learns the subscription's request
 * id, and from then on `send` writes that subscription's frames straight to the socket.
 */
export interface LiveTransport {
  marker(): object;
  /** True once tRPC has sent the marker (so the request id is known and everything before it is written). */
  claimed(marker: object): boolean;
  /** Writes one tracked event; false when the socket is gone or too far behind (the subscription then ends). */
  send(marker: object, e: StoredEvent, view: LiveView<unknown>): boolean;
}

export interface Handover {
  readonly handover: object;
}
export const isHandover = (v: unknown): v is Handover => typeof v === 'object' && v !== null && 'handover' in v && !('id' in v);

export async function* live<T>(
  hub: EventHub,
  transport: LiveTransport | null | undefined,
  o: SubscribeOptions,
  v: LiveView<T>,
): AsyncGenerator<TrackedEnvelope<T>> {
  for await (const e of hub.subscribe({ ...o, direct: transport ? { transport, view: v as LiveView<unknown> } : undefined })) {
    // The marker goes out as one (swallowed) message; typed as an event so the procedure's output stays T.
    if (isHandover(e)) yield e.handover as never;
    else if (!v.accept || v.accept(e)) yield tracked(String(e.id), v.view(e));
  }
}
