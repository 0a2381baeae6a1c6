// A light tRPC mutation caller for load drivers: one keep-alive `node:http` POST per call, the
// procedure's JSON input as the body (the server uses no transformer). The tRPC client's fetch
// costs a few milliseconds of CPU per call, which a driver sending 50 calls a second on the same
// two cores as the server would take from the thing being measured.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export function mutate<T = unknown>(baseUrl: string, token: string | null, path: string, input: unknown): Promise<T> {
  const body = JSON.stringify(input);
  const url = new URL(`${baseUrl}/trpc/${path}`);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          try {
            const j = JSON.parse(text) as { result?: { data?: T }; error?: { message?: string; data?: { code?: string } } };
            if (res.statusCode === 200 && j.result) resolve(j.result.data as T);
            else reject(new Error(`${path}: ${res.statusCode} ${j.error?.data?.code ?? ''} ${j.error?.message ?? text.slice(0, 200)}`));
          } catch {
            reject(new Error(`${path}: ${res.statusCode} ${text.slice(0, 200)}`));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
