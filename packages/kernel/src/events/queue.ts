// A bounded async queue between the process's event pump and one subscriber.
export class Overflow extends Error {
  constructor() {
    super('subscriber fell too far behind; reconnect with lastEventId to resume');
  }
}

export class AsyncQueue<T> {
  // A ring-less array with a moving head: shift() is O(1) even when a burst piles up.
  private items: T[] = [];
  private head = 0;
  private waiter: ((v: void) => void) | null = null;
  private closed: Error | true | null = null;

  constructor(private readonly limit = 10_000) {}

  get size() {
    return this.items.length - this.head;
  }

  push(item: T) {
    if (this.closed) return;
    if (this.size >= this.limit) {
      this.close(new Overflow());
      return;
    }
    this.items.push(item);
    this.wake();
  }

  close(reason: Error | true = true) {
    if (!this.closed) this.closed = reason;
    this.wake();
  }

  private wake() {
    const w = this.waiter;
    if (!w) return;
    this.waiter = null;
    w();
  }

  /** The next item if one is waiting, else undefined (no promise, no allocation). */
  take(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined as T;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Throws the close reason if the queue was closed with an error; true when closed and empty. */
  finished(): boolean {
    if (this.size > 0 || !this.closed) return false;
    if (this.closed instanceof Error) throw this.closed;
    return true;
  }

  /** Resolves when an item arrives or the queue closes. */
  wait(): Promise<void> {
    if (this.size > 0 || this.closed) return Promise.resolve();
    return new Promise<void>((r) => (this.waiter = r));
  }

  async *drain(signal?: AbortSignal): AsyncGenerator<T> {
    const onAbort = () => this.close();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        for (let item = this.take(); item !== undefined; item = this.take()) yield item;
        if (this.finished()) return;
        await this.wait();
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
