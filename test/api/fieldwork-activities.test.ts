import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metricScope } from "../../src/core/metrics/metric.ts";
import { parsePeriod } from "../../src/core/metrics/period.ts";
import { composeReport } from "../../src/core/report/composer.ts";
import { runsText } from "../../src/core/report/model.ts";
import { verifyNumberRuns } from "../../src/core/report/verify.ts";
import { activitiesReport } from "../../src/modules/activities/activities.report.ts";
import { buildMetricRegistry } from "../../src/server/registry.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

// The fixture lives in 2024: the demo seed's field work is 2025–2026, so figures below are
// exactly what these tests wrote.
describe.each(engines)("activities on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let jingyan: Client;
  let city: Client;
  const town: Record<string, number> = {};

  async function metrics(c: Client, ids: string[], period: string, regionId: number) {
    const res = await c.get(
      `/api/metrics?ids=${ids.join(",")}&period=${period}&regionId=${regionId}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const values = res.json().values as { id: string; value: number }[];
    return Object.fromEntries(values.map((v) => [v.id, v.value]));
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    [editor, jingyan, city] = await Promise.all([
      t.login("keyuan"),
      t.login("jingyan"),
      t.login("shiju"),
    ]);
    const rows = await t.db
      .selectFrom("regions")
      .select(["id", "name"])
      .where("level", "=", 4)
      .execute();
    for (const r of rows) town[r.name] = r.id;
    const unit = await t.db
      .selectFrom("units")
      .select("id")
      .where("name", "=", "夹江县科学技术协会")
      .executeTakeFirstOrThrow();
    const create = async (c: Client, body: Record<string, unknown>) => {
      const res = await c.post("/api/activities", body);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    await create(editor, {
      title: "科技赶场（马村）",
      type: "科技下乡",
      campaignCode: "spring",
      edition: 29,
      heldOn: "2024-03-05",
      regionId: town.马村镇,
      theme: "科技富农",
      organiserUnitId: unit.id,
      outputs: [
        { kind: "staff", value: 10 },
        { kind: "materials", value: 1234 },
        { kind: "trainees", value: 50 },
      ],
    });
    await create(editor, {
      title: "科技赶场（木城）",
      type: "科技下乡",
      campaignCode: "spring",
      heldOn: "2024-03-08",
      regionId: town.木城镇,
      outputs: [
        { kind: "资料份数", value: 2000 },
        { kind: "trainees", value: 30 },
        { kind: "towns", value: 2 },
      ],
    });
    await create(editor, {
      title: "科技活动周",
      type: "科普宣传",
      campaignCode: "week",
      heldOn: "2024-05-20",
      regionId: t.demo.county.id,
      outputs: [{ kind: "materials", value: 100 }],
    });
    await create(editor, {
      title: "茶叶培训",
      type: "培训",
      heldOn: "2024-06-01",
      regionId: town.界牌镇,
      outputs: [{ kind: "trainees", value: 40 }],
    });
    await create(jingyan, {
      title: "井研科技之春",
      type: "科普宣传",
      campaignCode: "spring",
      heldOn: "2024-03-10",
      regionId: t.demo.neighbour.id,
      outputs: [{ kind: "materials", value: 500 }],
    });
  });
  afterAll(async () => t.close());

  it("totals outputs per kind and per campaign, matching a hand count", async () => {
    const ids = [
      "activities.count",
      "activities.output.materials",
      "activities.output.trainees",
      "activities.campaign.spring.count",
      "activities.campaign.spring.materials",
      "activities.campaign.spring.towns",
      "activities.campaign.week.count",
    ];
    expect(await metrics(editor, ids, "2024", t.demo.county.id)).toEqual({
      "activities.count": 4,
      "activities.output.materials": 3334,
      "activities.output.trainees": 120,
      "activities.campaign.spring.count": 2,
      "activities.campaign.spring.materials": 3234,
      "activities.campaign.spring.towns": 2,
      "activities.campaign.week.count": 1,
    });
    // A town is a subtree: only 马村镇's event.
    const ma = await metrics(editor, ["activities.output.materials"], "2024", town.马村镇 ?? 0);
    expect(ma["activities.output.materials"]).toBe(1234);
    // The city sees both counties.
    const c = await metrics(
      city,
      ["activities.count", "activities.campaign.spring.materials"],
      "2024",
      t.demo.city.id,
    );
    expect(c).toEqual({ "activities.count": 5, "activities.campaign.spring.materials": 3734 });
    const h1 = await metrics(editor, ["activities.count"], "2024M01-03", t.demo.county.id);
    expect(h1["activities.count"]).toBe(2);
  });

  it("serves campaign totals for the totals view", async () => {
    const res = await editor.get(
      `/api/activities/campaign-totals?period=2024&regionId=${t.demo.county.id}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(
      body.rows.map((r: { campaignName: string; count: number }) => [r.campaignName, r.count]),
    ).toEqual([
      ["科技之春", 2],
      ["科技活动周", 1],
      ["日常活动", 1],
    ]);
    expect(body.rows[0].outputs).toEqual({ staff: 10, materials: 3234, trainees: 80, towns: 2 });
    expect(body.rows[0].first).toBe("2024-03-05");
    expect(body.total).toEqual({
      count: 4,
      outputs: { staff: 10, materials: 3334, trainees: 120, towns: 2 },
    });
  });

  it("keeps each county's activities to itself; the city reads both", async () => {
    const mine = (
      await jingyan.get("/api/activities?heldOn_from=2024-01-01&heldOn_to=2024-12-31")
    ).json();
    expect(mine.items.map((a: { title: string }) => a.title)).toEqual(["井研科技之春"]);
    const theirs = (
      await editor.get("/api/activities?heldOn_from=2024-01-01&heldOn_to=2024-12-31")
    ).json();
    expect(theirs.total).toBe(4);
    const target = theirs.items[0];
    expect((await jingyan.get(`/api/activities/${target.id}`)).statusCode).toBe(404);
    const put = await jingyan.put(`/api/activities/${target.id}`, { ...target, title: "改" });
    expect(put.statusCode).toBe(404);
    const into = await jingyan.post("/api/activities", {
      title: "越界",
      type: "培训",
      heldOn: "2024-01-01",
      regionId: t.demo.county.id,
    });
    expect(into.statusCode).toBe(403);
    const cityList = (
      await city.get("/api/activities?heldOn_from=2024-01-01&heldOn_to=2024-12-31")
    ).json();
    expect(cityList.total).toBe(5);
    expect((await city.post("/api/activities", {})).statusCode).toBe(403);
    const spring = (
      await editor.get(
        "/api/activities?campaignCode=spring&heldOn_from=2024-01-01&heldOn_to=2024-12-31",
      )
    ).json();
    expect(spring.total).toBe(2);
    const inTown = (
      await editor.get(`/api/activities?regionId=${town.木城镇}&heldOn_to=2024-12-31`)
    ).json();
    expect(inTown.items.map((a: { title: string }) => a.title)).toEqual(["科技赶场（木城）"]);
  });

  it("names bad fields in Chinese and writes nothing", async () => {
    const res = await editor.post("/api/activities", {
      title: "",
      type: "聚餐",
      heldOn: "2024-13-01",
      regionId: t.demo.county.id,
      outputs: [{ kind: "materials", value: -5 }],
    });
    expect(res.statusCode).toBe(400);
    const labels = (res.json().error.fields as { label: string }[]).map((f) => f.label).sort();
    expect(labels).toEqual(["成效数据", "活动名称", "活动日期", "活动类型"].sort());
    const kind = await editor.post("/api/activities", {
      title: "未知指标",
      type: "培训",
      heldOn: "2024-02-01",
      regionId: t.demo.county.id,
      outputs: [
        { kind: "materials", value: 1 },
        { kind: "不存在的指标", value: 2 },
        { kind: "资料份数", value: 3 },
      ],
    });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().error.message).toBe(
      "成效数据：第2项“不存在的指标”不是已登记的成效指标；成效数据：“资料份数”重复填写",
    );
    const camp = await editor.post("/api/activities", {
      title: "未知活动",
      type: "培训",
      heldOn: "2024-02-01",
      regionId: t.demo.county.id,
      campaignCode: "nope",
    });
    expect(camp.json().error.message).toBe("主题活动：“nope”不是已登记的主题活动");
    const n = await t.db
      .selectFrom("activities")
      .select("id")
      .where("title", "like", "未知%")
      .execute();
    expect(n).toHaveLength(0);
  });

  it("replaces outputs on update, keeps them when omitted, and refuses a stale version", async () => {
    const a = (
      await editor.post("/api/activities", {
        title: "更新测试",
        type: "讲座",
        heldOn: "2023-04-01",
        regionId: t.demo.county.id,
        outputs: [{ kind: "sessions", value: 1 }],
      })
    ).json();
    const { outputs: _o, ...plain } = a;
    const kept = (
      await editor.put(`/api/activities/${a.id}`, { ...plain, place: "会议室" })
    ).json();
    expect(kept.outputs).toEqual([{ kind: "sessions", value: 1 }]);
    const replaced = await editor.put(`/api/activities/${a.id}`, {
      ...kept,
      outputs: [{ kind: "trainees", value: 45 }],
    });
    expect(replaced.json().outputs).toEqual([{ kind: "trainees", value: 45 }]);
    const stale = await editor.put(`/api/activities/${a.id}`, { ...kept, title: "旧版本" });
    expect(stale.statusCode).toBe(409);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("entity", "=", "activity")
      .where("record_id", "=", String(a.id))
      .orderBy("id")
      .execute();
    expect(audit.map((x) => x.action)).toEqual(["create", "update", "update"]);
    expect(audit[2]?.after).toMatchObject({ outputs: [{ kind: "trainees", value: 45 }] });
  });

  it("words the campaign as the seeds do, every figure traced to a metric", async () => {
    const registry = buildMetricRegistry();
    const doc = await composeReport({
      db: t.db,
      registry,
      contributors: [activitiesReport],
      region: t.demo.county,
      period: parsePeriod("2024H1"),
    });
    const texts = doc.blocks.map((b) => (b.type === "paragraph" ? runsText(b.runs) : ""));
    expect(texts).toContain(
      "3月，开展第二十九届“科技之春”科普宣传月活动，以“科技富农”为主题，共组织活动2场次，组织动员科技人员10名，送科技下乡到2个乡镇；培训80人次；发放科技资料3200余份。",
    );
    expect(texts).toContain("5月，开展“科技活动周”活动，共组织活动1场次，发放科技资料100份。");
    expect(
      texts.some((x) =>
        x.startsWith(
          "2024年上半年，全县共开展各类科普宣传、培训等活动4场次，累计发放各类科普资料3300余份、培训120人次",
        ),
      ),
    ).toBe(true);
    const check = await verifyNumberRuns(t.db, doc, registry);
    expect(check.checked).toBeGreaterThan(8);
    expect(check.mismatches).toEqual([]);
    const empty = await activitiesReport.contribute({
      ...(await import("../../src/core/report/contribution.ts")).createReportContext({
        db: t.db,
        registry,
        scope: metricScope(t.demo.county, parsePeriod("2022")),
        period: parsePeriod("2022"),
      }),
    });
    expect(empty).toBeNull();
  });

  it("exports the list with one column per output kind", async () => {
    const res = await editor.get("/api/activities/export?campaignCode=spring&heldOn_to=2024-12-31");
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error("no worksheet");
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain("资料份数（份）");
    expect(header).toContain("牵头单位");
    const col = header.indexOf("资料份数（份）") + 1;
    const values = [2, 3].map((r) => ws.getRow(r).getCell(col).value);
    expect(values.sort()).toEqual([1234, 2000]);
  });
});
