import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines, freshDatabase } from "../../../test/support/db.ts";
import type { DatabaseHandle } from "./index.ts";
import { vacuumEmbedded } from "./maintenance.ts";

describe.each(engines)("vacuum of the embedded database (%s)", (engine) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await freshDatabase(engine);
    await sql`create table vacuum_probe (id int4 primary key, v text)`.execute(h.db);
    await sql`insert into vacuum_probe select g, 'x' from generate_series(1, 5000) g`.execute(h.db);
  });
  afterAll(async () => {
    await h?.close();
  });
  const allVisible = async () =>
    (
      await sql<{
        n: number;
      }>`select relallvisible::int as n from pg_class where relname = 'vacuum_probe'`.execute(h.db)
    ).rows[0]?.n ?? 0;

  it("marks a loaded table's pages all-visible on PGlite and leaves PostgreSQL to autovacuum", async () => {
    expect(await allVisible()).toBe(0);
    const ran = await vacuumEmbedded(h.db, "vacuum_probe");
    expect(ran).toBe(engine === "pglite");
    if (engine === "pglite") expect(await allVisible()).toBeGreaterThan(0);
  });
});
