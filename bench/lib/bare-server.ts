// The baseline: a bare `ws` server in its own process that broadcasts one pre-serialised message to
// every socket: the floor any fan-out over WebSocket pays (frames, syscalls), with no framework.
import { WebSocketServer, WebSocket } from 'ws';

const now = () => performance.timeOrigin + performance.now();
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });

wss.on('listening', () => {
  const port = (wss.address() as { port: number }).port;
  process.send!({ type: 'up', port, pid: process.pid });
});

process.on('message', (m: { cmd: 'broadcast'; key: string; message: unknown } | { cmd: 'clients' } | { cmd: 'close' }) => {
  if (m.cmd === 'broadcast') {
    const t0 = now();
    // Encoded once per event (as bytes, not a string each socket would encode again), as a careful
    // broadcaster would.
    const text = Buffer.from(JSON.stringify(m.message));
    for (const c of wss.clients) if (c.readyState === WebSocket.OPEN) c.send(text, { binary: false });
    process.send!({ type: 'sent', key: m.key, t0 });
  } else if (m.cmd === 'clients') {
    process.send!({ type: 'clients', n: wss.clients.size });
  } else if (m.cmd === 'close') {
    for (const c of wss.clients) c.terminate();
    wss.close(() => process.exit(0));
  }
});
process.on('SIGUSR2', () => (globalThis as { gc?: () => void }).gc?.());
process.on('disconnect', () => process.exit(0));
