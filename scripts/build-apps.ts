// Builds the web and admin apps (`vite build`) when a source is newer than the built index.html.
// Used by `pnpm start` and by the browser tests' global setup.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const APPS = ['web', 'admin'] as const;
/** What an app's build is made of besides its own folder (the shared UI package). */
const SHARED = [path.join(root, 'packages/ui')];

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name === 'e2e') continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function isBuilt(app: string): boolean {
  const dir = path.join(root, 'apps', app);
  const built = path.join(dir, 'dist/index.html');
  if (!existsSync(built)) return false;
  const sources = Math.max(newest(dir), ...SHARED.filter(existsSync).map(newest));
  return statSync(built).mtimeMs >= sources;
}

/** Builds every app whose build is missing or stale; throws when a build fails. */
export function buildApps(opts: { log?: (line: string) => void } = {}) {
  for (const app of APPS) {
    // An app folder without a package.json is not an app (yet): nothing to build.
    if (!existsSync(path.join(root, 'apps', app, 'package.json')) || isBuilt(app)) continue;
    opts.log?.(`[mcf] building apps/${app}`);
    const dir = path.join(root, 'apps', app);
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: dir,
      stdio: 'inherit',
      // Vitest sets NODE_ENV=test, which would give React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (r.status !== 0) throw new Error(`vite build failed in apps/${app} (exit ${r.status})`);
  }
}
