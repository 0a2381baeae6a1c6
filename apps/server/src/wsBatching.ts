// Two fan-out optimisations for the tRPC WebSocket handler, found by profiling `pnpm bench`
// (docs/benchmarks.md):
//
// 1. Coalesced writes. Every ws.send() was one writev() system call; when the event hub hands a socket
//    several events in one turn of the event loop (any burst), each became its own syscall — the
//    largest single cost of a fan-out. Sends are now corked per socket and flushed once at the end of
//    the turn (setImmediate), or after 15 ms within a long turn: one syscall per socket per flush,
//    same bytes, same order.
//
// 2. One serialisation per event. The hub hands every subscriber the same payload object, and tRPC
//    serialised it again for each of them. The encoder keeps the JSON of a tracked event's payload for
//    the rest of the turn, keyed by the object itself, and splices it into each subscriber's envelope.
//
// 3. Direct writes for caught-up subscriptions (`liveTransport`, see packages/kernel/src/events/live.ts):
//    tRPC sends one marker per subscription, the encoder records the subscription's request id instead
//    of sending it, and the hub then writes that subscription's frames itself, as the bytes tRPC would
//    send: built once per event, view and request id, not once per subscriber.
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { LiveTransport, LiveView, StoredEvent } from '@mcf/kernel';

const corked = new Set<Duplex>();
let flushScheduled = false;
let batchStarted = 0;
/**
 * A turn that fans one burst out to thousands of subscribers can run for seconds; bytes are never
 * held longer than this, so the first subscribers are not kept waiting for the last.
 */
const MAX_HOLD_MS = 15;

function flush() {
  flushScheduled = false;
  for (const s of corked) if (!s.destroyed) s.uncork();
  corked.clear();
}

/** Holds `socket`'s writes until the end of this turn (at most MAX_HOLD_MS): one syscall per flush. */
function corkForTurn(socket: Duplex) {
  if (flushScheduled && performance.now() - batchStarted > MAX_HOLD_MS) flush();
  if (corked.has(socket) || socket.destroyed) return;
  socket.cork();
  corked.add(socket);
  if (!flushScheduled) {
    flushScheduled = true;
    batchStarted = performance.now();
    setImmediate(flush);
  }
}

/** The TCP socket under each WebSocket (for direct writes of ready-made frames). */
const socketOf = new WeakMap<WebSocket, Duplex>();

/** Makes every send on `ws` part of its socket's once-per-turn (at most MAX_HOLD_MS) flush. */
export function coalesceWrites(ws: WebSocket, socket: Duplex) {
  socketOf.set(ws, socket);
  const send = ws.send.bind(ws) as (...a: unknown[]) => void;
  (ws as unknown as { send: (...a: unknown[]) => void }).send = (...args: unknown[]) => {
    if (args[0] === SWALLOWED) return; // a hand-over marker: nothing goes on the wire
    corkForTurn(socket);
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

/** What the encoder returns for a hand-over marker; the socket's send drops it. */
const SWALLOWED = '';
/** Markers handed out, and the envelope head of the subscription each one turned out to belong to. */
const markers = new WeakSet<object>();
const claims = new WeakMap<object, string>();

const head = (id: unknown, jsonrpc: unknown) => `{"id":${str(id)}${jsonrpc === undefined ? '' : `,"jsonrpc":${str(jsonrpc)}`},"result":{"type":"data","data":{"id":`;

/** Per event: the JSON of each view of it, and each finished frame, for the rest of the turn. */
let frames = new Map<StoredEvent, Map<LiveView<unknown>, { json: string; byHead: Map<string, Buffer> }>>();
let framesClearScheduled = false;

/**
 * A whole WebSocket text frame (server frames are not masked): the header is built with the bytes,
 * once per event, view and request id, so each socket gets one ready buffer and one write.
 */
function wsTextFrame(text: string): Buffer {
  const n = Buffer.byteLength(text);
  const headerBytes = n < 126 ? 2 : n < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerBytes + n);
  frame[0] = 0x81; // FIN, text
  if (n < 126) frame[1] = n;
  else if (n < 65_536) (frame[1] = 126), frame.writeUInt16BE(n, 2);
  else (frame[1] = 127), frame.writeBigUInt64BE(BigInt(n), 2);
  frame.write(text, headerBytes, 'utf8');
  return frame;
}

function frameOf(e: StoredEvent, view: LiveView<unknown>, envelopeHead: string): Buffer {
  let views = frames.get(e);
  if (!views) {
    frames.set(e, (views = new Map()));
    if (!framesClearScheduled) {
      framesClearScheduled = true;
      setImmediate(() => {
        frames = new Map();
        framesClearScheduled = false;
      });
    }
  }
  let v = views.get(view);
  if (!v) views.set(view, (v = { json: JSON.stringify(view.view(e)), byHead: new Map() }));
  let frame = v.byHead.get(envelopeHead);
  if (!frame) {
    const tid = str(String(e.id));
    frame = wsTextFrame(`${envelopeHead}${tid},"data":${v.json}},"id":${tid}}}`);
    v.byHead.set(envelopeHead, frame);
  }
  return frame;
}

/** A socket whose unsent bytes pass this is too far behind: it is closed, and its client resumes. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * The direct writer of one WebSocket connection (only with the encoder below installed). Frames go
 * straight onto the TCP socket: `ws` sends without compression here (the server's default), so its
 * own writes and these share one ordered stream.
 */
export function liveTransport(ws: WebSocket): LiveTransport | null {
  const socket = socketOf.get(ws);
  if (!socket) return null; // writes not coalesced on this connection: tRPC's own path
  return {
    marker() {
      const m = {};
      markers.add(m);
      return m;
    },
    claimed: (m) => claims.has(m),
    send(m, e, view) {
      const envelopeHead = claims.get(m);
      if (envelopeHead === undefined || ws.readyState !== ws.OPEN) return false;
      if (socket.writableLength > MAX_BUFFERED_BYTES) {
        ws.terminate();
        return false;
      }
      corkForTurn(socket);
      socket.write(frameOf(e, view, envelopeHead));
      return true;
    },
  };
}

/** tRPC's JSON encoder, with the tracked-event payload serialised once per turn instead of per subscriber. */
export const sharedPayloadEncoder = {
  encode(msg: unknown): string {
    const m = msg as { id?: unknown; jsonrpc?: unknown; result?: { type?: unknown; id?: unknown; data?: { id?: unknown; data?: unknown } } };
    const r = m?.result;
    const d = r?.data;
    if (r && r.type === 'data' && typeof d === 'object' && d !== null && markers.has(d)) {
      claims.set(d, head(m.id, m.jsonrpc));
      return SWALLOWED;
    }
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
