import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines, freshDatabase } from "../../../test/support/db.ts";
import {
  diffShapes,
  shapeFromDatabase,
  shapeFromSchemaSource,
} from "../../../test/support/schema-shape.ts";
import type { DatabaseHandle } from "./index.ts";

const SCHEMA_FILE = fileURLToPath(new URL("./schema.ts", import.meta.url));
const source = readFileSync(SCHEMA_FILE, "utf8");

describe("schema.ts parser", () => {
  it("reads kinds and nullability through Generated, ColumnType and local aliases", () => {
    const shape = shapeFromSchemaSource(`
      import type { ColumnType, Generated } from "kysely";
      type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
      type Json = ColumnType<unknown, string | undefined, string>;
      type Role = "a" | "b";
      interface T {
        id: Generated<number>; at: Generated<Timestamp>; seen: Timestamp | null;
        role: Role; data: Json | null; ok: boolean; note: string | null; "quoted-name": number;
      }
      export interface Database { t: T }`);
    expect(shape).toEqual({
      "t.id": "number",
      "t.at": "Date",
      "t.seen": "Date | null",
      "t.role": "string",
      "t.data": "json | null",
      "t.ok": "boolean",
      "t.note": "string | null",
      "t.quoted-name": "number",
    });
  });

  it("refuses types it cannot classify instead of guessing", () => {
    const bad = "interface T { x: string | number } export interface Database { t: T }";
    expect(() => shapeFromSchemaSource(bad)).toThrow("t.x: mixes kinds string, number");
    const odd = "interface T { x: Map<string, number> } export interface Database { t: T }";
    expect(() => shapeFromSchemaSource(odd)).toThrow(
      "unsupported column type `Map<string, number>`",
    );
  });
});

describe.each(engines)("%s: schema.ts matches the migrated database", (engine) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await freshDatabase(engine);
  });
  afterAll(async () => {
    await h.close();
  });

  it("has the same tables, columns, kinds and nullability", async () => {
    const code = shapeFromSchemaSource(source, SCHEMA_FILE);
    const database = await shapeFromDatabase(h.db);
    expect(Object.keys(database).length).toBeGreaterThan(0);
    expect(diffShapes(code, database)).toEqual([]);
  });

  it("notices a column added to schema.ts only", async () => {
    const withColumn = source.replace(
      /(interface SettingTable \{)/,
      "$1\n  drift_probe: string | null;",
    );
    const database = await shapeFromDatabase(h.db);
    expect(diffShapes(shapeFromSchemaSource(withColumn), database)).toEqual([
      "settings.drift_probe: in schema.ts (string | null) but not in the database",
    ]);
  });

  it("notices a column, a type and a nullability change made in the database only", async () => {
    // Its own database: the alterations must not leak into the other tests.
    const drifted = await freshDatabase(engine);
    try {
      await sql`alter table settings add column drift_probe text`.execute(drifted.db);
      await sql`alter table settings alter column updated_at drop not null`.execute(drifted.db);
      await sql`alter table units alter column phone type integer using null`.execute(drifted.db);
      await sql`create table drift_table (x date not null)`.execute(drifted.db);
      const database = await shapeFromDatabase(drifted.db);
      expect(diffShapes(shapeFromSchemaSource(source), database)).toEqual([
        "drift_table.x: in the database (string) but not in schema.ts",
        "settings.drift_probe: in the database (string | null) but not in schema.ts",
        "settings.updated_at: schema.ts says Date, the database has Date | null",
        "table drift_table: in the database but not in schema.ts",
        "units.phone: schema.ts says string | null, the database has number | null",
      ]);
    } finally {
      await drifted.close();
    }
  });
});
