import { sql } from "kysely";
import ts from "typescript";
import type { Db } from "../../src/core/db/schema.ts";

/** Coarse JavaScript-side kind of a column, as the drivers deliver it. */
export type Kind = "string" | "number" | "boolean" | "Date" | "json" | "string[]";

/** "table.column" -> "kind" or "kind | null". */
export type Shape = Record<string, string>;

interface Resolved {
  kinds: Set<Kind>;
  nullable: boolean;
}

const KEYWORDS = new Map<ts.SyntaxKind, Kind>([
  [ts.SyntaxKind.StringKeyword, "string"],
  [ts.SyntaxKind.NumberKeyword, "number"],
  [ts.SyntaxKind.BooleanKeyword, "boolean"],
  // The file's Json alias selects as `unknown`: whatever JSON.parse gave back.
  [ts.SyntaxKind.UnknownKeyword, "json"],
]);

function propertyName(name: ts.PropertyName, sf: ts.SourceFile): string {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : name.getText(sf);
}

/**
 * Reads the `Database` interface of schema.ts (given as text) without a type checker:
 * the file is plain declarations, and a syntactic walk tells us exactly which construct
 * it does not understand instead of silently widening it.
 */
export function shapeFromSchemaSource(text: string, fileName = "schema.ts"): Shape {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const aliases = new Map<string, ts.TypeNode>();
  for (const st of sf.statements) {
    if (ts.isInterfaceDeclaration(st)) interfaces.set(st.name.text, st);
    if (ts.isTypeAliasDeclaration(st)) aliases.set(st.name.text, st.type);
  }

  const resolve = (node: ts.TypeNode, where: string): Resolved => {
    const fail = (): never => {
      throw new Error(`schema.ts ${where}: unsupported column type \`${node.getText(sf)}\``);
    };
    if (ts.isParenthesizedTypeNode(node)) return resolve(node.type, where);
    if (ts.isUnionTypeNode(node)) {
      const out: Resolved = { kinds: new Set(), nullable: false };
      for (const part of node.types) {
        const r = resolve(part, where);
        for (const k of r.kinds) out.kinds.add(k);
        out.nullable ||= r.nullable;
      }
      return out;
    }
    if (ts.isLiteralTypeNode(node)) {
      const lit = node.literal;
      if (lit.kind === ts.SyntaxKind.NullKeyword) return { kinds: new Set(), nullable: true };
      if (ts.isStringLiteral(lit)) return { kinds: new Set(["string"]), nullable: false };
      if (ts.isNumericLiteral(lit)) return { kinds: new Set(["number"]), nullable: false };
      if (lit.kind === ts.SyntaxKind.TrueKeyword || lit.kind === ts.SyntaxKind.FalseKeyword) {
        return { kinds: new Set(["boolean"]), nullable: false };
      }
      return fail();
    }
    // text[] columns (the drivers parse them into arrays of strings).
    if (ts.isArrayTypeNode(node) && node.elementType.kind === ts.SyntaxKind.StringKeyword)
      return { kinds: new Set(["string[]"]), nullable: false };
    const keyword = KEYWORDS.get(node.kind);
    if (keyword) return { kinds: new Set([keyword]), nullable: false };
    if (ts.isTypeReferenceNode(node)) {
      const name = node.typeName.getText(sf);
      const first = node.typeArguments?.[0];
      // Generated<T> only marks a default; ColumnType<Select, Insert, Update>: take Select.
      if ((name === "Generated" || name === "ColumnType") && first) return resolve(first, where);
      if (name === "Date") return { kinds: new Set(["Date"]), nullable: false };
      const alias = aliases.get(name);
      if (alias) return resolve(alias, where);
    }
    return fail();
  };

  const database = interfaces.get("Database");
  if (!database) throw new Error("schema.ts has no `Database` interface");
  const shape: Shape = {};
  for (const member of database.members) {
    if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeReferenceNode(member.type)) {
      throw new Error(`schema.ts Database: unexpected member \`${member.getText(sf)}\``);
    }
    const table = propertyName(member.name, sf);
    const iface = interfaces.get(member.type.typeName.getText(sf));
    if (!iface) throw new Error(`schema.ts Database.${table}: interface not found in the file`);
    for (const col of iface.members) {
      if (!ts.isPropertySignature(col) || !col.type) continue;
      const column = propertyName(col.name, sf);
      const where = `${table}.${column}`;
      const r = resolve(col.type, where);
      const [kind, ...more] = r.kinds;
      if (!kind || more.length > 0)
        throw new Error(`schema.ts ${where}: mixes kinds ${[...r.kinds].join(", ")}`);
      shape[where] = r.nullable || col.questionToken ? `${kind} | null` : kind;
    }
  }
  return shape;
}

const SQL_KINDS: Record<string, Kind> = {
  text: "string",
  "character varying": "string",
  character: "string",
  uuid: "string",
  date: "string",
  smallint: "number",
  integer: "number",
  bigint: "number",
  numeric: "number",
  real: "number",
  "double precision": "number",
  boolean: "boolean",
  "timestamp with time zone": "Date",
  jsonb: "json",
  json: "json",
};

/** The same shape read from information_schema of a migrated database. */
export async function shapeFromDatabase(db: Db): Promise<Shape> {
  const { rows } = await sql<{
    table_name: string;
    column_name: string;
    data_type: string;
    udt_name: string;
    is_nullable: string;
  }>`
    select table_name, column_name, data_type, udt_name, is_nullable
    from information_schema.columns
    where table_schema = 'public' and table_name not like 'kysely_migration%'
    order by table_name, ordinal_position`.execute(db);
  const shape: Shape = {};
  for (const r of rows) {
    const where = `${r.table_name}.${r.column_name}`;
    const kind =
      r.data_type === "ARRAY" && r.udt_name === "_text" ? "string[]" : SQL_KINDS[r.data_type];
    // Unknown SQL types (timestamp without time zone, arrays, ...) need a decision, not a guess.
    shape[where] = kind
      ? `${kind}${r.is_nullable === "YES" ? " | null" : ""}`
      : `unmapped SQL type ${r.data_type}`;
  }
  return shape;
}

/** Human-readable differences; empty when code and database agree. */
export function diffShapes(code: Shape, database: Shape): string[] {
  const out: string[] = [];
  const tables = (s: Shape) => new Set(Object.keys(s).map((k) => k.slice(0, k.indexOf("."))));
  const codeTables = tables(code);
  const dbTables = tables(database);
  for (const t of dbTables)
    if (!codeTables.has(t)) out.push(`table ${t}: in the database but not in schema.ts`);
  for (const t of codeTables)
    if (!dbTables.has(t)) out.push(`table ${t}: in schema.ts but not in the database`);
  for (const [col, dbType] of Object.entries(database)) {
    const codeType = code[col];
    if (codeType === undefined)
      out.push(`${col}: in the database (${dbType}) but not in schema.ts`);
    else if (codeType !== dbType)
      out.push(`${col}: schema.ts says ${codeType}, the database has ${dbType}`);
  }
  for (const [col, codeType] of Object.entries(code)) {
    if (!(col in database)) out.push(`${col}: in schema.ts (${codeType}) but not in the database`);
  }
  return out.sort();
}
