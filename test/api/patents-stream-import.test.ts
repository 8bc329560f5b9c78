import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCheck } from "../../src/modules/patents/application-no.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

/** A list of n utility-model applications filed in 2024 (12-digit numbers, valid checks). */
function list(n: number, bad?: number): string {
  const lines = ["申请号,名称,申请人,申请日,法律状态"];
  for (let i = 1; i <= n; i++) {
    const body = `20242${String(7_000_000 + i).padStart(7, "0")}`;
    const no = i === bad ? `${body}.0` : withCheck(body);
    lines.push(`${no},一种陶瓷砖成型装置（${i}）,夹江县测试陶瓷有限公司,2024-03-01,在审`);
  }
  return lines.join("\r\n");
}

// The import writes batch by batch while the file streams in; a bad row late in the file
// must still leave nothing behind (the batches already written are rolled back).
describe.each(engines)("streaming patent import on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom("patents")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await startTestApp(engine);
    editor = await t.login("keyuan");
  });
  afterAll(() => t?.close());

  it("rolls back the batches already written when a late row is bad", async () => {
    const before = await count();
    const withBad = list(2600, 2501);
    // Make sure the bad row really is bad (wrong check digit) and late in the file.
    expect(withBad.split("\r\n")[2501]).toMatch(/\.0,/);
    const res = await editor.upload("/api/patents/import", "专利.csv", Buffer.from(withBad));
    expect(res.statusCode, res.body).toBe(422);
    const rows = res.json<{ error: { rows: { row: number; column: string }[] } }>().error.rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ row: 2502, column: "申请号" });
    expect(await count()).toBe(before);
  });

  it("writes the whole list when every row is good, and audits the import once", async () => {
    const before = await count();
    const res = await editor.upload("/api/patents/import", "专利.csv", Buffer.from(list(2600)));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ total: 2600, created: 2600, updated: 0, unchanged: 0 });
    expect(await count()).toBe(before + 2600);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action"])
      .where("entity", "=", "patent")
      .where("action", "=", "import")
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });
});
