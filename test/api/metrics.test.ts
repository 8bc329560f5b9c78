import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

describe.each(engines)("metrics API on %s", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => t.close());

  it("evaluates metrics for the caller's region and refuses regions outside it", async () => {
    const county = await t.login("keyuan");
    const mine = (await county.get("/api/metrics?ids=units.count,users.count&period=2026")).json();
    const units = await t.db
      .selectFrom("units")
      .select("id")
      .where("region_path", "like", `${t.demo.county.path}%`)
      .where("active", "=", true)
      .execute();
    expect(mine.values).toEqual([
      { id: "units.count", label: expect.any(String), unit: "个", value: units.length },
      { id: "users.count", label: expect.any(String), unit: "人", value: 4 },
    ]);
    const other = await county.get(`/api/metrics?ids=units.count&regionId=${t.demo.neighbour.id}`);
    expect(other.statusCode).toBe(403);
    const city = await t.login("shiju");
    const all = (await city.get(`/api/metrics?ids=users.count&regionId=${t.demo.city.id}`)).json();
    expect(all.values[0].value).toBe(6);
    const unknown = await county.get("/api/metrics?ids=nope.count");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe("指标不存在，或不在您的数据范围内");
  });

  it("renders a report preview titled for the region and period", async () => {
    const c = await t.login("juzhang");
    const res = await c.get("/api/reports/preview?period=2026H1");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    expect(res.body).toContain("夹江县科学技术和知识产权局2026年上半年工作总结");
  });
});
