// Statement effects from PostgreSQL's own parser (libpg-query, compiled to WASM): the parse tree is
// exactly what the server would execute, so there is no guessing about quoting, comments or CTEs.

import { table } from '../core/table.js';
import { rank } from '../core/effect.js';
import { scanBody } from './statements.js';
import { applyTransactions, type Step } from './transactions.js';
import type { SqlAssessment, SqlStatement } from './types.js';

// The parse tree is a tagged JSON object ({ DeleteStmt: {...} }); it is walked generically. Reading a
// field the tree lacks is no risk: an exception falls back to the tokenizer (classify.ts).
// biome-ignore lint/suspicious/noExplicitAny: hundreds of node types, of which the walk reads a few fields
type Node = Record<string, any>;

export type ParseSync = (sql: string) => { stmts?: { stmt: Node }[] };

export function classifyPostgres(sql: string, parseSync: ParseSync): SqlAssessment {
  const tree = parseSync(sql);
  const steps: Step[] = (tree.stmts ?? []).map(({ stmt }) => step(stmt));
  return { ...applyTransactions(steps), parser: 'libpg-query' };
}

function step(node: Node): Step {
  const t = node.TransactionStmt;
  if (t) {
    if (t.kind === 'TRANS_STMT_BEGIN' || t.kind === 'TRANS_STMT_START') return { kind: 'begin' };
    if (t.kind === 'TRANS_STMT_COMMIT') return { kind: 'commit' };
    if (t.kind === 'TRANS_STMT_ROLLBACK') return { kind: 'rollback' };
    return { kind: 'statement', statement: { effect: 'read', summary: 'transaction control' } };
  }
  return { kind: 'statement', statement: worst(classify(node), functionsCalled(node)) };
}

const read = (summary: string): SqlStatement => ({ effect: 'read', summary });
const write = (summary: string): SqlStatement => ({ effect: 'write', summary });
const destroy = (summary: string): SqlStatement => ({ effect: 'destroy', summary });
const unknown = (summary: string): SqlStatement => ({ effect: 'unknown', summary });

/**
 * Functions that change things when a query merely calls them (`SELECT lo_unlink(42)` reads as a SELECT),
 * by their name without a schema. dblink's SQL is judged where it can be read (see remoteSql).
 */
const SIDE_EFFECTS: Readonly<Record<string, SqlStatement>> = table({
  lo_unlink: destroy('lo_unlink() deletes a large object'),
  pg_drop_replication_slot: destroy('pg_drop_replication_slot() drops a replication slot: the replica or consumer behind it loses its place'),
  pg_replication_origin_drop: destroy('pg_replication_origin_drop() drops a replication origin'),
  pg_file_unlink: destroy('pg_file_unlink() deletes a file on the database server'),
  pg_file_write: destroy('pg_file_write() writes over a file on the database server'),
  pg_file_rename: write('pg_file_rename() renames a file on the database server'),
  lo_export: write('lo_export() writes a file on the database server'),
  lo_import: write('lo_import() stores a server file as a large object'),
  pg_terminate_backend: write('pg_terminate_backend() ends another session'),
  pg_cancel_backend: write("pg_cancel_backend() cancels another session's query"),
  pg_reload_conf: write('pg_reload_conf() reloads the server configuration'),
  pg_rotate_logfile: write('pg_rotate_logfile() rotates the server log'),
  pg_promote: write('pg_promote() promotes a standby to primary'),
  pg_switch_wal: write('pg_switch_wal() switches the write-ahead log file'),
});

/** The strongest effect of the functions a statement calls anywhere in it (SELECT lists, WHERE, VALUES…). */
function functionsCalled(node: Node): SqlStatement {
  let found: SqlStatement = read('no side effects');
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) for (const x of n) visit(x);
    else if (n && typeof n === 'object') {
      const call = (n as Node).FuncCall;
      if (call) {
        const name = String(call.funcname?.at(-1)?.String?.sval ?? '').toLowerCase();
        const effect = name === 'dblink_exec' || name === 'dblink' ? remoteSql(name, call.args ?? []) : SIDE_EFFECTS[name];
        if (effect) found = worst(found, effect);
      }
      for (const v of Object.values(n)) if (v && typeof v === 'object') visit(v);
    }
  };
  visit(node);
  return found;
}

/** dblink_exec(conn, sql) and dblink(conn, sql) run SQL on another database: judged when it is a literal, unknown when it is built. */
function remoteSql(name: string, args: Node[]): SqlStatement {
  // dblink_exec(sql), dblink_exec(connection, sql [, fail_on_error]), and the same for dblink.
  const text = (args.length >= 2 ? args[1] : args[0])?.A_Const?.sval?.sval;
  if (typeof text !== 'string') return unknown(`${name}() runs SQL that can't be seen (built at run time) on another database`);
  const inner = scanBody(text, 'postgres');
  return inner.effect === 'read' ? read(`${name}()`) : { effect: inner.effect, summary: `${name}() on another database: ${inner.summary}` };
}

