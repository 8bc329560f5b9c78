import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../../../test/support/app.ts";
import { engines } from "../../../test/support/db.ts";

/*
 * Imports of targets and hand-entered figures across levels: who may change what, who owns
 * a record afterwards, and what the audit log keeps. A county's import runs on the ledger
 * engine's loop with the targets module's own rules, so these pin the rules, not the loop.
 */
describe.each(engines)("targets and figures imported across levels on %s", (engine) => {
  let t: TestApp;
  let jingyan: Client;
  let city: Client;
  let admin: Client;

  const targetCsv = (rows: string[]) =>
    Buffer.from(["地区,年度,指标,目标值,下达方式", ...rows].join("\r\n"));
  const valueCsv = (rows: string[]) =>
    Buffer.from(["地区,指标,截至日期,数值,备注", ...rows].join("\r\n"));
  const storedTarget = (name: string) =>
    t.db
      .selectFrom("targets")
      .innerJoin("target_indicators as i", "i.id", "targets.indicator_id")
      .selectAll("targets")
      .where("targets.region_id", "=", t.demo.neighbour.id)
      .where("targets.year", "=", 2028)
      .where("i.name", "=", name)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await startTestApp(engine);
    [jingyan, city, admin] = await Promise.all([
      t.login("jingyan"),
      t.login("shiju"),
      t.login("admin"),
    ]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("keeps a city target from the county's import, and who assigned a target", async () => {
    const cityRow = "井研县,2028,专利授权量,60,市下达";
    const set = await city.upload("/api/targets/import", "t.csv", targetCsv([cityRow]));
    expect(set.json()).toMatchObject({ total: 1, created: 1, updated: 0, unchanged: 0 });
    const fromCity = await storedTarget("专利授权量");
    expect(fromCity.assigned_level).toBe(t.demo.city.level);

    const same = await jingyan.upload("/api/targets/import", "t.csv", targetCsv([cityRow]));
    expect(same.json()).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    const changed = await jingyan.upload(
      "/api/targets/import",
      "t.csv",
      targetCsv(["井研县,2028,发明专利申请量,7,自定", "井研县,2028,专利授权量,61,市下达"]),
    );
    expect(changed.statusCode).toBe(403);
    expect(changed.json().error.message).toBe("该目标由上级下达，只能由下达单位修改");
    expect((await storedTarget("专利授权量")).value).toBe(60);
    // All-or-nothing: the file's new target, before the refused row, is not kept either.
    expect((await jingyan.get("/api/targets?year=2028")).json().items).toHaveLength(1);

    const own = "井研县,2028,发明专利申请量,10,自定";
    expect(
      (await jingyan.upload("/api/targets/import", "t.csv", targetCsv([own]))).statusCode,
    ).toBe(200);
    const before = await storedTarget("发明专利申请量");
    const raised = await city.upload(
      "/api/targets/import",
      "up.csv",
      targetCsv(["井研县,2028,发明专利申请量,11,自定"]),
    );
    expect(raised.json()).toMatchObject({ total: 1, created: 0, updated: 1, unchanged: 0 });
    const after = await storedTarget("发明专利申请量");
    expect([after.value, after.version, after.assigned_level]).toEqual([
      11,
      before.version + 1,
      before.assigned_level,
    ]);
    expect(before.assigned_level).toBe(t.demo.neighbour.level);

    const audits = await t.db
      .selectFrom("audit_log")
      .select(["action", "entity", "record_id", "before", "after"])
      .where("entity", "=", "target")
      .orderBy("id", "desc")
      .limit(2)
      .execute();
    expect(audits.map((a) => [a.action, a.record_id])).toEqual([
      ["import", null],
      ["update", String(before.id)],
    ]);
    expect(audits[0]?.after).toEqual({
      filename: "up.csv",
      total: 1,
      created: 0,
      updated: 1,
      unchanged: 0,
    });
    expect(audits[1]?.before).toMatchObject({ value: 10, version: before.version });
    expect(audits[1]?.after).toMatchObject({ value: 11, version: before.version + 1 });
  });

  it("lets the city take over a county figure by changing it, not by repeating it", async () => {
    const ind = await admin.post("/api/target-indicators", {
      code: "lvl_test",
      name: "层级测试指标",
      unit: "万元",
      kind: "manual",
    });
    expect(ind.statusCode, ind.body).toBe(200);
    const entered = await jingyan.post("/api/indicator-values", {
      regionId: t.demo.neighbour.id,
      indicatorId: ind.json().id,
      asOf: "2025-03-31",
      value: 12,
    });
    expect(entered.statusCode, entered.body).toBe(200);
    const countyFigure = async () =>
      (await jingyan.get(`/api/indicator-values?indicatorId=${ind.json().id}`)).json().items[0] as {
        value: number;
        canEdit: boolean;
        version: number;
      };

    const repeat = valueCsv(["井研县,层级测试指标,2025-03-31,12,"]);
    const same = await city.upload("/api/indicator-values/import", "v.csv", repeat);
    expect(same.json()).toMatchObject({ total: 1, created: 0, updated: 0, unchanged: 1 });
    expect(await countyFigure()).toMatchObject({ value: 12, canEdit: true, version: 1 });

    const change = valueCsv(["井研县,层级测试指标,2025-03-31,13,市统计局"]);
    const changed = await city.upload("/api/indicator-values/import", "v.csv", change);
    expect(changed.json()).toMatchObject({ total: 1, created: 0, updated: 1, unchanged: 0 });
    expect(await countyFigure()).toMatchObject({ value: 13, canEdit: false, version: 2 });
  });
});
