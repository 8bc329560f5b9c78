import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/core/metrics/period.ts";
import { composeReport } from "../../src/core/report/composer.ts";
import { runsText } from "../../src/core/report/model.ts";
import { verifyNumberRuns } from "../../src/core/report/verify.ts";
import { ipWorkReport } from "../../src/modules/ip-work/ip-work.report.ts";
import { buildMetricRegistry } from "../../src/server/registry.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

// 2023–2024 fixture; the demo seed's IP work is 2025–2026.
describe.each(engines)("IP enforcement and disputes on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let jingyan: Client;
  let city: Client;

  const action = (heldOn: string, n: number[], over: Record<string, unknown> = {}) => ({
    heldOn,
    name: `执法检查${heldOn}`,
    campaign: "双打",
    place: "漹城镇",
    partners: "县市场监督管理局",
    officers: n[0],
    inspections: n[1],
    shops: n[2],
    goods: n[3],
    casesFiled: n[4],
    casesClosed: n[5],
    regionId: t.demo.county.id,
    ...over,
  });
  const dispute = (caseNo: string, over: Record<string, unknown>) => ({
    caseNo,
    type: "专利侵权纠纷",
    parties: "甲公司诉乙商行",
    regionId: t.demo.county.id,
    ...over,
  });

  async function metrics(c: Client, period: string, regionId: number) {
    const res = await c.get(
      `/api/metrics?ids=${IDS.join(",")}&period=${period}&regionId=${regionId}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    return Object.fromEntries(
      (res.json().values as { id: string; value: number }[]).map((v) => [
        v.id.replace("ipwork.", ""),
        v.value,
      ]),
    );
  }

  async function sentence(period: string): Promise<string> {
    const registry = buildMetricRegistry();
    const doc = await composeReport({
      db: t.db,
      registry,
      contributors: [ipWorkReport],
      region: t.demo.county,
      period: parsePeriod(period),
    });
    expect((await verifyNumberRuns(t.db, doc, registry)).mismatches).toEqual([]);
    return doc.blocks.map((b) => (b.type === "paragraph" ? runsText(b.runs) : "")).join("");
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    [editor, jingyan, city] = await Promise.all([
      t.login("keyuan"),
      t.login("jingyan"),
      t.login("shiju"),
    ]);
    const posts: [Client, string, unknown][] = [
      [editor, "/api/ip/enforcement", action("2024-03-10", [8, 1, 20, 500, 1, 0])],
      [editor, "/api/ip/enforcement", action("2024-05-20", [10, 2, 30, 1000, 2, 1])],
      [editor, "/api/ip/enforcement", action("2024-08-01", [5, 1, 10, 300, 0, 2])],
      [
        jingyan,
        "/api/ip/enforcement",
        action("2024-04-01", [3, 1, 5, 50, 1, 1], { regionId: t.demo.neighbour.id }),
      ],
      [
        editor,
        "/api/ip/disputes",
        dispute("夹知纠〔2023〕1号", {
          receivedOn: "2023-11-01",
          status: "结案",
          closedOn: "2024-02-01",
          outcome: "调解成功",
        }),
      ],
      [
        editor,
        "/api/ip/disputes",
        dispute("夹知纠〔2024〕1号", {
          receivedOn: "2024-04-10",
          status: "结案",
          closedOn: "2024-05-01",
          outcome: "撤诉",
        }),
      ],
      [
        editor,
        "/api/ip/disputes",
        dispute("夹知纠〔2024〕2号", { receivedOn: "2024-04-01", status: "调解中" }),
      ],
      [
        editor,
        "/api/ip/disputes",
        dispute("夹知纠〔2024〕3号", { receivedOn: "2024-09-01", status: "受理" }),
      ],
      // The same number in another county is a different case.
      [
        jingyan,
        "/api/ip/disputes",
        dispute("夹知纠〔2024〕1号", {
          receivedOn: "2024-03-01",
          status: "受理",
          regionId: t.demo.neighbour.id,
        }),
      ],
    ];
    for (const [c, url, body] of posts) {
      const res = await c.post(url, body);
      expect(res.statusCode, res.body).toBe(200);
    }
  });
  afterAll(async () => t.close());

  it("sums enforcement figures and counts disputes received and closed in the period", async () => {
    expect(await metrics(editor, "2024H1", t.demo.county.id)).toEqual({
      "enforcement.actions": 2,
      "enforcement.officers": 18,
      "enforcement.inspections": 3,
      "enforcement.shops": 50,
      "enforcement.goods": 1500,
      "enforcement.filed": 3,
      "enforcement.closed": 1,
      "disputes.received": 2,
      "disputes.closed": 2,
      "disputes.close_rate": 1,
    });
    const year = await metrics(editor, "2024", t.demo.county.id);
    expect(year).toMatchObject({
      "enforcement.actions": 3,
      "enforcement.officers": 23,
      "enforcement.goods": 1800,
      "enforcement.closed": 3,
      "disputes.received": 3,
      "disputes.closed": 2,
    });
    expect(year["disputes.close_rate"]).toBeCloseTo(2 / 3, 10);
    const cityYear = await metrics(city, "2024", t.demo.city.id);
    expect(cityYear).toMatchObject({
      "enforcement.actions": 4,
      "enforcement.officers": 26,
      "disputes.received": 4,
      "disputes.closed": 2,
    });
    expect(cityYear["disputes.close_rate"]).toBe(0.5);
  });

  it("gives a close rate of 0 when nothing was received, and leaves the rate out of the report", async () => {
    const q1 = await metrics(editor, "2024Q1", t.demo.county.id);
    expect(q1).toMatchObject({
      "disputes.received": 0,
      "disputes.closed": 1,
      "disputes.close_rate": 0,
    });
    const text = await sentence("2024Q1");
    expect(text).toContain(
      "开展知识产权执法检查1次，出动执法人员8人次，检查商铺20家、商品500件，立案1件；专利纠纷案件结案1件。",
    );
    expect(text).not.toContain("结案率");
    expect(await sentence("2024M06")).not.toContain("执法");
  });

  it("states the half year in the report voice", async () => {
    expect(await sentence("2024H1")).toContain(
      "今年上半年，开展知识产权执法检查3次，出动执法人员18人次，检查商铺50家、商品1500件，立案3件，结案1件；受理专利纠纷案件2件，结案2件，结案率100.0%。",
    );
  });

  it("keeps scopes apart: 井研 never sees or writes 夹江 records; the city sees both, writes none", async () => {
    for (const url of ["/api/ip/enforcement", "/api/ip/disputes"]) {
      const mine = (await jingyan.get(`${url}?pageSize=100`)).json();
      expect(mine.total).toBe(1);
      expect(mine.items[0].regionId).toBe(t.demo.neighbour.id);
      const ours = (await editor.get(`${url}?pageSize=100`)).json();
      const all = (await city.get(`${url}?pageSize=100`)).json();
      expect(all.total).toBe(ours.total + 1);
      const theirs = ours.items[0];
      expect((await jingyan.get(`${url}/${theirs.id}`)).statusCode).toBe(404);
      expect((await jingyan.del(`${url}/${theirs.id}?version=${theirs.version}`)).statusCode).toBe(
        404,
      );
      expect((await city.get(`${url}/${theirs.id}`)).statusCode).toBe(200);
      expect((await city.del(`${url}/${theirs.id}?version=${theirs.version}`)).statusCode).toBe(
        403,
      );
    }
    const intrude = await jingyan.post(
      "/api/ip/enforcement",
      action("2024-06-01", [1, 1, 1, 1, 0, 0]),
    );
    expect(intrude.statusCode).toBe(403);
    const cityWrite = await city.post(
      "/api/ip/enforcement",
      action("2024-06-01", [1, 1, 1, 1, 0, 0], { regionId: t.demo.city.id }),
    );
    expect(cityWrite.statusCode).toBe(403);
    expect(
      (await jingyan.get(`/api/metrics?ids=ipwork.disputes.received&regionId=${t.demo.county.id}`))
        .statusCode,
    ).toBe(403);
  });

  it("names fields in Chinese for bad figures and refuses a duplicate case number with 409", async () => {
    const bad = await editor.post(
      "/api/ip/enforcement",
      action("2024-02-30", [-1, 1.5, -3, 0, 0, 0], { name: "" }),
    );
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.fields as { label: string; message: string }[];
    expect(fields.map((f) => `${f.label}：${f.message}`).sort()).toEqual(
      [
        "出动执法人员（人次）：不能为负数",
        "检查次数：应为整数",
        "检查商铺（家）：不能为负数",
        "日期：不是有效的日期",
        "行动名称：必填",
      ].sort(),
    );
    // 结案 larger than 立案 is fine: cases filed earlier close in later actions.
    const later = await editor.post(
      "/api/ip/enforcement",
      action("2023-12-01", [2, 1, 0, 0, 0, 4]),
    );
    expect(later.statusCode, later.body).toBe(200);

    const dup = await editor.post(
      "/api/ip/disputes",
      dispute("夹知纠〔2024〕2号", { receivedOn: "2024-06-01", status: "受理" }),
    );
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe("本地区该案件编号的纠纷案件已存在，不能重复");
    const unclosed = await editor.post(
      "/api/ip/disputes",
      dispute("夹知纠〔2024〕9号", { receivedOn: "2024-06-01", status: "结案" }),
    );
    expect(unclosed.statusCode).toBe(400);
    expect(
      (unclosed.json().error.fields as { label: string }[]).map((f) => f.label).sort(),
    ).toEqual(["结案方式", "结案日期"].sort());
  });

  it("moves a case forward only", async () => {
    const list = (await editor.get("/api/ip/disputes?q=〔2024〕3号")).json();
    const d = list.items[0] as Record<string, unknown> & { id: number };
    expect(d.status).toBe("受理");
    const closed = await editor.put(`/api/ip/disputes/${d.id}`, {
      ...d,
      status: "结案",
      closedOn: "2024-12-20",
      outcome: "调解成功",
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const back = await editor.put(`/api/ip/disputes/${d.id}`, {
      ...(closed.json() as Record<string, unknown>),
      status: "调解中",
      closedOn: null,
    });
    expect(back.statusCode).toBe(409);
    expect((await metrics(editor, "2024", t.demo.county.id))["disputes.closed"]).toBe(3);
  });
});

const IDS = [
  "enforcement.actions",
  "enforcement.officers",
  "enforcement.inspections",
  "enforcement.shops",
  "enforcement.goods",
  "enforcement.filed",
  "enforcement.closed",
  "disputes.received",
  "disputes.closed",
  "disputes.close_rate",
].map((id) => `ipwork.${id}`);
