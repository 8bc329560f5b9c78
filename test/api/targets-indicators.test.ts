import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

interface Indicator {
  id: number;
  code: string;
  version: number;
  builtin: boolean;
  aggregation: string;
  valueCount?: number;
  targetCount?: number;
}

interface Value {
  id: number;
  version: number;
  regionName: string;
  asOf: string;
  value: number;
  note: string | null;
  canEdit: boolean;
}

// Fixtures in 2025 on fresh indicators, so the demo's 夹江 2026 figures stay out of the way.
describe.each(engines)("target indicators and hand-entered figures on %s", (engine) => {
  let t: TestApp;
  let admin: Client;
  let keyuan: Client;
  let jingyan: Client;
  let city: Client;
  let viewer: Client;
  const ids = new Map<string, number>();

  const createIndicator = async (code: string, extra: Record<string, unknown> = {}) => {
    const res = await admin.post("/api/target-indicators", {
      code,
      name: `测试${code}`,
      unit: "万元",
      kind: "manual",
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(200);
    const ind = res.json() as Indicator;
    ids.set(code, ind.id);
    return ind;
  };
  const enter = (c: Client, code: string, regionId: number, asOf: string, value: number) =>
    c.post("/api/indicator-values", { regionId, indicatorId: ids.get(code), asOf, value });
  const metric = async (code: string, regionId: number, to: string) => {
    const res = await city.get(
      `/api/metrics?ids=indicator.${code}&from=2025-01-01&to=${to}&regionId=${regionId}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().values as { value: number }[])[0]?.value;
  };
  const progressRow = async (c: Client, regionId: number, code: string, asOf: string) => {
    const res = await c.get(`/api/targets/progress?year=2025&asOf=${asOf}&regionId=${regionId}`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().rows as {
      indicatorCode: string;
      regionId: number;
      actual: number;
      reported: boolean;
      forecastMethod: string;
    }[];
    const row = rows.find((r) => r.indicatorCode === code && r.regionId === regionId);
    if (!row) throw new Error(`no progress row for ${code}`);
    return row;
  };
  const values = async (c: Client, code: string) => {
    const res = await c.get(`/api/indicator-values?year=2025&indicatorId=${ids.get(code)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as Value[];
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    [admin, keyuan, jingyan, city, viewer] = await Promise.all([
      t.login("admin"),
      t.login("keyuan"),
      t.login("jingyan"),
      t.login("shiju"),
      t.login("juzhang"),
    ]);
    const res = await admin.get("/api/target-indicators");
    for (const i of res.json().items as Indicator[]) ids.set(i.code, i.id);
  });
  afterAll(async () => t.close());

  it("lists the registry metrics an indicator may use, without the targets' own", async () => {
    const res = await keyuan.get("/api/target-indicators/metrics");
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; label: string; unit: string }[];
    expect(items.find((m) => m.id === "patents.grants")).toMatchObject({ unit: "件" });
    expect(items.some((m) => m.id.startsWith("targets.") || m.id.startsWith("indicator."))).toBe(
      false,
    );
  });

  it("lets admins create, edit and delete indicators and nobody else", async () => {
    const created = await createIndicator("crud_test", { aggregation: "none", sort: 300 });
    expect(created).toMatchObject({ aggregation: "none", builtin: false, version: 1 });
    const body = { code: "crud_test", name: "改名", unit: "万元", kind: "manual", version: 1 };
    for (const c of [keyuan, jingyan, viewer]) {
      expect(
        (await c.post("/api/target-indicators", { ...body, code: "x_other" })).statusCode,
      ).toBe(403);
      expect((await c.put(`/api/target-indicators/${created.id}`, body)).statusCode).toBe(403);
      expect((await c.del(`/api/target-indicators/${created.id}?version=1`)).statusCode).toBe(403);
    }
    const put = await admin.put(`/api/target-indicators/${created.id}`, {
      ...body,
      kind: "metric",
      metricId: "patents.grants",
      unit: "件",
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ name: "改名", metricId: "patents.grants", version: 2 });
    const unknownMetric = await admin.put(`/api/target-indicators/${created.id}`, {
      ...body,
      kind: "metric",
      metricId: "targets.time_progress",
      version: 2,
    });
    expect(unknownMetric.statusCode).toBe(400);
    expect(unknownMetric.json().error.message).toContain("统计指标");
    const del = await admin.del(`/api/target-indicators/${created.id}?version=2`);
    expect(del.statusCode, del.body).toBe(204);
    const list = (await admin.get("/api/target-indicators")).json().items as Indicator[];
    expect(list.some((i) => i.code === "crud_test")).toBe(false);
  });

  it("protects built-in indicators and refuses to delete one in use", async () => {
    const items = (await admin.get("/api/target-indicators?usage=1")).json().items as Indicator[];
    const rd = items.find((i) => i.code === "rd_investment");
    if (!rd) throw new Error("no rd_investment");
    expect(rd.builtin).toBe(true);
    const base = { code: rd.code, name: "研发经费投入", unit: "万元", kind: "manual" };
    const kind = await admin.put(`/api/target-indicators/${rd.id}`, {
      ...base,
      kind: "metric",
      metricId: "contracts.amount",
      version: rd.version,
    });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().error.message).toContain("内置指标的取数方式");
    const ok = await admin.put(`/api/target-indicators/${rd.id}`, {
      ...base,
      sort: 5,
      active: false,
      version: rd.version,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ name: "研发经费投入", sort: 5, active: false });
    const active = (await keyuan.get("/api/target-indicators?active=1")).json()
      .items as Indicator[];
    expect(active.some((i) => i.code === "rd_investment")).toBe(false);
    await admin.put(`/api/target-indicators/${rd.id}`, {
      ...base,
      name: "研发投入",
      sort: 110,
      version: rd.version + 1,
    });
    const builtinDel = await admin.del(`/api/target-indicators/${rd.id}?version=${rd.version + 2}`);
    expect(builtinDel.statusCode).toBe(409);
    expect(builtinDel.json().error.message).toBe("内置指标不能删除，可停用");

    const used = await createIndicator("used_test");
    expect(
      (await enter(jingyan, "used_test", t.demo.neighbour.id, "2025-03-31", 7)).statusCode,
    ).toBe(200);
    const withUsage = (await admin.get("/api/target-indicators?usage=1")).json()
      .items as Indicator[];
    expect(withUsage.find((i) => i.code === "used_test")).toMatchObject({
      valueCount: 1,
      targetCount: 0,
    });
    const inUse = await admin.del(`/api/target-indicators/${used.id}?version=1`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error.message).toBe("该指标已录入 1 条统计数，不能删除；不再使用时请停用");
  });

  it("lets the city enter a county's figure, which the county uses but cannot change", async () => {
    await createIndicator("city_sum");
    const jy = t.demo.neighbour.id;
    const target = await jingyan.post("/api/targets", {
      regionId: jy,
      year: 2025,
      indicatorId: ids.get("city_sum"),
      value: 100,
      setBy: "自定",
    });
    expect(target.statusCode, target.body).toBe(200);
    const before = await progressRow(jingyan, jy, "city_sum", "2025-06-30");
    expect([before.actual, before.reported]).toEqual([0, false]);

    const entered = await enter(city, "city_sum", jy, "2025-06-30", 30);
    expect(entered.statusCode, entered.body).toBe(200);
    const after = await progressRow(jingyan, jy, "city_sum", "2025-06-30");
    expect([after.actual, after.reported]).toEqual([30, true]);

    const v = entered.json() as Value;
    expect((await values(jingyan, "city_sum")).map((x) => [x.id, x.canEdit])).toEqual([
      [v.id, false],
    ]);
    const change = await jingyan.put(`/api/indicator-values/${v.id}`, {
      regionId: jy,
      indicatorId: ids.get("city_sum"),
      asOf: "2025-06-30",
      value: 31,
      version: v.version,
    });
    expect(change.statusCode).toBe(403);
    expect(change.json().error.message).toBe("该统计数由上级录入，只能由录入单位修改");
    expect(
      (await jingyan.del(`/api/indicator-values/${v.id}?version=${v.version}`)).statusCode,
    ).toBe(403);
    // The city also enters its own figure; a viewer enters nothing.
    expect((await enter(city, "city_sum", t.demo.city.id, "2025-06-30", 90)).statusCode).toBe(200);
    expect((await enter(viewer, "city_sum", t.demo.county.id, "2025-06-30", 1)).statusCode).toBe(
      403,
    );
  });

  it("keeps 井研 out of 夹江's figures", async () => {
    await createIndicator("scope_test");
    const jj = await enter(keyuan, "scope_test", t.demo.county.id, "2025-06-30", 4);
    expect(jj.statusCode, jj.body).toBe(200);
    const into = await enter(jingyan, "scope_test", t.demo.county.id, "2025-06-30", 5);
    expect(into.statusCode).toBe(403);
    const v = jj.json() as Value;
    const put = await jingyan.put(`/api/indicator-values/${v.id}`, {
      regionId: t.demo.neighbour.id,
      indicatorId: ids.get("scope_test"),
      asOf: "2025-06-30",
      value: 1,
      version: v.version,
    });
    expect(put.statusCode).toBe(404);
    expect((await jingyan.del(`/api/indicator-values/${v.id}?version=1`)).statusCode).toBe(404);
    expect(await values(jingyan, "scope_test")).toEqual([]);
    expect((await values(keyuan, "scope_test")).map((x) => x.value)).toEqual([4]);
  });

  it("sums 'sum' indicators up the tree and never sums a ratio", async () => {
    await createIndicator("agg_sum");
    await createIndicator("agg_ratio", { unit: "%", aggregation: "none" });
    for (const code of ["agg_sum", "agg_ratio"]) {
      expect((await enter(keyuan, code, t.demo.county.id, "2025-06-30", 3)).statusCode).toBe(200);
      expect((await enter(jingyan, code, t.demo.neighbour.id, "2025-06-30", 5)).statusCode).toBe(
        200,
      );
    }
    // A later county entry after the as-of date does not count.
    expect((await enter(keyuan, "agg_sum", t.demo.county.id, "2025-09-30", 9)).statusCode).toBe(
      200,
    );
    expect(await metric("agg_sum", t.demo.city.id, "2025-06-30")).toBe(8);
    expect(await metric("agg_sum", t.demo.neighbour.id, "2025-06-30")).toBe(5);
    expect(await metric("agg_ratio", t.demo.neighbour.id, "2025-06-30")).toBe(5);
    // The city has no own ratio figure: 0, shown as 未填报 (reported false) in progress.
    expect(await metric("agg_ratio", t.demo.city.id, "2025-06-30")).toBe(0);
    const target = await city.post("/api/targets", {
      regionId: t.demo.city.id,
      year: 2025,
      indicatorId: ids.get("agg_ratio"),
      value: 2.5,
      setBy: "自定",
    });
    expect(target.statusCode, target.body).toBe(200);
    const missing = await progressRow(city, t.demo.city.id, "agg_ratio", "2025-06-30");
    expect([missing.actual, missing.reported]).toEqual([0, false]);
    expect((await enter(city, "agg_ratio", t.demo.city.id, "2025-06-30", 2.1)).statusCode).toBe(
      200,
    );
    expect(await metric("agg_ratio", t.demo.city.id, "2025-06-30")).toBe(2.1);
    const own = await progressRow(city, t.demo.city.id, "agg_ratio", "2025-06-30");
    expect(own).toMatchObject({ actual: 2.1, reported: true, forecastMethod: "current" });
  });

  it("does not let an older own figure hide newer ones below it", async () => {
    await createIndicator("agg_stale");
    const { city: c, county, neighbour } = t.demo;
    expect((await enter(city, "agg_stale", c.id, "2025-03-31", 100)).statusCode).toBe(200);
    expect((await enter(keyuan, "agg_stale", county.id, "2025-06-30", 150)).statusCode).toBe(200);
    expect((await enter(jingyan, "agg_stale", neighbour.id, "2025-06-30", 100)).statusCode).toBe(
      200,
    );
    // At the end of March the city's own figure stands; by June its counties' newer ones do.
    expect(await metric("agg_stale", c.id, "2025-03-31")).toBe(100);
    expect(await metric("agg_stale", c.id, "2025-06-30")).toBe(250);
    // A newer city figure stands for the city again.
    expect((await enter(city, "agg_stale", c.id, "2025-07-31", 260)).statusCode).toBe(200);
    expect(await metric("agg_stale", c.id, "2025-07-31")).toBe(260);
  });

  it("does not let a county add a later figure over one the city entered for it", async () => {
    await createIndicator("from_above");
    const jy = t.demo.neighbour.id;
    expect((await enter(city, "from_above", jy, "2025-06-30", 150)).statusCode).toBe(200);
    const later = await enter(jingyan, "from_above", jy, "2025-07-01", 1);
    expect(later.statusCode).toBe(403);
    expect(later.json().error.message).toBe("该地区本年度的统计数由上级录入，只能由录入单位填报");
    expect(await metric("from_above", jy, "2025-07-31")).toBe(150);
    // The same through an Excel import: a row error, nothing written.
    const csv = Buffer.from("地区,指标,截至日期,数值,备注\r\n井研县,测试from_above,2025-08-31,2,");
    const imported = await jingyan.upload("/api/indicator-values/import", "figures.csv", csv);
    expect(imported.statusCode, imported.body).toBe(422);
    expect(imported.json().error.rows).toMatchObject([
      { row: 2, message: "该地区本年度的统计数由上级录入，只能由录入单位填报" },
    ]);
    expect(await metric("from_above", jy, "2025-08-31")).toBe(150);
  });

  it("imports figures all-or-nothing, idempotently, and exports them back", async () => {
    await createIndicator("imp_test", { name: "导入测试指标" });
    const csv = (rows: string[]) =>
      Buffer.from(["地区,指标,截至日期,数值,备注", ...rows].join("\r\n"));
    const good = ["井研县,导入测试指标,2025-03-31,12,一季度", "井研县,imp_test,2025-06-30,20,"];
    const broken = await jingyan.upload(
      "/api/indicator-values/import?year=2025",
      "v.csv",
      csv([
        ...good,
        "井研县,不存在的指标,2025-06-30,1,",
        "不存在县,imp_test,2025-06-30,1,",
        "夹江县,imp_test,2025-06-30,1,",
        "井研县,imp_test,2025-05-31,很多,",
        "井研县,imp_test,2024-12-31,1,",
      ]),
    );
    expect(broken.statusCode, broken.body).toBe(422);
    const issues = broken.json().error.rows as { row: number; column: string; message: string }[];
    expect(issues.map((i) => [i.row, i.column])).toEqual([
      [4, "指标"],
      [5, "地区"],
      [6, "地区"],
      [7, "数值"],
      [8, "截至日期"],
    ]);
    expect(issues[4]?.message).toBe("不在2025年度内");
    expect(await values(jingyan, "imp_test")).toEqual([]);

    const first = await jingyan.upload(
      "/api/indicator-values/import?year=2025",
      "v.csv",
      csv(good),
    );
    expect(first.json()).toMatchObject({ total: 2, created: 2, updated: 0, unchanged: 0 });
    const again = await jingyan.upload(
      "/api/indicator-values/import?year=2025",
      "v.csv",
      csv(good),
    );
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const changed = await jingyan.upload(
      "/api/indicator-values/import?year=2025",
      "v.csv",
      csv(["井研县,imp_test,2025-06-30,25,修正"]),
    );
    expect(changed.json()).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const stored = await values(jingyan, "imp_test");
    expect(stored.map((v) => [v.asOf, v.value, v.note])).toEqual([
      ["2025-06-30", 25, "修正"],
      ["2025-03-31", 12, "一季度"],
    ]);

    const exported = await jingyan.get(
      `/api/indicator-values/export?year=2025&indicatorId=${ids.get("imp_test")}`,
    );
    expect(exported.statusCode).toBe(200);
    expect(exported.headers["content-type"]).toContain("spreadsheetml");
    const back = await jingyan.upload(
      "/api/indicator-values/import",
      "导出.xlsx",
      exported.rawPayload,
    );
    expect(back.json()).toMatchObject({ total: 2, created: 0, updated: 0, unchanged: 2 });
    const template = await jingyan.get("/api/indicator-values/template");
    expect(template.statusCode).toBe(200);

    // The city's figure for 井研 cannot be overwritten by 井研's import.
    expect((await enter(city, "imp_test", t.demo.neighbour.id, "2025-09-30", 40)).statusCode).toBe(
      200,
    );
    const over = await jingyan.upload(
      "/api/indicator-values/import",
      "v.csv",
      csv(["井研县,imp_test,2025-09-30,41,"]),
    );
    expect(over.statusCode).toBe(422);
    expect(over.json().error.rows[0]).toMatchObject({
      row: 2,
      message: "该统计数由上级录入，不能覆盖",
    });
    expect((await values(jingyan, "imp_test")).find((v) => v.asOf === "2025-09-30")?.value).toBe(
      40,
    );
  });
});
