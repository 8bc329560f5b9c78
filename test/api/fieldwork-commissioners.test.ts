import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/core/metrics/period.ts";
import { composeReport } from "../../src/core/report/composer.ts";
import { runsText } from "../../src/core/report/model.ts";
import { verifyNumberRuns } from "../../src/core/report/verify.ts";
import { commissionersReport } from "../../src/modules/commissioners/commissioners.report.ts";
import { buildMetricRegistry } from "../../src/server/registry.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

// 2024 fixture (the demo's assignments start in 2025). 夹江县 has 14 towns, 井研县 2.
describe.each(engines)("science commissioners on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let jingyan: Client;
  let city: Client;
  const region: Record<string, number> = {};

  async function metrics(c: Client, ids: string[], period: string, regionId: number) {
    const [from, to] = period.split("~");
    const when = to ? `from=${from}&to=${to}` : `period=${period}`;
    const res = await c.get(`/api/metrics?ids=${ids.join(",")}&${when}&regionId=${regionId}`);
    expect(res.statusCode, res.body).toBe(200);
    return Object.fromEntries(
      (res.json().values as { id: string; value: number }[]).map((v) => [v.id, v.value]),
    );
  }
  const person = (name: string, assignments: unknown[], regionId?: number) => ({
    name,
    level: "县级",
    unitName: "夹江县农业农村局",
    specialty: "茶叶栽培",
    regionId: regionId ?? t.demo.county.id,
    assignments,
  });

  beforeAll(async () => {
    t = await startTestApp(engine);
    [editor, jingyan, city] = await Promise.all([
      t.login("keyuan"),
      t.login("jingyan"),
      t.login("shiju"),
    ]);
    for (const r of await t.db
      .selectFrom("regions")
      .select(["id", "name"])
      .where("level", ">=", 4)
      .execute())
      region[r.name] = r.id;
    const fixtures = [
      // Ends mid-period: in service during 2024H1 only.
      person("甲", [{ regionId: region.马村镇, startsOn: "2023-06-01", endsOn: "2024-02-15" }]),
      // Starts mid-period at a village of 木城镇: the town counts as covered.
      person("乙", [{ regionId: region.木城村, startsOn: "2024-11-20" }]),
      // Ended the day before the period: not counted.
      person("丙", [{ regionId: region.黄土镇, startsOn: "2022-01-01", endsOn: "2023-12-31" }]),
      // Starts after the period (the demo's round starts 2025-03-01).
      person("丁", [{ regionId: region.甘江镇, startsOn: "2025-01-01" }]),
    ];
    for (const body of fixtures) {
      const res = await editor.post("/api/commissioners", body);
      expect(res.statusCode, res.body).toBe(200);
    }
    const jy = await jingyan.post(
      "/api/commissioners",
      person(
        "戊",
        [{ regionId: region.研城街道, startsOn: "2024-01-01", endsOn: "2024-12-31" }],
        t.demo.neighbour.id,
      ),
    );
    expect(jy.statusCode, jy.body).toBe(200);
  });
  afterAll(async () => t.close());

  it("counts coverage with assignments that start and end inside the period", async () => {
    const ids = ["commissioners.count", "commissioners.towns_covered", "commissioners.coverage"];
    expect(await metrics(editor, ids, "2024", t.demo.county.id)).toEqual({
      "commissioners.count": 2,
      "commissioners.towns_covered": 2,
      "commissioners.coverage": 2 / 14,
    });
    expect(await metrics(editor, ids, "2024H1", t.demo.county.id)).toEqual({
      "commissioners.count": 1,
      "commissioners.towns_covered": 1,
      "commissioners.coverage": 1 / 14,
    });
    // Boundary days: 2024-02-15 is the last day of 甲's term, 2024-11-20 the first of 乙's.
    const p = (from: string, to: string) => `${from}~${to}`;
    const last = await metrics(
      editor,
      ["commissioners.count"],
      p("2024-02-15", "2024-02-15"),
      t.demo.county.id,
    );
    expect(last["commissioners.count"]).toBe(1);
    const gap = await metrics(
      editor,
      ["commissioners.count", "commissioners.coverage"],
      p("2024-02-16", "2024-11-19"),
      t.demo.county.id,
    );
    expect(gap).toEqual({ "commissioners.count": 0, "commissioners.coverage": 0 });
    // The city: 16 towns, 3 covered (井研's 研城街道 too).
    expect(await metrics(city, ids, "2024", t.demo.city.id)).toEqual({
      "commissioners.count": 3,
      "commissioners.towns_covered": 3,
      "commissioners.coverage": 3 / 16,
    });
  });

  it("lists the uncovered towns", async () => {
    const res = await editor.get(
      `/api/commissioners/coverage?period=2024&regionId=${t.demo.county.id}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.towns).toBe(14);
    expect(body.covered).toEqual([
      { id: region.木城镇, name: "木城镇", commissioners: ["乙"] },
      { id: region.马村镇, name: "马村镇", commissioners: ["甲"] },
    ]);
    expect(body.uncovered).toHaveLength(12);
    expect(body.uncovered.map((u: { name: string }) => u.name)).not.toContain("马村镇");
    const jy = (await jingyan.get("/api/commissioners/coverage?period=2024")).json();
    expect(jy.uncovered.map((u: { name: string }) => u.name)).toEqual(["马踏镇"]);
    expect(
      (await jingyan.get(`/api/commissioners/coverage?regionId=${t.demo.county.id}`)).statusCode,
    ).toBe(403);
  });

  it("keeps scopes apart, on assignments too", async () => {
    const mine = (await jingyan.get("/api/commissioners?q=戊")).json();
    expect(mine.total).toBe(1);
    expect((await jingyan.get("/api/commissioners?q=甲")).json().total).toBe(0);
    expect((await city.get("/api/commissioners?pageSize=100")).json().total).toBe(26 + 5);
    const wrongTown = await editor.post(
      "/api/commissioners",
      person("越界", [{ regionId: region.研城街道, startsOn: "2024-01-01" }]),
    );
    expect(wrongTown.statusCode).toBe(400);
    expect(wrongTown.json().error.message).toBe("服务乡镇（村）：第1条应为您数据范围内的乡镇或村");
    const county = await editor.post(
      "/api/commissioners",
      person("县级地区", [{ regionId: t.demo.county.id, startsOn: "2024-01-01" }]),
    );
    expect(county.statusCode).toBe(400);
  });

  it("names bad fields in Chinese", async () => {
    const res = await editor.post("/api/commissioners", {
      name: "",
      level: "国家级",
      regionId: t.demo.county.id,
      phone: "电话",
      assignments: [{ regionId: region.马村镇, startsOn: "2024-05-01", endsOn: "2024-04-01" }],
    });
    expect(res.statusCode).toBe(400);
    const labels = (res.json().error.fields as { label: string }[]).map((f) => f.label).sort();
    expect(labels).toEqual(["姓名", "服务乡镇（村）", "级别", "联系电话"].sort());
    expect(res.json().error.message).toContain("结束日期不能早于开始日期");
  });

  it("keeps a service log and states the work in the report voice", async () => {
    const list = (await editor.get("/api/commissioners?q=乙")).json();
    const id = list.items[0].id;
    expect(list.items[0].assignments[0]).toMatchObject({
      regionName: "木城村",
      startsOn: "2024-11-20",
      endsOn: null,
    });
    const add = await editor.post(`/api/commissioners/${id}/services`, {
      servedOn: "2024-12-02",
      regionId: region.木城村,
      content: "茶园冬管技术指导",
      peopleReached: 35,
    });
    expect(add.statusCode, add.body).toBe(200);
    const bad = await editor.post(`/api/commissioners/${id}/services`, {
      servedOn: "2024-12-40",
      regionId: region.木城村,
      content: "",
    });
    expect(bad.json().error.message).toMatch(/服务日期.*服务内容|服务内容.*服务日期/);
    expect(
      (
        await jingyan.post(`/api/commissioners/${id}/services`, {
          servedOn: "2024-12-02",
          regionId: region.研城街道,
          content: "x",
        })
      ).statusCode,
    ).toBe(404);
    const services = (await editor.get(`/api/commissioners/${id}/services`)).json();
    expect(services.items).toEqual([
      expect.objectContaining({ content: "茶园冬管技术指导", peopleReached: 35 }),
    ]);

    const registry = buildMetricRegistry();
    const doc = await composeReport({
      db: t.db,
      registry,
      contributors: [commissionersReport],
      region: t.demo.county,
      period: parsePeriod("2024"),
    });
    const texts = doc.blocks.map((b) => (b.type === "paragraph" ? runsText(b.runs) : ""));
    expect(texts).toContain(
      "2024年，全县选派科技特派员2名深入基层开展技术推广和智力服务，服务覆盖2个乡镇（覆盖率14.3%），开展服务1次，服务群众35人次，有效推进了农村创新创业和科技成果转化。",
    );
    expect((await verifyNumberRuns(t.db, doc, registry)).mismatches).toEqual([]);
    const none = await composeReport({
      db: t.db,
      registry,
      contributors: [commissionersReport],
      region: t.demo.county,
      period: parsePeriod("2021"),
    });
    expect(none.blocks.some((b) => b.key.startsWith("commissioners"))).toBe(false);
  });
});
