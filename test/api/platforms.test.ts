import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metricScope } from "../../src/core/metrics/metric.ts";
import { parsePeriod } from "../../src/core/metrics/period.ts";
import { composeReport } from "../../src/core/report/composer.ts";
import { createReportContext } from "../../src/core/report/contribution.ts";
import { runsText } from "../../src/core/report/model.ts";
import { verifyNumberRuns } from "../../src/core/report/verify.ts";
import { platformsReport } from "../../src/modules/platforms/platforms.report.ts";
import { buildMetricRegistry } from "../../src/server/registry.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

// 2022 fixture: the demo seed's platforms start in 2023 and its agreements in 2025.
describe.each(engines)("platforms and cooperation on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let jingyan: Client;
  let city: Client;
  const ids: Record<string, { id: number; version: number }> = {};

  const platform = (over: Record<string, unknown>) => ({
    name: "四川省夹江陶瓷工程技术研究中心",
    kind: "工程技术研究中心",
    level: "省",
    operatorName: "四川明珠陶瓷有限公司",
    recognisedOn: "2022-12-31",
    docNo: "川科函〔2022〕88号",
    status: "运行中",
    area: 1200.5,
    researchers: 30,
    regionId: t.demo.county.id,
    ...over,
  });
  const agreement = (over: Record<string, unknown>) => ({
    title: "县校合作框架协议",
    kind: "县校合作",
    ourParty: "夹江县人民政府",
    partner: "四川大学",
    signedOn: "2022-04-01",
    amount: 100000,
    status: "履行中",
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
    ids.P1 = await post(editor, "/api/platforms", platform({}));
    ids.P2 = await post(
      editor,
      "/api/platforms",
      platform({ name: "乐山市竹编工程技术研究中心", level: "市", recognisedOn: "2023-01-01" }),
    );
    ids.P3 = await post(
      editor,
      "/api/platforms",
      platform({
        name: "千佛众创空间",
        kind: "众创空间",
        recognisedOn: "2022-03-01",
        status: "撤销",
        revokedOn: "2022-10-01",
      }),
    );
    ids.P4 = await post(
      editor,
      "/api/platforms",
      platform({
        name: "夹江县科技企业孵化器",
        kind: "孵化器",
        level: "县",
        recognisedOn: "2021-05-01",
        status: "摘牌",
        revokedOn: "2023-03-01",
        incubated: 12,
      }),
    );
    ids.P5 = await post(
      editor,
      "/api/platforms",
      platform({
        name: "夹江茶叶星创天地",
        kind: "星创天地",
        level: "市",
        recognisedOn: "2022-06-30",
        status: "整改",
      }),
    );
    ids.J1 = await post(
      jingyan,
      "/api/platforms",
      platform({
        name: "井研县柑橘星创天地",
        kind: "星创天地",
        recognisedOn: "2022-05-01",
        regionId: t.demo.neighbour.id,
      }),
    );
    ids.A1 = await post(editor, "/api/cooperation", agreement({}));
    ids.A2 = await post(
      editor,
      "/api/cooperation",
      agreement({
        title: "陶瓷校企合作协议",
        kind: "校企合作",
        ourParty: "四川明珠陶瓷有限公司",
        partner: "西南交通大学",
        signedOn: "2022-12-31",
        amount: null,
      }),
    );
    ids.A3 = await post(
      editor,
      "/api/cooperation",
      agreement({
        title: "茶叶产学研协议",
        partner: "四川农业大学",
        signedOn: "2023-01-01",
        amount: 50000,
      }),
    );
  });
  afterAll(async () => t.close());

  it("creates, reads, updates with a version check and deletes a platform", async () => {
    const got = await editor.get(`/api/platforms/${ids.P1?.id}`);
    expect(got.statusCode).toBe(200);
    const p = got.json();
    expect(p).toMatchObject({
      name: "四川省夹江陶瓷工程技术研究中心",
      area: 1200.5,
      version: 1,
      regionName: "夹江县",
    });
    // The operator is matched to the demo enterprise registry by name.
    expect(typeof p.enterpriseId).toBe("number");
    const up = await editor.put(`/api/platforms/${p.id}`, {
      ...platform({}),
      researchers: 35,
      version: 1,
    });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ researchers: 35, version: 2 });
    const stale = await editor.put(`/api/platforms/${p.id}`, { ...platform({}), version: 1 });
    expect(stale.statusCode).toBe(409);
    const check = await post(editor, "/api/platform-checks", {
      platformId: p.id,
      year: 2022,
      result: "良好",
    });
    const checks = (await editor.get("/api/platform-checks?result=良好")).json();
    expect(checks.items).toContainEqual(
      expect.objectContaining({
        id: check.id,
        platformName: "四川省夹江陶瓷工程技术研究中心",
        regionName: "夹江县",
      }),
    );
    const tmp = await post(
      editor,
      "/api/platforms",
      platform({ name: "临时平台", recognisedOn: "2019-01-01" }),
    );
    expect((await editor.del(`/api/platforms/${tmp.id}?version=1`)).statusCode).toBe(204);
    expect((await editor.get(`/api/platforms/${tmp.id}`)).statusCode).toBe(404);
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity", "=", "platform")
      .where("record_id", "=", String(tmp.id))
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["create", "delete"]);
  });

  it("rejects bad input naming the fields in Chinese, and a duplicate name with 409", async () => {
    const res = await editor.post(
      "/api/platforms",
      platform({ name: "", kind: "研究所", recognisedOn: "2022-02-30" }),
    );
    expect(res.statusCode).toBe(400);
    const labels = (res.json().error.fields as { label: string }[]).map((f) => f.label).sort();
    expect(labels).toEqual(["平台名称", "平台类型", "认定日期"].sort());
    const revoked = await editor.post(
      "/api/platforms",
      platform({ name: "某平台", revokedOn: "2022-12-31" }),
    );
    expect(revoked.json().error.message).toBe("撤销（摘牌）日期：仅撤销或摘牌时填写");
    const dup = await editor.post("/api/platforms", platform({}));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe("该地区同名的创新平台已存在，不能重复");
  });

  it("keeps scopes apart: 井研 cannot see or touch 夹江, the city reads both but cannot write", async () => {
    const mine = (await jingyan.get("/api/platforms?pageSize=100")).json();
    expect(mine.items.map((p: { name: string }) => p.name)).toEqual(["井研县柑橘星创天地"]);
    expect((await jingyan.get(`/api/platforms/${ids.P1?.id}`)).statusCode).toBe(404);
    expect(
      (
        await jingyan.put(`/api/platforms/${ids.P5?.id}`, {
          ...platform({ regionId: t.demo.neighbour.id }),
          version: 1,
        })
      ).statusCode,
    ).toBe(404);
    expect((await jingyan.del(`/api/cooperation/${ids.A1?.id}?version=1`)).statusCode).toBe(404);
    expect((await jingyan.post("/api/platforms", platform({ name: "越界平台" }))).statusCode).toBe(
      403,
    );
    const all = (
      await city.get("/api/platforms?recognisedOn_from=2021-01-01&recognisedOn_to=2023-01-01")
    ).json();
    expect(all.total).toBe(6);
    expect((await city.post("/api/platforms", platform({ name: "市级新增" }))).statusCode).toBe(
      403,
    );
    expect((await city.del(`/api/platforms/${ids.P2?.id}?version=1`)).statusCode).toBe(403);
  });

  it("counts recognitions to the last day of the period, and the stock net of revocations", async () => {
    const list = [
      "platforms.recognised",
      "platforms.recognised.national",
      "platforms.recognised.provincial",
      "platforms.recognised.city",
      "platforms.stock",
      "cooperation.signed",
      "cooperation.amount",
    ];
    expect(await metrics(editor, list, "2022", t.demo.county.id)).toEqual({
      "platforms.recognised": 3,
      "platforms.recognised.national": 0,
      "platforms.recognised.provincial": 2,
      "platforms.recognised.city": 1,
      "platforms.stock": 3,
      "cooperation.signed": 2,
      "cooperation.amount": 100000,
    });
    // At 2022-06-30 the 众创空间 is not yet revoked and the 孵化器 still operates.
    expect(
      await metrics(
        editor,
        ["platforms.recognised", "platforms.stock"],
        "2022H1",
        t.demo.county.id,
      ),
    ).toEqual({
      "platforms.recognised": 2,
      "platforms.stock": 3,
    });
    // 2023 adds P2 (2023-01-01) and the demo 科普教育基地 (2023-05-20); the 孵化器 left 2023-03-01.
    expect(
      await metrics(
        editor,
        ["platforms.recognised.city", "platforms.stock", "cooperation.signed"],
        "2023",
        t.demo.county.id,
      ),
    ).toEqual({
      "platforms.recognised.city": 2,
      "platforms.stock": 4,
      "cooperation.signed": 1,
    });
    expect(await metrics(city, ["platforms.recognised"], "2022", t.demo.city.id)).toEqual({
      "platforms.recognised": 4,
    });
  });

  it("imports the export back unchanged, and refuses a file with a bad row whole", async () => {
    const q = "recognisedOn_from=2021-01-01&recognisedOn_to=2023-12-31";
    const exported = await editor.get(`/api/platforms/export?${q}`);
    expect(exported.statusCode).toBe(200);
    const before = (await editor.get(`/api/platforms?${q}`)).json().total;
    const again = await editor.upload("/api/platforms/import", "平台.xlsx", exported.rawPayload);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ total: before, created: 0, updated: 0, unchanged: before });
    const csv = [
      "平台名称,平台类型,级别,认定日期,运行状态",
      "新认定孵化器,孵化器,省,2021-02-01,运行中",
      "坏平台,孵化器,乡,2021-02-01,运行中",
    ].join("\r\n");
    const bad = await editor.upload("/api/platforms/import", "平台.csv", Buffer.from(csv));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.rows).toEqual([expect.objectContaining({ row: 3, column: "级别" })]);
    expect((await editor.get(`/api/platforms?${q}`)).json().total).toBe(before);
    const good = await editor.upload(
      "/api/platforms/import",
      "平台.csv",
      Buffer.from(csv.split("\r\n").slice(0, 2).join("\r\n")),
    );
    expect(good.json()).toEqual({ total: 1, created: 1, updated: 0, unchanged: 0 });
    const agreements = await editor.get(
      "/api/cooperation/export?signedOn_from=2022-01-01&signedOn_to=2023-12-31",
    );
    const back = await editor.upload("/api/cooperation/import", "合作.xlsx", agreements.rawPayload);
    expect(back.json()).toEqual({ total: 3, created: 0, updated: 0, unchanged: 3 });
  });

  it("states the year's platforms and agreements in the report voice, or nothing", async () => {
    // The stock now includes the 孵化器 imported (recognised 2021) by the previous test.
    const registry = buildMetricRegistry();
    const doc = await composeReport({
      db: t.db,
      registry,
      contributors: [platformsReport],
      region: t.demo.county,
      period: parsePeriod("2022"),
    });
    const texts = doc.blocks.map((b) => (b.type === "paragraph" ? runsText(b.runs) : ""));
    expect(texts).toContain(
      "2022年，新认定省级科技创新平台2个（千佛众创空间、四川省夹江陶瓷工程技术研究中心）、市级科技创新平台1个（夹江茶叶星创天地），全县运行的各级科技创新平台达4个；与四川大学、西南交通大学等高校院所签订合作协议2项，协议金额10万元。",
    );
    expect((await verifyNumberRuns(t.db, doc, registry)).mismatches).toEqual([]);
    const period = parsePeriod("2019");
    const ctx = createReportContext({
      db: t.db,
      registry,
      scope: metricScope(t.demo.county, period),
      period,
    });
    expect(await platformsReport.contribute(ctx)).toBeNull();
  });
});
