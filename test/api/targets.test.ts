import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/core/metrics/period.ts";
import { composeReport } from "../../src/core/report/composer.ts";
import { runsText } from "../../src/core/report/model.ts";
import { verifyNumberRuns } from "../../src/core/report/verify.ts";
import { buildMetricRegistry, reportContributors } from "../../src/server/registry.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

interface Row {
  id: number;
  version: number;
  regionName: string;
  indicatorCode: string;
  target: number;
  actual: number;
  completion: number;
  timeProgress: number;
  forecast: number;
  forecastCompletion: number;
  forecastMethod: string;
  light: string;
  ruleText: string;
  metricId: string | null;
  canEdit: boolean;
}

// 井研县 fixtures in 2024–2025 (the demo seed gives 井研 no data); report checks use the
// demo's 夹江 2026 targets.
describe.each(engines)("targets on %s", (engine) => {
  let t: TestApp;
  let admin: Client;
  let keyuan: Client;
  let jingyan: Client;
  let city: Client;
  let viewer: Client;
  const registry = buildMetricRegistry();
  const ids = new Map<string, number>();

  const progress = async (c: Client, q: string): Promise<Row[]> => {
    const res = await c.get(`/api/targets/progress?${q}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().rows;
  };
  const row = async (c: Client, q: string, code: string) => {
    const found = (await progress(c, q)).find((r) => r.indicatorCode === code);
    if (!found) throw new Error(`no progress row for ${code}`);
    return found;
  };
  const target = async (c: Client, code: string, year: number, value: number, setBy = "自定") => {
    const res = await c.post("/api/targets", {
      regionId: t.demo.neighbour.id,
      year,
      indicatorId: ids.get(code),
      value,
      setBy,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: number; version: number };
  };
  const manual = (code: string, asOf: string, value: number) =>
    jingyan.post("/api/indicator-values", {
      regionId: t.demo.neighbour.id,
      indicatorId: ids.get(code),
      asOf,
      value,
    });
  const contract = (regNo: string, amount: number, registeredOn: string) =>
    jingyan.post("/api/contracts", {
      regNo,
      name: "测试技术合同",
      type: "技术咨询",
      sellerName: "四川农业大学",
      buyerName: "井研县某公司",
      amount,
      turnover: amount,
      registeredOn,
      regionId: t.demo.neighbour.id,
    });

  beforeAll(async () => {
    t = await startTestApp(engine);
    [admin, keyuan, jingyan, city, viewer] = await Promise.all([
      t.login("admin"),
      t.login("keyuan"),
      t.login("jingyan"),
      t.login("shiju"),
      t.login("juzhang"),
    ]);
    const res = await jingyan.get("/api/target-indicators");
    for (const i of res.json().items as { code: string; id: number }[]) ids.set(i.code, i.id);
  });
  afterAll(async () => t.close());

  it("seeds built-in indicators whose metrics all exist", async () => {
    const items = (await jingyan.get("/api/target-indicators")).json().items as {
      code: string;
      kind: string;
      metricId: string | null;
    }[];
    expect(items.length).toBeGreaterThanOrEqual(10);
    for (const i of items.filter((x) => x.kind === "metric")) {
      expect(registry.hasMetric(i.metricId ?? ""), i.code).toBe(true);
    }
    const bad = await admin.post("/api/target-indicators", {
      code: "x_bad",
      name: "错误指标",
      unit: "件",
      kind: "metric",
      metricId: "contracts.amount",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain("计量单位");
    expect((await jingyan.post("/api/target-indicators", {})).statusCode).toBe(403);
  });

  it("takes the actual from the ledger metric and moves it as records are added", async () => {
    await target(jingyan, "contract_amount", 2024, 100);
    const q = `year=2024&asOf=2024-06-30&regionId=${t.demo.neighbour.id}`;
    const before = await row(jingyan, q, "contract_amount");
    expect(before).toMatchObject({
      actual: 0,
      completion: 0,
      light: "滞后",
      metricId: "contracts.amount",
    });
    expect(before.timeProgress).toBeCloseTo(182 / 366, 12);

    expect((await contract("2024511124000701", 500000, "2024-03-01")).statusCode).toBe(200);
    const half = await row(jingyan, q, "contract_amount");
    expect(half.actual).toBe(50);
    expect(half.completion).toBe(0.5);
    expect(half.forecastMethod).toBe("linear");
    expect(half.forecast).toBeCloseTo((50 / 182) * 366, 9);
    expect(half.light).toBe("正常");
    expect(half.ruleText).toContain("截至6月30日完成率50.0%，时间进度49.7%，预计全年完成100.5%");

    expect((await contract("2024511124000702", 500000, "2024-06-30")).statusCode).toBe(200);
    const done = await row(jingyan, q, "contract_amount");
    expect([done.actual, done.light]).toEqual([100, "达标"]);

    const m = await jingyan.get(
      `/api/metrics?ids=contracts.amount,indicator.contract_amount,targets.completion.contract_amount,targets.forecast.contract_amount&from=2024-01-01&to=2024-06-30&regionId=${t.demo.neighbour.id}`,
    );
    expect(m.statusCode, m.body).toBe(200);
    const v = (m.json().values as { value: number }[]).map((x) => x.value);
    expect(v).toEqual([1_000_000, done.actual, done.completion, done.forecast]);
  });

  it("forecasts from last year's seasonality when history exists, linearly otherwise", async () => {
    for (const [asOf, value] of [
      ["2023-06-30", 5],
      ["2023-12-31", 15],
      ["2024-06-30", 6],
      ["2024-03-31", 2],
    ] as const) {
      expect((await manual("hitech_output", asOf, value)).statusCode).toBe(200);
    }
    expect((await manual("rd_investment", "2024-06-30", 40)).statusCode).toBe(200);
    await target(jingyan, "hitech_output", 2024, 20);
    await target(jingyan, "rd_investment", 2024, 80);
    const q = `year=2024&asOf=2024-06-30&regionId=${t.demo.neighbour.id}`;
    const hitech = await row(jingyan, q, "hitech_output");
    // 2023: 15 at year end / 5 at 06-30 = factor 3; 2022 has no figures and is ignored.
    expect(hitech).toMatchObject({
      actual: 6,
      forecast: 18,
      forecastMethod: "seasonal",
      light: "滞后",
    });
    expect(hitech.ruleText).toContain("按2023年同期进度推算");
    const rd = await row(jingyan, q, "rd_investment");
    expect(rd.forecastMethod).toBe("linear");
    expect(rd.forecast).toBeCloseTo((40 / 182) * 366, 9);
    expect(rd.light).toBe("正常");
    // A 1—6月 figure stands at June 30 even when read in September.
    const later = await row(jingyan, "year=2024&asOf=2024-09-30", "rd_investment");
    expect(later.forecast).toBeCloseTo((40 / 182) * 366, 9);
    expect(later.ruleText).toContain("（统计数截至6月30日）");
    // An earlier as-of date takes the latest entry on or before it.
    expect((await row(jingyan, "year=2024&asOf=2024-05-01", "hitech_output")).actual).toBe(2);
    // Manual values are for manual indicators only.
    const wrong = await manual("patent_grants", "2024-06-30", 3);
    expect(wrong.statusCode).toBe(400);
  });

  it("lights exactly 5 points behind time progress 正常, and below it 滞后", async () => {
    const ind = await admin.post("/api/target-indicators", {
      code: "talent_intro",
      name: "引进科技人才",
      unit: "人",
      kind: "manual",
      sort: 200,
    });
    expect(ind.statusCode, ind.body).toBe(200);
    ids.set("talent_intro", ind.json().id);
    await target(jingyan, "talent_intro", 2025, 100);
    // 2025-03-14 is day 73 of 365: time progress 20.0%.
    const value = await manual("talent_intro", "2025-03-14", 15);
    const q = "year=2025&asOf=2025-03-14";
    const at = await row(jingyan, q, "talent_intro");
    expect(at.timeProgress).toBeCloseTo(0.2, 12);
    expect(at.forecast).toBeCloseTo(75, 9);
    expect(at.light).toBe("正常");
    const v = value.json() as { id: number; version: number };
    const put = await jingyan.put(`/api/indicator-values/${v.id}`, {
      regionId: t.demo.neighbour.id,
      indicatorId: ids.get("talent_intro"),
      asOf: "2025-03-14",
      value: 14.9,
      version: v.version,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await row(jingyan, q, "talent_intro")).light).toBe("滞后");
  });

  it("keeps each county to its own targets and lets the city assign 市下达 targets", async () => {
    const jy = await progress(jingyan, "year=2026");
    expect(jy).toEqual([]);
    const jj = await progress(keyuan, "year=2026");
    expect(jj.length).toBeGreaterThan(0);
    expect(new Set(jj.map((r) => r.regionName))).toEqual(new Set(["夹江县"]));

    const assigned = await target(city, "invention_apps", 2026, 30, "市下达");
    const cityRows = await progress(city, "year=2026");
    expect(new Set(cityRows.map((r) => r.regionName))).toEqual(new Set(["夹江县", "井研县"]));
    const onlyJy = await progress(city, `year=2026&regionId=${t.demo.neighbour.id}`);
    expect(onlyJy.map((r) => r.indicatorCode)).toEqual(["invention_apps"]);
    expect(onlyJy[0]?.canEdit).toBe(true);
    const seen = await progress(jingyan, "year=2026");
    expect(seen.map((r) => [r.id, r.canEdit])).toEqual([[assigned.id, false]]);

    const fromAbove = await jingyan.put(`/api/targets/${assigned.id}`, {
      value: 10,
      setBy: "自定",
      version: assigned.version,
    });
    expect(fromAbove.statusCode).toBe(403);
    const jiajiang = jj[0];
    if (!jiajiang) throw new Error("no 夹江 target");
    const other = await jingyan.put(`/api/targets/${jiajiang.id}`, {
      value: 1,
      setBy: "自定",
      version: jiajiang.version,
    });
    expect(other.statusCode).toBe(404);
    const intoOther = await jingyan.post("/api/targets", {
      regionId: t.demo.county.id,
      year: 2026,
      indicatorId: ids.get("patent_apps"),
      value: 5,
      setBy: "自定",
    });
    expect(intoOther.statusCode).toBe(403);
    const readOnly = await viewer.post("/api/targets", {
      regionId: t.demo.county.id,
      year: 2030,
      indicatorId: ids.get("patent_apps"),
      value: 5,
      setBy: "自定",
    });
    expect(readOnly.statusCode).toBe(403);
    expect((await jingyan.get(`/api/targets/${jiajiang.id}`)).statusCode).toBe(404);
  });

  it("refuses a stale update with 409 and names bad fields in Chinese", async () => {
    const created = await target(jingyan, "patent_grants", 2025, 40);
    const body = { value: 41, setBy: "自定", version: created.version };
    expect((await jingyan.put(`/api/targets/${created.id}`, body)).statusCode).toBe(200);
    const stale = await jingyan.put(`/api/targets/${created.id}`, { ...body, value: 42 });
    expect(stale.statusCode).toBe(409);
    const dup = await jingyan.post("/api/targets", {
      regionId: t.demo.neighbour.id,
      year: 2025,
      indicatorId: ids.get("patent_grants"),
      value: 1,
      setBy: "自定",
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe("该地区该年度该指标的目标已存在，不能重复");
    const bad = await jingyan.post("/api/targets", {
      regionId: t.demo.neighbour.id,
      year: 2025,
      indicatorId: ids.get("patent_apps"),
      value: -3,
      setBy: "上级",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain("目标值");
    expect(bad.json().error.message).toContain("下达方式");
  });

  it("imports all-or-nothing and idempotently on region, year and indicator", async () => {
    const csv = (rows: string[]) =>
      Buffer.from(["地区,年度,指标,目标值,下达方式", ...rows].join("\r\n"));
    const good = ["井研县,2027,发明专利申请量,12,市下达", "井研县,2027,专利授权量,60,自定"];
    const broken = await jingyan.upload(
      "/api/targets/import",
      "t.csv",
      csv([...good, "井研县,2027,不存在的指标,5,自定", "夹江县,2027,专利申请量,5,自定"]),
    );
    expect(broken.statusCode).toBe(422);
    const issues = broken.json().error.rows as { row: number; column: string }[];
    expect(issues.map((i) => [i.row, i.column])).toEqual([
      [4, "指标"],
      [5, "地区"],
    ]);
    expect((await jingyan.get("/api/targets?year=2027")).json().items).toEqual([]);
    const first = await jingyan.upload("/api/targets/import", "t.csv", csv(good));
    expect(first.json()).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const again = await jingyan.upload("/api/targets/import", "t.csv", csv(good));
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const exported = await jingyan.get("/api/targets/export?year=2027");
    expect(exported.statusCode).toBe(200);
    expect(exported.headers["content-type"]).toContain("spreadsheetml");
    const back = await jingyan.upload("/api/targets/import", "导出.xlsx", exported.rawPayload);
    expect(back.json()).toMatchObject({ total: 2, created: 0, updated: 0, unchanged: 2 });
  });

  it("writes the 目标任务完成情况 section and next targets, every figure verified", async () => {
    const region = t.demo.county;
    const h1 = await composeReport({
      db: t.db,
      registry,
      contributors: reportContributors.filter((c) => c.id.startsWith("targets.")),
      region,
      period: parsePeriod("2026H1"),
    });
    const text = h1.blocks.map((b) => ("runs" in b ? runsText(b.runs) : "")).join("\n");
    expect(text).toContain(
      "发明专利申请量（市下达）目标18件，实现9件，完成目标任务的50.0%，预计全年可完成",
    );
    expect(text).toContain("力争全年发明专利申请量达到18件");
    // 研发投入 has no figure before September: no sentence, dashes in the table.
    expect(text).not.toContain("研发投入（市下达）目标");

    const table = h1.blocks.find((b) => b.type === "table");
    expect(table?.type === "table" && runsText(table.caption ?? [])).toBe(
      "2026年目标任务完成情况表（截至2026年6月底）",
    );
    expect(table?.type === "table" && table.header[0]?.map((c) => runsText(c.runs))).toEqual([
      "指标",
      "全年目标",
      "完成",
      "完成率",
      "预计全年",
    ]);
    const year = await composeReport({
      db: t.db,
      registry,
      contributors: reportContributors,
      region,
      period: parsePeriod("2026"),
    });
    const yearText = year.blocks.map((b) => ("runs" in b ? runsText(b.runs) : "")).join("\n");
    expect(yearText).toContain(
      "专利授权量（市下达）目标45件，全年实现47件，完成目标任务的104.4%。",
    );
    expect(yearText).toContain("力争2027年发明专利申请量达到22件、专利授权量达到50件");
    for (const doc of [h1, year]) {
      const check = await verifyNumberRuns(t.db, doc, registry);
      expect(check.checked).toBeGreaterThan(10);
      expect(check.mismatches).toEqual([]);
    }
    const none = await composeReport({
      db: t.db,
      registry,
      contributors: reportContributors.filter((c) => c.id.startsWith("targets.")),
      region: t.demo.city,
      period: parsePeriod("2026H1"),
    });
    expect(none.blocks.filter((b) => b.type === "table")).toEqual([]);
  });
});
