import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metricScope } from "../../src/core/metrics/metric.ts";
import { parsePeriod } from "../../src/core/metrics/period.ts";
import { composeReport } from "../../src/core/report/composer.ts";
import { createReportContext } from "../../src/core/report/contribution.ts";
import { runsText } from "../../src/core/report/model.ts";
import { verifyNumberRuns } from "../../src/core/report/verify.ts";
import { achievementsReport } from "../../src/modules/achievements/achievements.report.ts";
import { buildMetricRegistry } from "../../src/server/registry.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

// 2022 fixture; the demo seed's achievements, awards and honours are 2025–2026.
describe.each(engines)("achievements, standards, awards and honours on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let jingyan: Client;
  let city: Client;
  const ids: Record<string, { id: number; version: number }> = {};

  const achievement = (over: Record<string, unknown>) => ({
    title: "陶瓷抛光废渣制备轻质墙板技术",
    kind: "登记",
    regNo: "9512022Y0001",
    achievedOn: "2022-12-31",
    ownerName: "四川明珠陶瓷有限公司",
    level: "国内领先",
    regionId: t.demo.county.id,
    ...over,
  });
  const award = (over: Record<string, unknown>) => ({
    project: "建筑陶瓷薄板关键技术",
    award: "科学技术进步奖",
    level: "省",
    year: 2022,
    units: "四川明珠陶瓷有限公司、西南交通大学",
    status: "获奖",
    rank: "三等",
    nominatedOn: "2022-03-01",
    resultOn: "2022-12-31",
    regionId: t.demo.county.id,
    ...over,
  });

  async function post(c: Client, path: string, body: Record<string, unknown>) {
    const res = await c.post(path, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: number; version: number };
  }
  async function metrics(c: Client, list: string[], period: string, regionId: number) {
    const res = await c.get(
      `/api/metrics?ids=${list.join(",")}&period=${period}&regionId=${regionId}`,
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
    ids.R1 = await post(editor, "/api/achievements", achievement({}));
    await post(
      editor,
      "/api/achievements",
      achievement({ title: "竹纸工艺评价", kind: "评价", regNo: null, achievedOn: "2023-01-01" }),
    );
    await post(jingyan, "/api/achievements", {
      ...achievement({ regNo: "9512022Y0002", regionId: t.demo.neighbour.id }),
    });
    await post(editor, "/api/standards", {
      title: "夹江手工书画纸",
      stdNo: "DB5111/T 01-2022",
      kind: "地方",
      unitName: "夹江汇丰纸业有限公司",
      role: "主持",
      publishedOn: "2022-06-01",
      regionId: t.demo.county.id,
    });
    ids.W1 = await post(editor, "/api/awards", award({}));
    await post(
      editor,
      "/api/awards",
      award({
        project: "手工纸纸浆制备方法",
        award: "专利奖",
        rank: "优秀奖",
        nominatedOn: "2022-05-01",
        resultOn: "2022-11-20",
      }),
    );
    await post(
      editor,
      "/api/awards",
      award({
        project: "碳纤维拉挤成型",
        level: "市",
        status: "获奖",
        rank: "一等",
        resultOn: "2023-01-01",
      }),
    );
    await post(
      editor,
      "/api/awards",
      award({ project: "茶叶加工", status: "未获奖", rank: null, resultOn: "2022-12-01" }),
    );
    await post(editor, "/api/honours", {
      title: "全国科技进步考核先进县（市）",
      conferredBy: "科学技术部",
      level: "国家",
      conferredOn: "2022-12-20",
      recipient: "夹江县",
      regionId: t.demo.county.id,
    });
  });
  afterAll(async () => t.close());

  it("updates with a version check, names bad fields in Chinese and refuses duplicates", async () => {
    const r = (await editor.get(`/api/achievements/${ids.R1?.id}`)).json();
    expect(r).toMatchObject({ regNo: "9512022Y0001", version: 1, regionName: "夹江县" });
    expect(typeof r.enterpriseId).toBe("number");
    const up = await editor.put(`/api/achievements/${r.id}`, {
      ...achievement({ level: "国际先进" }),
      version: 1,
    });
    expect(up.json()).toMatchObject({ level: "国际先进", version: 2 });
    expect(
      (await editor.put(`/api/achievements/${r.id}`, { ...achievement({}), version: 1 }))
        .statusCode,
    ).toBe(409);
    const bad = await editor.post("/api/awards", award({ project: "", year: 1800, rank: null }));
    expect(bad.statusCode).toBe(400);
    const labels = (bad.json().error.fields as { label: string }[]).map((f) => f.label).sort();
    expect(labels).toEqual(["年度", "等级", "项目名称"].sort());
    const dup = await editor.post("/api/awards", award({}));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe("同一年度、同一奖项的同名项目已存在，不能重复");
    const tmp = await post(editor, "/api/honours", {
      title: "临时荣誉",
      conferredBy: "某单位",
      level: "县",
      conferredOn: "2019-01-01",
      recipient: "本局",
      regionId: t.demo.county.id,
    });
    expect((await editor.del(`/api/honours/${tmp.id}?version=1`)).statusCode).toBe(204);
  });

  it("keeps scopes apart", async () => {
    const mine = (await jingyan.get("/api/achievements?achievedOn_from=2022-01-01")).json();
    expect(mine.items.map((a: { regNo: string }) => a.regNo)).toEqual(["9512022Y0002"]);
    expect((await jingyan.get(`/api/achievements/${ids.R1?.id}`)).statusCode).toBe(404);
    expect(
      (await jingyan.put(`/api/awards/${ids.W1?.id}`, { ...award({}), version: 1 })).statusCode,
    ).toBe(404);
    expect((await jingyan.del(`/api/awards/${ids.W1?.id}?version=1`)).statusCode).toBe(404);
    const all = (
      await city.get("/api/achievements?achievedOn_from=2022-01-01&achievedOn_to=2023-12-31")
    ).json();
    expect(all.total).toBe(3);
    expect((await city.post("/api/achievements", achievement({ regNo: "X" }))).statusCode).toBe(
      403,
    );
  });

  it("counts results, standards, awards won by level, nominations and honours", async () => {
    const list = [
      "achievements.registered",
      "achievements.standards",
      "achievements.awards_won",
      "achievements.awards_won.provincial",
      "achievements.awards_won.city",
      "achievements.awards_nominated",
      "achievements.honours",
    ];
    expect(await metrics(editor, list, "2022", t.demo.county.id)).toEqual({
      "achievements.registered": 1,
      "achievements.standards": 1,
      "achievements.awards_won": 2,
      "achievements.awards_won.provincial": 2,
      "achievements.awards_won.city": 0,
      "achievements.awards_nominated": 4,
      "achievements.honours": 1,
    });
    expect(
      await metrics(
        editor,
        ["achievements.registered", "achievements.awards_won.city"],
        "2023",
        t.demo.county.id,
      ),
    ).toEqual({ "achievements.registered": 1, "achievements.awards_won.city": 1 });
    expect(await metrics(city, ["achievements.registered"], "2022", t.demo.city.id)).toEqual({
      "achievements.registered": 2,
    });
  });

  it("imports the export back unchanged, and refuses a file with a bad row whole", async () => {
    for (const path of ["achievements", "awards", "honours", "standards"]) {
      const exported = await editor.get(`/api/${path}/export`);
      expect(exported.statusCode).toBe(200);
      const total = (await editor.get(`/api/${path}`)).json().total;
      const again = await editor.upload(`/api/${path}/import`, "x.xlsx", exported.rawPayload);
      expect(again.json(), path).toEqual({ total, created: 0, updated: 0, unchanged: total });
    }
    const csv = [
      "荣誉名称,获得者,授予机关,级别,授予日期",
      "科技工作先进县,夹江县,乐山市人民政府,市,2021-03-01",
      "知识产权强县,夹江县,国家知识产权局,国家,2021-13-01",
    ].join("\r\n");
    const bad = await editor.upload("/api/honours/import", "荣誉.csv", Buffer.from(csv));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.rows).toEqual([
      expect.objectContaining({ row: 3, column: "授予日期" }),
    ]);
    expect(await metrics(editor, ["achievements.honours"], "2021", t.demo.county.id)).toEqual({
      "achievements.honours": 0,
    });
  });

  it("states the year's awards and honours in the report voice, or nothing", async () => {
    const registry = buildMetricRegistry();
    const doc = await composeReport({
      db: t.db,
      registry,
      contributors: [achievementsReport],
      region: t.demo.county,
      period: parsePeriod("2022"),
    });
    const texts = doc.blocks.map((b) => (b.type === "paragraph" ? runsText(b.runs) : ""));
    expect(texts).toContain(
      "2022年，全县登记（评价）科技成果1项，主持或参与制定标准1项；推荐申报各级科技奖励4项，获得省级科技奖励2项，其中“手工纸纸浆制备方法”获省专利奖优秀奖，“建筑陶瓷薄板关键技术”获省科学技术进步奖三等奖；夹江县获评“全国科技进步考核先进县（市）”。",
    );
    expect((await verifyNumberRuns(t.db, doc, registry)).mismatches).toEqual([]);
    const period = parsePeriod("2019");
    const ctx = createReportContext({
      db: t.db,
      registry,
      scope: metricScope(t.demo.county, period),
      period,
    });
    expect(await achievementsReport.contribute(ctx)).toBeNull();
  });
});
