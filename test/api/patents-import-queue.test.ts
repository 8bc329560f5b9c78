import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliScope } from "../../src/cli/context.ts";
import type { DatabaseHandle } from "../../src/core/db/index.ts";
import { seedDemo } from "../../src/core/demo/seed.ts";
import type { Scope } from "../../src/core/scope.ts";
import { withCheck } from "../../src/modules/patents/application-no.ts";
import { importPatents } from "../../src/modules/patents/import.ts";
import { engines, freshDatabase } from "../support/db.ts";

/** n utility-model applications filed in 2019 (none in the demo), numbered from `start`. */
function csv(n: number, start: number, bad?: number): Buffer {
  const lines = ["申请号,名称,申请人,申请日,法律状态"];
  for (let i = 0; i < n; i++) {
    const no = withCheck(`20192${String(start + i).padStart(7, "0")}`);
    lines.push(
      `${i === bad ? "2019" : no},一种茶叶揉捻机（${start + i}）,夹江县测试茶业有限公司,2019-05-01,在审`,
    );
  }
  return Buffer.from(lines.join("\r\n"));
}

describe.each(engines)("patent imports started together in one process (%s)", (engine) => {
  let h: DatabaseHandle;
  let scope: Scope;
  const count = async () =>
    (
      await sql<{ n: number }>`select count(*)::int as n from patents
        where filed_on = '2019-05-01'`.execute(h.db)
    ).rows[0]?.n;

  beforeAll(async () => {
    h = await freshDatabase(engine);
    await seedDemo(h.db, { password: "Test@2026demo" });
    scope = await cliScope(h.db, "511126");
  });
  afterAll(async () => {
    await h?.close();
  });

  it("run one after another in the order asked, each saying it waits, and merge overlapping lists", async () => {
    const said: string[] = [];
    const start = (name: string, file: Buffer) =>
      importPatents(
        h.db,
        scope,
        { buffer: file },
        {
          filename: `${name}.csv`,
          today: "2026-11-26",
          onQueued: (waiting) => said.push(`${name} ${waiting ? "排队中" : "开始"}`),
        },
      );
    const [a, b, c] = await Promise.all([
      start("A", csv(2000, 100)),
      start("B", csv(2000, 1100)),
      start("C", csv(500, 3100)),
    ]);
    // The first runs at once; the others wait for the one before them, without a
    // connection (on PGlite they would otherwise sit unseen behind the only one).
    expect(said).toEqual(["B 排队中", "C 排队中", "B 开始", "C 开始"]);
    expect(a).toMatchObject({ total: 2000, created: 2000, unchanged: 0 });
    // 1100-2099 were written by A: found unchanged, not written twice.
    expect(b).toMatchObject({ total: 2000, created: 1000, unchanged: 1000 });
    expect(c).toMatchObject({ total: 500, created: 500 });
    expect(await count()).toBe(3500);
  });

  it("lets the next import run when the one before it fails", async () => {
    const before = await count();
    const said: boolean[] = [];
    const failing = importPatents(
      h.db,
      scope,
      { buffer: csv(1500, 5000, 1400) },
      { filename: "bad.csv", today: "2026-11-26" },
    );
    const next = importPatents(
      h.db,
      scope,
      { buffer: csv(300, 7000) },
      { filename: "next.csv", today: "2026-11-26", onQueued: (w) => said.push(w) },
    );
    await expect(failing).rejects.toMatchObject({ code: "IMPORT_INVALID" });
    expect(await next).toMatchObject({ created: 300 });
    expect(said).toEqual([true, false]);
    expect(await count()).toBe((before ?? 0) + 300);
  });
});
