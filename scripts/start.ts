// `pnpm start [--demo]`: build the web and admin apps when their sources changed, then run the server.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

for (const app of ['web', 'admin']) {
  const dir = path.join(root, 'apps', app);
  if (!existsSync(path.join(dir, 'package.json'))) continue;
  const built = path.join(dir, 'dist/index.html');
  if (existsSync(built) && statSync(built).mtimeMs >= newest(dir)) continue;
  console.log(`[mcf] building apps/${app}`);
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: dir, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const { main } = await import('../apps/server/src/main.ts');
await main(process.argv.slice(2));
