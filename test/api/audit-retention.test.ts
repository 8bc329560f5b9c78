import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pruneAudit, writeAudit } from "../../src/core/audit/audit.repository.ts";
import type { DatabaseHandle } from "../../src/core/db/index.ts";
import { engines, freshDatabase } from "../support/db.ts";

describe.each(engines)("audit retention on %s", (engine) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await freshDatabase(engine);
  });
  afterAll(async () => h.close());

  it("prunes only rows older than the retention period", async () => {
    const actor = { userId: 1, username: "admin" };
    await writeAudit(h.db, actor, {
      action: "create",
      entity: "unit",
      recordId: 1,
      after: { name: "旧" },
    });
    await writeAudit(h.db, actor, {
      action: "create",
      entity: "unit",
      recordId: 2,
      after: { name: "新" },
    });
    await h.db
      .updateTable("audit_log")
      .set({ at: sql`now() - interval '400 days'` })
      .where("record_id", "=", "1")
      .execute();
    expect(await pruneAudit(h.db, 365)).toBe(1);
    const left = await h.db.selectFrom("audit_log").select("record_id").execute();
    expect(left.map((r) => r.record_id)).toEqual(["2"]);
  });

  it("has indexes on time, record and user", async () => {
    const r = await sql<{
      indexname: string;
    }>`select indexname from pg_indexes where tablename = 'audit_log'`.execute(h.db);
    const names = r.rows.map((x) => x.indexname);
    expect(names).toEqual(
      expect.arrayContaining(["audit_log_at_idx", "audit_log_entity_idx", "audit_log_user_idx"]),
    );
  });
});
