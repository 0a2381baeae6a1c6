#!/usr/bin/env node
// One entry point for the README's commands. It works from `npm` on a fresh clone: it installs the
// locked dependencies with pnpm (announced, never silently upgraded) and then runs the task.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [task = 'start', ...rest] = process.argv.slice(2);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function ensureInstalled() {
  const marker = path.join(root, 'node_modules/.modules.yaml');
  const lock = path.join(root, 'pnpm-lock.yaml');
  const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs);
  if (!stale) return;
  console.log('[mcf] installing the locked dependencies: npx pnpm@10 install --frozen-lockfile');
  run('npx', ['-y', 'pnpm@10', 'install', '--frozen-lockfile']);
}

function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  if (process.getuid?.() === 0) {
    console.log('[mcf] installing Debian chromium for the browser tests (apt-get install chromium)');
    run('bash', ['-c', 'apt-get update -qq && apt-get install -y -qq chromium >/dev/null']);
  } else {
    console.error('[mcf] /usr/bin/chromium is missing: run `sudo apt-get install chromium` for the browser tests');
    process.exit(1);
  }
}

const tsx = ['--import', 'tsx'];
ensureInstalled();
switch (task) {
  case 'start':
    run(process.execPath, [...tsx, 'scripts/start.ts', ...rest]);
    break;
  case 'test':
    ensureChromium();
    run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...rest]);
    break;
  case 'e2e':
    ensureChromium();
    run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', 'e2e', ...rest]);
    break;
  case 'bench':
    run(process.execPath, [...tsx, 'bench/run.ts', ...rest]);
    break;
  case 'typecheck':
    run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.', ...rest]);
    break;
  case 'lint':
    run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.', ...rest]);
    break;
  case 'import-testers':
    run(process.execPath, [...tsx, 'scripts/import-testers.ts', ...rest]);
    break;
  default:
    console.error(`unknown task ${task}`);
    process.exit(2);
}
