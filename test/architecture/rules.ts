// Module-boundary rules, as functions over source text so the rules themselves can be tested.
export interface Violation {
  file: string;
  line: number;
  rule: 'deep-import' | 'escaping-relative-import' | 'foreign-schema';
  text: string;
}

const IMPORT = /(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
const QUERY_TABLE = /\b(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin|references|createTable|alterTable|dropTable)\(\s*['"`](\w+)\.\w+/g;
const WITH_SCHEMA = /\bwithSchema\(\s*['"`](\w+)['"`]\s*\)/g;
const SQL_TEMPLATE = /\bsql(?:<[^>]*>)?`([^`]*)`/g;

function lineOf(text: string, index: number) {
  return text.slice(0, index).split('\n').length;
}

/** Imports of another workspace package must name its root (`@mcf/orders`), never a path inside it. */
export function importViolations(file: string, text: string, ownPackage: string, packageDir: string): Violation[] {
  const out: Violation[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    const at = lineOf(text, m.index ?? 0);
    const deep = /^@mcf\/([\w-]+)\/(.+)$/.exec(spec);
    if (deep && deep[1] !== ownPackage && !(deep[1] === 'db' && deep[2] === 'testing')) {
      out.push({ file, line: at, rule: 'deep-import', text: spec });
    }
    if (spec.startsWith('.')) {
      const resolved = new URL(spec, `file://${file}`).pathname;
      if (!resolved.startsWith(packageDir + '/')) out.push({ file, line: at, rule: 'escaping-relative-import', text: spec });
    }
  }
  return out;
}

/** A context's queries name only its own schema (the kernel alone names `platform`). */
export function schemaViolations(file: string, text: string, ownSchema: string, allSchemas: readonly string[]): Violation[] {
  const foreign = new Set(allSchemas.filter((s) => s !== ownSchema));
  const out: Violation[] = [];
  const flag = (schema: string, index: number, snippet: string) => {
    if (foreign.has(schema)) out.push({ file, line: lineOf(text, index), rule: 'foreign-schema', text: snippet });
  };
  for (const m of text.matchAll(QUERY_TABLE)) flag(m[1], m.index ?? 0, m[0]);
  for (const m of text.matchAll(WITH_SCHEMA)) flag(m[1], m.index ?? 0, m[0]);
  for (const m of text.matchAll(SQL_TEMPLATE)) {
    // SQL string literals ('orders.completed') are values, not tables: blank them, keeping positions.
    const body = m[1].replace(/'(?:[^']|'')*'/g, (lit) => ' '.repeat(lit.length));
    for (const s of foreign) {
      // The look-ahead keeps event names such as 'accounts.accountCreated' out.
      const re = new RegExp(`\\b${s}\\.[a-z_]+(?![A-Za-z0-9_])`, 'g');
      for (const hit of body.matchAll(re)) flag(s, (m.index ?? 0) + (hit.index ?? 0), hit[0]);
    }
  }
  return out;
}