const worst = (a: SqlStatement, b: SqlStatement): SqlStatement => (rank(b.effect) > rank(a.effect) ? b : a);

function relationName(rel: Node | undefined): string {
  if (!rel) return '(unnamed)';
  return [rel.schemaname, rel.relname].filter(Boolean).join('.');
}

function classify(node: Node): SqlStatement {
  const [type, body] = Object.entries(node)[0] ?? ['', {}];
  switch (type) {
    case 'SelectStmt':
      return ctes(body, body.intoClause ? write('SELECT … INTO creates a table') : read('SELECT'));
    case 'InsertStmt':
      return ctes(body, write(`INSERT INTO ${relationName(body.relation)}`));
    case 'DeleteStmt':
    case 'UpdateStmt': {
      const verb = type === 'DeleteStmt' ? 'DELETE' : 'UPDATE';
      const target = relationName(body.relation);
      const does = verb === 'DELETE' ? 'deletes' : 'rewrites';
      let own: SqlStatement;
      if (!body.whereClause) own = destroy(`${verb} on ${target} with no WHERE: ${does} every row`);
      else if (alwaysTrue(body.whereClause)) own = destroy(`${verb} on ${target} with an always-true WHERE: ${does} every row`);
      else own = write(`${verb} on ${target} with a WHERE clause`);
      return ctes(body, own);
    }
    case 'MergeStmt':
      return ctes(body, merge(body));
    case 'TruncateStmt':
      return destroy(`TRUNCATE ${(body.relations ?? []).map((r: Node) => relationName(r.RangeVar)).join(', ')}: every row is deleted`);
    case 'DropdbStmt':
      return destroy(`DROP DATABASE ${body.dbname}: the whole database is deleted`);
    case 'DropOwnedStmt':
      return destroy('DROP OWNED deletes every object the role owns');
    case 'DropStmt':
      return dropStatement(body);
    case 'AlterTableStmt': {
      const target = relationName(body.relation);
      for (const c of body.cmds ?? []) {
        const sub = c.AlterTableCmd?.subtype;
        if (sub === 'AT_DropColumn') return destroy(`ALTER TABLE ${target} DROP COLUMN ${c.AlterTableCmd.name}: the column's data is deleted`);
        if (sub === 'AT_DetachPartition') return write(`ALTER TABLE ${target} DETACH PARTITION`);
        // `ALTER c TYPE int USING 0`: every row's value is replaced by what the expression computes; one
        // that never reads the column (a constant, NULL, another column) throws the old values away.
        const using = c.AlterTableCmd?.def?.ColumnDef?.raw_default;
        if (sub === 'AT_AlterColumnType' && using && !readsColumn(using, c.AlterTableCmd.name))
          return destroy(`ALTER TABLE ${target} ALTER ${c.AlterTableCmd.name} TYPE … USING an expression that does not read ${c.AlterTableCmd.name}: every row's value is replaced`);
      }
      return write(`ALTER TABLE ${target}`);
    }
    case 'ExplainStmt': {
      const analyze = (body.options ?? []).some((o: Node) => o.DefElem?.defname === 'analyze' && !isFalse(o.DefElem.arg));
      if (!analyze) return read('EXPLAIN (the statement is planned, not run)');
      const inner = classify(body.query);
      return { effect: inner.effect, summary: `EXPLAIN ANALYZE runs it: ${inner.summary}` };
    }
    case 'DoStmt': {
      const code = (body.args ?? []).find((a: Node) => a.DefElem?.defname === 'as')?.DefElem?.arg?.String?.sval ?? '';
      const inner = scanBody(code, 'postgres');
      return inner.effect === 'read' ? read('DO block') : { effect: inner.effect, summary: `DO block: ${inner.summary}` };
    }
    case 'ExecuteStmt':
      return write(`EXECUTE ${body.name} runs a prepared statement`);
    case 'PrepareStmt': {
      // What EXECUTE will run is judged where it is written: `PREPARE d AS DELETE FROM users; EXECUTE d`.
      const inner = classify(body.query ?? {});
      return inner.effect === 'read' ? read(`PREPARE ${body.name}`) : { effect: inner.effect, summary: `PREPARE ${body.name} (run by EXECUTE): ${inner.summary}` };
    }
    case 'CreateFunctionStmt':
      return createFunction(body);
    case 'CallStmt':
      return write('CALL runs a stored procedure');
    case 'CopyStmt':
      if (body.is_program) return unknown(`COPY … ${body.is_from ? 'FROM' : 'TO'} PROGRAM runs a shell command on the database server: ${body.filename ?? ''}`);
      if (body.is_from) return write('COPY … FROM loads rows');
      return body.filename ? destroy(`COPY … TO '${body.filename}' writes over a file on the database server`) : read('COPY … TO STDOUT');
    case 'VariableSetStmt':
    case 'VariableShowStmt':
    case 'DeclareCursorStmt':
    case 'FetchStmt':
    case 'ClosePortalStmt':
    case 'DeallocateStmt':
    case 'ListenStmt':
    case 'UnlistenStmt':
      return read(type.replace(/Stmt$/, ''));
    case 'VacuumStmt':
      return write(body.is_vacuumcmd ? 'VACUUM' : 'ANALYZE');
    case 'DropRoleStmt':
      return write('DROP ROLE');
    case 'DropTableSpaceStmt':
      return write('DROP TABLESPACE');
    default:
      return write(type.replace(/Stmt$/, '') || 'statement');
  }
}

