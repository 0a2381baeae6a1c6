// A bounded async queue between the process's event pump and one subscriber.
export class Overflow extends Error {
  constructor() {
    super('subscriber fell too far behind; reconnect with lastEventId to resume');
  }
}

export class AsyncQueue<T> {
  private items: T[] = [];
  private waiter: ((v: void) => void) | null = null;
  private closed: Error | true | null = null;

  constructor(private readonly limit = 10_000) {}

  push(item: T) {
    if (this.closed) return;
    if (this.items.length >= this.limit) {
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
    this.waiter = null;
    w?.();
  }

  async *drain(signal?: AbortSignal): AsyncGenerator<T> {
    const onAbort = () => this.close();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        while (this.items.length > 0) yield this.items.shift() as T;
        if (this.closed) {
          if (this.closed instanceof Error) throw this.closed;
          return;
        }
        await new Promise<void>((r) => (this.waiter = r));
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
