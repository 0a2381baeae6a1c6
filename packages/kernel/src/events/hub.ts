// One per server process: listens for the commit signal, reads new events from the log in id order
// and hands each to the live subscribers of its channels. Subscribers that resume with lastEventId
// first replay the log from the database, then continue live, without gaps or duplicates.
import pg from 'pg';
import { sql } from 'kysely';
import { AsyncQueue } from './queue.ts';
import { EVENTS_CHANNEL, eventsOfNotice } from './publisher.ts';
import type { Handover, LiveTransport, LiveView } from './live.ts';
import { storedEventOf, type Db, type StoredEvent } from './types.ts';

type Listener = (e: StoredEvent) => void;

export interface HubOptions {
  url: string;
  db: Db;
  /** Safety net: also read the log this often, in case a notification was lost. */
  pollMs?: number;
  onError?: (e: unknown) => void;
  queueLimit?: number;
}

export interface SubscribeOptions {
  channel: string;
  /** Resume after this event id (the client's lastEventId). */
  after?: number | null;
  /** With no `after`, start with the channel's latest event (the current state), then go live. */
  latest?: boolean;
  signal?: AbortSignal;
  /** Hand the caught-up subscription over to a direct writer (see live.ts); yields one Handover first. */
  direct?: { transport: LiveTransport; view: LiveView<unknown> };
}


