// Architecture tests: contexts meet only at their package roots and never touch another's schema.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importViolations, schemaViolations } from './architecture/rules.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (/\.(ts|tsx)$/.test(e.name)) out.push(p);
  }
  return out;
}

const packagesDir = path.join(root, 'packages');
const packages = readdirSync(packagesDir).filter((d) => statSync(path.join(packagesDir, d, 'src')).isDirectory());
const contexts = packages.filter((p) => p !== 'kernel' && p !== 'ui');
const schemas = [...contexts, 'platform'];

describe('module boundaries', () => {
  it('finds the contexts it guards', () => {
    expect(contexts).toContain('accounts');
  });

  for (const pkg of packages) {
    const dir = path.join(packagesDir, pkg);
    it(`${pkg} imports other packages only through their roots`, () => {
      const v = sources(dir).flatMap((f) => importViolations(f, readFileSync(f, 'utf8'), pkg, dir));
      expect(v).toEqual([]);
    });
  }

  for (const app of ['server', 'web', 'admin']) {
    const dir = path.join(root, 'apps', app);
    it(`apps/${app} imports contexts only through their roots`, () => {
      let files: string[] = [];
      try {
        files = sources(path.join(dir, 'src'));
      } catch {
        return;
      }
      const v = files.flatMap((f) => importViolations(f, readFileSync(f, 'utf8'), app, dir));
      expect(v).toEqual([]);
    });
  }

  for (const ctx of contexts) {
    it(`${ctx} SQL names no other context's schema`, () => {
      const dir = path.join(packagesDir, ctx, 'src');
      const v = sources(dir).flatMap((f) => schemaViolations(f, readFileSync(f, 'utf8'), ctx, schemas));
      expect(v).toEqual([]);
    });
  }
});

describe('the boundary rules themselves', () => {
  it('catch a deep import into another context', () => {
    const v = importViolations('/r/packages/betting/src/a.ts', `import { x } from '@mcf/orders/src/db/queries.ts';`, 'betting', '/r/packages/betting');
    expect(v.map((x) => x.rule)).toEqual(['deep-import']);
  });
  it('catch a relative import that leaves the package', () => {
    const v = importViolations('/r/packages/betting/src/a.ts', `import { y } from '../../orders/src/index.ts';`, 'betting', '/r/packages/betting');
    expect(v.map((x) => x.rule)).toEqual(['escaping-relative-import']);
  });
  it('allow package roots and own relative files', () => {
    const text = `import { a } from '@mcf/orders';\nimport { b } from './domain/odds.ts';\nimport type { C } from '@mcf/kernel';`;
    expect(importViolations('/r/packages/betting/src/a.ts', text, 'betting', '/r/packages/betting')).toEqual([]);
  });
  it('catch another schema in a query builder, withSchema or raw SQL', () => {
    const text = [
      `db.selectFrom('orders.order').selectAll()`,
      `db.withSchema('accounts').selectFrom('account')`,
      'sql`select * from orders.photo where id = ${id}`',
    ].join('\n');
    const v = schemaViolations('/x.ts', text, 'betting', ['orders', 'accounts', 'betting']);
    expect(v.map((x) => x.text)).toEqual([`selectFrom('orders.order`, `withSchema('accounts')`, 'orders.photo']);
  });
  it('allow its own schema and event names that look like schema.table', () => {
    const text = `db.withSchema('betting').selectFrom('bet')\nconst on = ['orders.completed'];`;
    expect(schemaViolations('/x.ts', text, 'betting', ['orders', 'betting'])).toEqual([]);
  });
});

describe('event names inside SQL', () => {
  it('are not mistaken for tables', () => {
    const text = "sql`select * from betting.bet where kind = 'orders.completed' or t = 'accounts.accountCreated'`";
    expect(schemaViolations('/x.ts', text, 'betting', ['orders', 'accounts', 'betting'])).toEqual([]);
  });
});