/**
 * MERGE: its WHEN … THEN DELETE / UPDATE clauses act on the rows they match. With an ON that every row
 * meets (`ON true`) and no narrowing AND, that is every row of the target, as DELETE with no WHERE;
 * `WHEN NOT MATCHED BY SOURCE THEN DELETE` with no AND deletes every row the source lacks (all of
 * them, for an empty source). Otherwise it changes the rows matched, a write, as DELETE … WHERE is.
 */
function merge(body: Node): SqlStatement {
  const target = relationName(body.relation);
  const everyRowMatches = !body.joinCondition || alwaysTrue(body.joinCondition);
  let result = write(`MERGE INTO ${target}`);
  for (const clause of body.mergeWhenClauses ?? []) {
    const c = clause.MergeWhenClause ?? {};
    const verb = c.commandType === 'CMD_DELETE' ? 'DELETE' : c.commandType === 'CMD_UPDATE' ? 'UPDATE' : null;
    if (!verb) continue;
    const unnarrowed = !c.condition || alwaysTrue(c.condition);
    const bySource = c.matchKind === 'MERGE_WHEN_NOT_MATCHED_BY_SOURCE';
    const does = verb === 'DELETE' ? 'deletes' : 'rewrites';
    if (unnarrowed && bySource) result = worst(result, destroy(`MERGE INTO ${target} … WHEN NOT MATCHED BY SOURCE THEN ${verb}: ${does} every row the source lacks`));
    else if (unnarrowed && everyRowMatches) result = worst(result, destroy(`MERGE INTO ${target} … ON a condition every row meets, THEN ${verb}: ${does} every row`));
    else result = worst(result, write(`MERGE INTO ${target} … THEN ${verb} of the rows matched`));
  }
  return result;
}

/** Whether an expression reads the column `name` anywhere in it. */
function readsColumn(expr: unknown, name: string): boolean {
  if (Array.isArray(expr)) return expr.some((x) => readsColumn(x, name));
  if (!expr || typeof expr !== 'object') return false;
  const fields = (expr as Node).ColumnRef?.fields;
  if (fields && fields.at(-1)?.String?.sval === name) return true;
  return Object.values(expr).some((v) => v && typeof v === 'object' && readsColumn(v, name));
}

/**
 * CREATE FUNCTION / PROCEDURE: its body is SQL (or PL/pgSQL) that runs whenever it is called, as in the
 * `SELECT z()` that usually follows; judged as a DO block is. Creating it is a write; a body that
 * destroys, or that can't be read, makes the statement that. Other languages' bodies are not read.
 */
function createFunction(body: Node): SqlStatement {
  const what = `CREATE ${body.is_procedure ? 'PROCEDURE' : 'FUNCTION'} ${(body.funcname ?? []).map((n: Node) => n.String?.sval).join('.')}`;
  const option = (name: string) => (body.options ?? []).find((o: Node) => o.DefElem?.defname === name)?.DefElem?.arg;
  const language = String(option('language')?.String?.sval ?? 'sql').toLowerCase();
  let inner: SqlStatement = read(what);
  if (body.sql_body) for (const stmt of statementsIn(body.sql_body)) inner = worst(inner, classify(stmt));
  const source = option('as')?.List?.items;
  if ((language === 'sql' || language === 'plpgsql') && source?.length === 1 && typeof source[0]?.String?.sval === 'string') inner = worst(inner, scanBody(source[0].String.sval, 'postgres'));
  return rank(inner.effect) > rank('write') ? { effect: inner.effect, summary: `${what}: its body, run when it is called: ${inner.summary}` } : write(what);
}

/** The statements of a `BEGIN ATOMIC … END` body (lists of lists in the parse tree). */
function statementsIn(node: Node): Node[] {
  const items = node.List?.items;
  if (Array.isArray(items)) return items.flatMap(statementsIn);
  return Object.keys(node).some((k) => k.endsWith('Stmt')) ? [node] : [];
}

