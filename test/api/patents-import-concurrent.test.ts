import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliScope } from "../../src/cli/context.ts";
import type { DatabaseHandle } from "../../src/core/db/index.ts";
import { mapDbError } from "../../src/core/db-errors.ts";
import { seedDemo } from "../../src/core/demo/seed.ts";
import type { Scope } from "../../src/core/scope.ts";
import { parseApplicationNo, withCheck } from "../../src/modules/patents/application-no.ts";
import { importPatents } from "../../src/modules/patents/import.ts";
import { freshDatabase } from "../support/db.ts";

/** n utility-model applications filed in 2021 (none in the demo), numbered from `start`. */
function numbers(n: number, start: number): string[] {
  return Array.from({ length: n }, (_, i) =>
    withCheck(`20212${String(start + i).padStart(7, "0")}`),
  );
}
const csv = (nos: string[]) =>
  Buffer.from(
    [
      "申请号,名称,申请人,申请日,法律状态",
      ...nos.map(
        (no, i) => `${no},一种窑炉余热回收装置（${i}）,夹江县测试陶瓷有限公司,2021-03-01,在审`,
      ),
    ].join("\r\n"),
  );

// PostgreSQL only: the embedded database has one connection, so nothing can write beside
// an import there.
describe("a patent import racing another writer (postgres)", () => {
  let h: DatabaseHandle;
  let scope: Scope;
  let url = "";
  const count = async () =>
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from patents where filed_on = '2021-03-01'`.execute(h.db)
    ).rows[0]?.n;

  beforeAll(async () => {
    h = await freshDatabase("postgres");
    if (h.engine.kind !== "postgres") throw new Error("postgres expected");
    url = h.engine.url;
    await seedDemo(h.db, { password: "Test@2026demo" });
    scope = await cliScope(h.db, "511126");
  });
  afterAll(async () => {
    await h?.close();
  });

  it("fails as a conflict, writing nothing, when another session commits one of its numbers mid-import", async () => {
    const nos = numbers(3000, 100);
    const clash = nos[2500] ?? "";
    const region = await h.db
      .selectFrom("regions")
      .select(["id", "path"])
      .where("code", "=", "511126")
      .executeTakeFirstOrThrow();
    // Another session adds the 2,501st number by hand and keeps its transaction open: the
    // import's lookup cannot see it, and its write of that batch waits for the session.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query("begin");
      const normal = parseApplicationNo(clash);
      if (!normal.ok) throw new Error("bad fixture number");
      await other.query(
        `insert into patents (region_id, region_path, application_no, patent_type, title,
           applicants, first_applicant, applicant_type, service_invention, filed_on, legal_status)
         values ($1, $2, $3, '实用新型', '手工登记', '某个人', '某个人', '个人', false, '2021-03-01', '在审')`,
        [region.id, region.path, normal.value.normal],
      );
      const running = importPatents(
        h.db,
        scope,
        { buffer: csv(nos) },
        {
          filename: "list.csv",
          today: "2026-11-26",
        },
      ).catch((e: unknown) => e);
      // Let the import reach the blocked batch, then commit the other session.
      await new Promise((r) => setTimeout(r, 1500));
      await other.query("commit");
      const err = await running;
      // The error handler (and the import job) answer it as the unique-key conflict it is.
      expect(mapDbError(err)).toMatchObject({ code: "DUPLICATE", status: 409 });
    } finally {
      await other.end();
    }
    // The hand-entered patent stays; nothing of the import does.
    expect(await count()).toBe(1);
    // The same list again now merges: the clashing number is an update, the rest are new.
    const again = await importPatents(
      h.db,
      scope,
      { buffer: csv(nos) },
      {
        filename: "list.csv",
        today: "2026-11-26",
      },
    );
    expect(again).toMatchObject({ total: 3000, created: 2999, updated: 1 });
    expect(await count()).toBe(3000);
  });
});