export class EventHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private cursor = 0;
  private client: pg.Client | null = null;
  private pumping: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private pollTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private connected = false;
  /** Notices that arrived while the log was being read. */
  private held: StoredEvent[][] = [];

  constructor(private readonly opts: HubOptions) {}

  get isListening() {
    return this.connected;
  }

  get subscriberCount() {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }

  async start() {
    const row = await sql<{ max: string | null }>`select max(id) as max from platform.event_log`.execute(this.opts.db);
    this.cursor = Number(row.rows[0]?.max ?? 0);
    await this.listen();
    this.pollTimer = setInterval(() => this.wake(), this.opts.pollMs ?? 2000);
    this.pollTimer.unref();
  }

  private async listen() {
    const client = new pg.Client({ connectionString: this.opts.url, application_name: 'mcf-events' });
    client.on('notification', (n) => this.notified(n.payload));
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`listen ${EVENTS_CHANNEL}`);
      this.client = client;
      this.connected = true;
      this.wake(); // catch up with whatever committed while we were not listening
    } catch (e) {
      this.lost(client, e);
    }
  }

  private lost(client: pg.Client, e?: unknown) {
    if (this.client !== client && this.client !== null) return;
    this.connected = false;
    this.client = null;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (e) this.opts.onError?.(e);
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.stopped) void this.listen();
    }, 500);
  }

  /**
   * A commit signal. Notifications arrive in commit order, and commits happen in id order (the
   * publisher's lock), so a notice whose events directly follow the cursor can be dispatched as it is.
   * A notice with ids only falls back to reading the log; so does a gap (a rolled-back id, a missed
   * notice). While the log is being read, notices are held and delivered after the read, not by
   * another read: under steady commits a read would otherwise always have a notice arriving during
   * it, and every commit would wait for a database round trip from then on.
   */
  private notified(text: string | undefined) {
    if (this.stopped) return;
    const events = eventsOfNotice(text);
    if (!events) return this.wake();
    if (this.pumping) {
      this.held.push(events);
      return;
    }
    this.deliver(events);
  }

  /** Dispatches a notice's events after the cursor; false (and reads the log) on a gap. */
  private deliver(events: StoredEvent[]): boolean {
    for (const e of events) {
      if (e.id <= this.cursor) continue; // already read from the log
      if (e.id !== this.cursor + 1) {
        this.wake();
        return false;
      }
      this.cursor = e.id;
      this.dispatch(e);
    }
    return true;
  }

  /** Read and dispatch everything after the cursor; coalesces concurrent wake-ups. */
  wake() {
    if (this.stopped) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump()
      .catch((e) => this.opts.onError?.(e))
      .finally(() => {
        this.pumping = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
        // Notices that came in during the read (the read may already have covered them).
        while (!this.pumping && this.held.length > 0) if (!this.deliver(this.held.shift()!)) break;
      });
  }

  private async pump() {
    for (;;) {
      const rows = await this.opts.db
        .withSchema('platform')
        .selectFrom('event_log')
        .selectAll()
        .where('id', '>', this.cursor)
        .orderBy('id')
        .limit(1000)
        .execute();
      for (const r of rows) {
        const e = storedEventOf(r);
        this.cursor = e.id;
        this.dispatch(e);
      }
      if (rows.length < 1000) return;
    }
  }

  private dispatch(e: StoredEvent) {
    for (const ch of e.channels) {
      const set = this.listeners.get(ch);
      if (set) for (const l of set) l(e);
    }
  }

  private on(channel: string, l: Listener) {
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(l);
    return () => {
      set!.delete(l);
      if (set!.size === 0) this.listeners.delete(channel);
    };
  }

  /** Events of one channel: the replay after `after` (or the latest one), then live ones, each once, in order. */
  subscribe(o: SubscribeOptions & { direct: NonNullable<SubscribeOptions['direct']> }): AsyncGenerator<StoredEvent | Handover>;
  subscribe(o: SubscribeOptions): AsyncGenerator<StoredEvent>;
  async *subscribe(o: SubscribeOptions): AsyncGenerator<StoredEvent | Handover> {
    const queue = new AsyncQueue<StoredEvent>(this.opts.queueLimit);
    // Listen before reading the backlog, so nothing committed in between is missed; ids dedupe the overlap.
    let off = this.on(o.channel, (e) => queue.push(e));
    const closeOnStop = () => queue.close();
    this.closers.add(closeOnStop);
    if (o.signal?.aborted) queue.close();
    o.signal?.addEventListener('abort', closeOnStop, { once: true });
    try {
      let last = o.after ?? null;
      // The backlog in a generator of its own: its rows and query go when it ends, instead of staying
      // in this (long-lived) generator's frame for as long as the subscription lives.
      for await (const e of this.backlog(o.channel, last, !!o.latest)) {
        last = e.id;
        yield e;
      }
      // Live: pulled straight from the queue (no nested generator: one fewer promise chain per event
      // per subscriber, which is what a fan-out multiplies).
      let direct = o.direct;
      for (;;) {
        for (let e = queue.take(); e !== undefined; e = queue.take()) {
          if (last !== null && e.id <= last) continue;
          last = e.id;
          yield e;
        }
        if (queue.finished()) return;
        if (direct) {
          // Caught up, and tRPC has written everything yielded so far: hand over.
          const { transport, view } = direct;
          direct = undefined;
          const marker = transport.marker();
          yield { handover: marker };
          if (transport.claimed(marker)) {
            const write = (e: StoredEvent) => {
              if (last !== null && e.id <= last) return;
              last = e.id;
              // This runs inside dispatch: a view that throws ends this subscription (as it would on
              // tRPC's path), never the delivery to the other subscribers.
              try {
                if (view.accept && !view.accept(e)) return;
                if (!transport.send(marker, e, view)) queue.close();
              } catch (err) {
                queue.close(err instanceof Error ? err : new Error(String(err)));
              }
            };
            off();
            // What arrived while the marker was on its way goes first, in order.
            for (let e = queue.take(); e !== undefined; e = queue.take()) write(e);
            off = this.on(o.channel, write);
          }
          continue;
        }
        await queue.wait();
      }
    } finally {
      off();
      o.signal?.removeEventListener('abort', closeOnStop);
      this.closers.delete(closeOnStop);
    }
  }

  /** The channel's events after `after` (all of them, in pages), or with no `after` its latest one if `latest`. */
  private async *backlog(channel: string, after: number | null, latest: boolean): AsyncGenerator<StoredEvent> {
    const base = () => this.opts.db.withSchema('platform').selectFrom('event_log').selectAll().where(sql<boolean>`channels @> array[${channel}]::text[]`);
    if (after !== null) {
      for (let cursor = after; ; ) {
        const rows = await base().where('id', '>', cursor).orderBy('id').limit(1000).execute();
        for (const r of rows) {
          const e = storedEventOf(r);
          cursor = e.id;
          yield e;
        }
        if (rows.length < 1000) return;
      }
    }
    if (latest) {
      const r = await base().orderBy('id', 'desc').limit(1).executeTakeFirst();
      if (r) yield storedEventOf(r);
    }
  }

  private readonly closers = new Set<() => void>();

  /** Ends every live subscription (graceful shutdown) and stops listening. */
  async stop() {
    this.stopped = true;
    for (const c of this.closers) c();
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    this.connected = false;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
    await this.pumping?.catch(() => undefined);
  }
}
