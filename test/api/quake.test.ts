import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/core/metrics/period.ts";
import { composeReport } from "../../src/core/report/composer.ts";
import { runsText } from "../../src/core/report/model.ts";
import { verifyNumberRuns } from "../../src/core/report/verify.ts";
import { missingReports } from "../../src/modules/quake/missing.ts";
import { quakeReport } from "../../src/modules/quake/quake.report.ts";
import { buildMetricRegistry } from "../../src/server/registry.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

// 2024 fixture; the demo seed's 防震减灾 records are 2025–2026.
const Y2024 = "startedOn_from=2024-01-01&startedOn_to=2024-12-31";
describe.each(engines)("earthquake prevention on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let jingyan: Client;
  let city: Client;
  const town: Record<string, number> = {};
  const pointIds = { A: 0, B: 0, C: 0, J: 0 };
  // Shelters carry no date: the demo seed's count as a baseline.
  let shelterBase: Record<string, number> = {};

  async function post(c: Client, path: string, body: Record<string, unknown>) {
    const res = await c.post(`/api/quake/${path}`, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: number; version: number };
  }
  const report = (pointId: number, month: string, anomaly?: string) => ({
    pointId,
    month,
    zeroReport: !anomaly,
    anomaly: anomaly ?? null,
    reportedOn: `${month}-28`,
  });

  async function metrics(c: Client, ids: string[], period: string, regionId: number) {
    const res = await c.get(
      `/api/metrics?ids=${ids.join(",")}&period=${period}&regionId=${regionId}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    return Object.fromEntries(
      (res.json().values as { id: string; value: number }[]).map((v) => [v.id, v.value]),
    );
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    [editor, jingyan, city] = await Promise.all([
      t.login("keyuan"),
      t.login("jingyan"),
      t.login("shiju"),
    ]);
    for (const r of await t.db.selectFrom("regions").select(["id", "name"]).execute())
      town[r.name] = r.id;
    const point = (name: string, regionId: number | undefined, startedOn: string) => ({
      name,
      regionId,
      observer: "张三",
      phone: "13800000000",
      type: "动物",
      startedOn,
    });
    shelterBase = await metrics(
      editor,
      ["quake.shelters", "quake.shelter_capacity"],
      "2024",
      t.demo.county.id,
    );
    pointIds.A = (
      await post(editor, "points", point("黄土镇观测点", town.黄土镇, "2024-01-10"))
    ).id;
    pointIds.B = (
      await post(editor, "points", point("甘江镇观测点", town.甘江镇, "2024-04-15"))
    ).id;
    pointIds.C = (
      await post(editor, "points", {
        ...point("界牌镇观测点", town.界牌镇, "2024-01-01"),
        active: false,
      })
    ).id;
    pointIds.J = (
      await post(jingyan, "points", point("马踏镇观测点", town.马踏镇, "2024-01-01"))
    ).id;
    for (const m of ["01", "02", "05", "06"])
      await post(editor, "reports", report(pointIds.A, `2024-${m}`));
    await post(editor, "reports", report(pointIds.A, "2024-03", "井水浑浊"));
    await post(editor, "reports", report(pointIds.B, "2024-04"));
    await post(editor, "reports", report(pointIds.B, "2024-06", "鸡犬不宁"));
    for (const m of ["01", "03", "04", "05", "06"])
      await post(jingyan, "reports", report(pointIds.J, `2024-${m}`));

    const approval = (approvedOn: string, result: string) => ({
      projectName: `安置房工程${approvedOn}`,
      applicant: "夹江县城投公司",
      approvedOn,
      result,
      fortificationLevel: "7度（0.15g）标准设防类",
      regionId: t.demo.county.id,
    });
    await post(editor, "approvals", approval("2024-02-01", "同意"));
    await post(editor, "approvals", approval("2024-06-30", "不同意"));
    await post(editor, "approvals", approval("2024-07-01", "补正"));
    await post(jingyan, "approvals", {
      ...approval("2024-03-01", "同意"),
      regionId: t.demo.neighbour.id,
    });
    const drill = (heldOn: string, participants: number) => ({
      heldOn,
      place: "漹城小学",
      organiser: "夹江县教育局",
      participants,
      regionId: town.漹城街道,
    });
    await post(editor, "drills", drill("2024-05-12", 300));
    await post(editor, "drills", drill("2024-11-09", 500));
    for (const [name, capacity] of [
      ["千佛广场", 1000],
      ["东风堰公园", 2500],
    ] as const)
      await post(editor, "shelters", {
        name,
        capacity,
        area: capacity * 2.5,
        regionId: town.漹城街道,
      });
    for (const [site, installedOn, status] of [
      ["县政府", "2024-03-01", "正常"],
      ["黄土镇中学", "2024-05-01", "故障"],
      ["甘江镇卫生院", "2024-02-01", "拆除"],
      ["界牌镇中心校", "2025-01-01", "正常"],
    ])
      await post(editor, "terminals", { site, installedOn, status, regionId: t.demo.county.id });
  });
  afterAll(async () => t.close());

  it("lists 缺报 point-months from each point's start month; a 零报告 counts as filed", async () => {
    const res = await editor.get("/api/quake/missing?from=2024-01&to=2024-06");
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { pointName: string; month: string }[];
    expect(items.map((i) => `${i.pointName} ${i.month}`)).toEqual([
      "黄土镇观测点 2024-04",
      "甘江镇观测点 2024-05",
    ]);
    const jy = (await jingyan.get("/api/quake/missing?from=2024-01&to=2024-06")).json();
    expect(jy.items.map((i: { month: string }) => i.month)).toEqual(["2024-02"]);
    const all = (await city.get("/api/quake/missing?from=2024-01&to=2024-06")).json();
    expect(all.items).toHaveLength(3);
    // In May 2024 the May report is not yet late.
    const inMay = await missingReports(t.db, t.demo.county.path, "2024-01", "2024-06", "2024-05");
    expect(inMay.map((i) => `${i.pointName} ${i.month}`)).toEqual(["黄土镇观测点 2024-04"]);
    const bad = await editor.get("/api/quake/missing?from=2024-06&to=2024-01");
    expect(bad.statusCode).toBe(400);
  });

  it("computes the metrics against the hand-counted fixture", async () => {
    const ids = [
      "quake.approvals",
      "quake.points",
      "quake.reports",
      "quake.zero_reports",
      "quake.missing_reports",
      "quake.drills",
      "quake.drill_participants",
    ];
    expect(await metrics(editor, ids, "2024H1", t.demo.county.id)).toEqual({
      "quake.approvals": 2,
      "quake.points": 2,
      "quake.reports": 7,
      "quake.zero_reports": 5,
      "quake.missing_reports": 2,
      "quake.drills": 1,
      "quake.drill_participants": 300,
    });
    expect(
      await metrics(
        editor,
        [
          "quake.approvals",
          "quake.drill_participants",
          "quake.missing_reports",
          "quake.terminals",
          "quake.shelters",
          "quake.shelter_capacity",
        ],
        "2024",
        t.demo.county.id,
      ),
    ).toEqual({
      "quake.approvals": 3,
      "quake.drill_participants": 800,
      // A: 04, 07–12; B: 05, 07–12.
      "quake.missing_reports": 14,
      "quake.terminals": 2,
      "quake.shelters": (shelterBase["quake.shelters"] ?? 0) + 2,
      "quake.shelter_capacity": (shelterBase["quake.shelter_capacity"] ?? 0) + 3500,
    });
    expect(
      await metrics(
        city,
        ["quake.points", "quake.reports", "quake.missing_reports", "quake.approvals"],
        "2024H1",
        t.demo.city.id,
      ),
    ).toEqual({
      "quake.points": 3,
      "quake.reports": 12,
      "quake.missing_reports": 3,
      "quake.approvals": 3,
    });
  });

  it("refuses a second report for the same point and month with 409", async () => {
    const dup = await editor.post("/api/quake/reports", report(pointIds.A, "2024-01"));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe("该观测点当月的月报已存在，不能重复");
  });

  it("keeps scopes apart: 井研 never sees 夹江, the city sees both but cannot write", async () => {
    const mine = (await jingyan.get(`/api/quake/points?${Y2024}`)).json();
    expect(mine.items.map((p: { name: string }) => p.name)).toEqual(["马踏镇观测点"]);
    expect((await jingyan.get(`/api/quake/points/${pointIds.A}`)).statusCode).toBe(404);
    expect((await jingyan.del(`/api/quake/points/${pointIds.A}?version=1`)).statusCode).toBe(404);
    const sneaky = await jingyan.post("/api/quake/reports", report(pointIds.A, "2024-04"));
    expect(sneaky.statusCode).toBe(404);
    const intoJiajiang = await jingyan.post("/api/quake/drills", {
      heldOn: "2024-05-12",
      place: "夹江",
      organiser: "井研",
      participants: 1,
      regionId: t.demo.county.id,
    });
    expect(intoJiajiang.statusCode).toBe(403);
    expect((await city.get(`/api/quake/points?${Y2024}`)).json().total).toBe(4);
    expect(
      (
        await city.get("/api/quake/approvals?approvedOn_from=2024-01-01&approvedOn_to=2024-12-31")
      ).json().total,
    ).toBe(4);
    const cityWrite = await city.post("/api/quake/reports", report(pointIds.A, "2024-04"));
    expect(cityWrite.statusCode).toBe(403);
    expect(
      (await editor.get("/api/quake/missing?from=2024-04&to=2024-04")).json().items,
    ).toHaveLength(1);
  });

  it("names the fields in Chinese when input is bad", async () => {
    const res = await editor.post("/api/quake/approvals", {
      projectName: "",
      applicant: "某公司",
      approvedOn: "2024-02-30",
      result: "批准",
      regionId: t.demo.county.id,
    });
    expect(res.statusCode).toBe(400);
    const labels = (res.json().error.fields as { label: string }[]).map((f) => f.label).sort();
    expect(labels).toEqual(["审批日期", "审批结果", "工程名称"].sort());
    const noAnomaly = await editor.post("/api/quake/reports", {
      ...report(pointIds.A, "2024-07"),
      zeroReport: false,
    });
    expect(noAnomaly.json().error.message).toBe("异常情况：非零报告须填写异常情况");
    const badMonth = await editor.post("/api/quake/reports", report(pointIds.A, "2024-13"));
    expect(badMonth.statusCode).toBe(400);
    expect(badMonth.json().error.fields[0].label).toBe("月份");
  });

  it("edits with a version check and states the half year in the report voice", async () => {
    const row = (await editor.get(`/api/quake/points/${pointIds.C}`)).json();
    const upd = await editor.put(`/api/quake/points/${pointIds.C}`, {
      ...row,
      phone: "0833-5650000",
    });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json().version).toBe(2);
    const stale = await editor.put(`/api/quake/points/${pointIds.C}`, row);
    expect(stale.statusCode).toBe(409);

    const registry = buildMetricRegistry();
    const doc = await composeReport({
      db: t.db,
      registry,
      contributors: [quakeReport],
      region: t.demo.county,
      period: parsePeriod("2024H1"),
    });
    const texts = doc.blocks.map((b) => (b.type === "paragraph" ? runsText(b.runs) : ""));
    expect(texts.join("\n")).toContain(
      "，完成基建工程抗震设防审批2宗；全县2个宏观观测点坚持月报制度，报送观测月报7份；组织防震减灾应急演练1次，参与300人次。",
    );
    expect((await verifyNumberRuns(t.db, doc, registry)).mismatches).toEqual([]);
    const empty = await composeReport({
      db: t.db,
      registry,
      contributors: [quakeReport],
      region: t.demo.county,
      period: parsePeriod("2023"),
    });
    expect(JSON.stringify(empty.blocks)).not.toContain("抗震");
  });

  it("seeds the demo county with 14 points, two 缺报 months and 74 approvals in 2025", async () => {
    expect(
      await metrics(
        editor,
        ["quake.points", "quake.approvals", "quake.drills", "quake.terminals"],
        "2025",
        t.demo.county.id,
      ),
    ).toEqual({
      // 14 demo points and the fixture's two active ones.
      "quake.points": 16,
      "quake.approvals": 74,
      "quake.drills": 2,
      // Five demo terminals installed in 2025 and three of the fixture's (one removed).
      "quake.terminals": 8,
    });
    const gaps = (await editor.get("/api/quake/missing?from=2025-01&to=2026-10")).json();
    const demo = (gaps.items as { pointName: string; month: string }[]).filter((i) =>
      i.pointName.endsWith("宏观观测点"),
    );
    expect(demo.map((i) => i.month)).toEqual(["2025-08", "2026-03"]);
  });
});
