// Two fan-out optimisations for the tRPC WebSocket handler, found by profiling `pnpm bench`
// (docs/benchmarks.md):
//
// 1. Coalesced writes. Every ws.send() was one writev() system call; when the event hub hands a socket
//    several events in one turn of the event loop (any burst), each became its own syscall — the
//    largest single cost of a fan-out. Sends are now corked per socket and flushed once at the end of
//    the turn (setImmediate): one syscall per socket per turn, same bytes, same order.
//
// 2. One serialisation per event. The hub hands every subscriber the same payload object, and tRPC
//    serialised it again for each of them. The encoder keeps the JSON of a tracked event's payload for
//    the rest of the turn, keyed by the object itself, and splices it into each subscriber's envelope.
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

const corked = new Set<Duplex>();
let flushScheduled = false;

function flush() {
  flushScheduled = false;
  for (const s of corked) if (!s.destroyed) s.uncork();
  corked.clear();
}

/** Makes every send on `ws` part of its socket's once-per-turn flush. */
export function coalesceWrites(ws: WebSocket, socket: Duplex) {
  const send = ws.send.bind(ws) as (...a: unknown[]) => void;
  (ws as unknown as { send: (...a: unknown[]) => void }).send = (...args: unknown[]) => {
    if (!corked.has(socket) && !socket.destroyed) {
      socket.cork();
      corked.add(socket);
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
      }
    }
    send(...args);
  };
}

let payloadJson = new Map<object, string>();
let clearScheduled = false;

function payloadText(payload: object) {
  let text = payloadJson.get(payload);
  if (text === undefined) {
    text = JSON.stringify(payload);
    payloadJson.set(payload, text);
    if (!clearScheduled) {
      clearScheduled = true;
      // Only within one turn: a payload object is never assumed unchanged beyond it.
      setImmediate(() => {
        payloadJson = new Map();
        clearScheduled = false;
      });
    }
  }
  return text;
}

const only = (o: object, keys: string[]) => Object.keys(o).every((k) => keys.includes(k));
const str = (v: unknown) => JSON.stringify(v);

/** tRPC's JSON encoder, with the tracked-event payload serialised once per turn instead of per subscriber. */
export const sharedPayloadEncoder = {
  encode(msg: unknown): string {
    const m = msg as { id?: unknown; jsonrpc?: unknown; result?: { type?: unknown; id?: unknown; data?: { id?: unknown; data?: unknown } } };
    const r = m?.result;
    const d = r?.data;
    if (
      r &&
      r.type === 'data' &&
      typeof r.id === 'string' &&
      d &&
      typeof d === 'object' &&
      d.id === r.id &&
      d.data !== null &&
      typeof d.data === 'object' &&
      only(m, ['id', 'jsonrpc', 'result']) &&
      only(r, ['type', 'id', 'data']) &&
      only(d, ['id', 'data'])
    ) {
      const rpc = m.jsonrpc === undefined ? '' : `,"jsonrpc":${str(m.jsonrpc)}`;
      return `{"id":${str(m.id)}${rpc},"result":{"type":"data","data":{"id":${str(d.id)},"data":${payloadText(d.data as object)}},"id":${str(r.id)}}}`;
    }
    return JSON.stringify(msg);
  },
  decode(data: unknown) {
    if (typeof data !== 'string') throw new Error('Binary frames are not accepted: send JSON text frames');
    return JSON.parse(data);
  },
};