/** Data-modifying CTEs (`WITH x AS (DELETE FROM …)`) run whatever the outer statement is. */
function ctes(body: Node, own: SqlStatement): SqlStatement {
  let result = own;
  for (const cte of body.withClause?.ctes ?? []) {
    const query = cte.CommonTableExpr?.ctequery;
    if (!query) continue;
    const inner = classify(query);
    if (inner.effect !== 'read') result = worst(result, { effect: inner.effect, summary: `data-modifying CTE: ${inner.summary}` });
  }
  return result;
}

const DESTROYED: Record<string, string> = table({
  OBJECT_TABLE: 'TABLE',
  OBJECT_SCHEMA: 'SCHEMA',
  OBJECT_FOREIGN_TABLE: 'FOREIGN TABLE',
  OBJECT_DATABASE: 'DATABASE',
});

function dropStatement(body: Node): SqlStatement {
  const kind = String(body.removeType ?? 'OBJECT')
    .replace(/^OBJECT_/, '')
    .replace(/_/g, ' ');
  const names = (body.objects ?? [])
    .map((o: Node) =>
      (o.List?.items ?? (o.String ? [o] : []))
        .map((i: Node) => i.String?.sval)
        .filter(Boolean)
        .join('.'),
    )
    .filter(Boolean)
    .join(', ');
  if (DESTROYED[body.removeType]) return destroy(`DROP ${DESTROYED[body.removeType]} ${names}: the data in it is deleted`);
  if (body.behavior === 'DROP_CASCADE') return destroy(`DROP ${kind} ${names} CASCADE also drops everything that depends on it`);
  return write(`DROP ${kind} ${names}`.trim());
}

function isFalse(arg: Node | undefined): boolean {
  if (!arg) return false;
  const s = arg.String?.sval ?? arg.Boolean?.boolval;
  return s === false || s === 'false' || s === 'off' || arg.Integer?.ival === 0;
}

/** A WHERE clause true for every row: constants that hold (1=1, TRUE), an OR with such a branch, or x = x. */
function alwaysTrue(expr: Node): boolean {
  const v = constant(expr);
  if (v !== undefined) return v !== false && v !== null && v !== 0 && v !== '';
  const bool = expr.BoolExpr;
  if (bool?.boolop === 'OR_EXPR') return (bool.args ?? []).some(alwaysTrue);
  if (bool?.boolop === 'AND_EXPR') return (bool.args ?? []).every(alwaysTrue);
  const a = expr.A_Expr;
  if (a && a.kind === 'AEXPR_OP' && a.name?.[0]?.String?.sval === '=' && a.lexpr?.ColumnRef && JSON.stringify(stripLocations(a.lexpr)) === JSON.stringify(stripLocations(a.rexpr))) return true;
  return false;
}

type Constant = string | number | boolean | null | undefined;

/** The value of a constant expression, or undefined when it depends on a row. */
function constant(expr: Node | undefined): Constant {
  if (!expr) return undefined;
  const c = expr.A_Const;
  if (c) {
    if (c.isnull) return null;
    if (c.ival) return c.ival.ival ?? 0;
    if ('ival' in c) return 0;
    if (c.fval) return Number(c.fval.fval);
    if (c.boolval) return c.boolval.boolval ?? false;
    if ('boolval' in c) return false;
    if (c.sval) return c.sval.sval ?? '';
    return undefined;
  }
  if (expr.TypeCast) return constant(expr.TypeCast.arg);
  const bool = expr.BoolExpr;
  if (bool) {
    const values = (bool.args ?? []).map(constant);
    if (values.includes(undefined)) return undefined;
    if (bool.boolop === 'NOT_EXPR') return !values[0];
    if (bool.boolop === 'AND_EXPR') return values.every(Boolean);
    return values.some(Boolean);
  }
  const a = expr.A_Expr;
  if (a && a.kind === 'AEXPR_OP') {
    const l = constant(a.lexpr);
    const r = constant(a.rexpr);
    if (l === undefined || r === undefined) return undefined;
    if (l === null || r === null) return null;
    switch (a.name?.[0]?.String?.sval) {
      // Loose on purpose: PostgreSQL coerces an untyped literal to the other side's type, so '1' = 1 holds.
      case '=':
        // biome-ignore lint/suspicious/noDoubleEquals: SQL's coercion of '1' = 1, as above
        return l == r;
      case '<>':
      case '!=':
        // biome-ignore lint/suspicious/noDoubleEquals: SQL's coercion of '1' <> 1, as above
        return l != r;
      case '<':
        return l < r;
      case '>':
        return l > r;
      case '<=':
        return l <= r;
      case '>=':
        return l >= r;
    }
  }
  return undefined;
}

function stripLocations(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripLocations);
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node)
        .filter(([k]) => k !== 'location')
        .map(([k, v]) => [k, stripLocations(v)]),
    );
  }
  return node;
}
