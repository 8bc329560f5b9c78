import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

interface Row {
  id: number;
  name: string;
  readOnly: boolean;
  version: number;
  servingIn: string;
  assignments: { regionName: string }[];
}

// A commissioner the city selected, serving a town of 夹江县 and one of 井研县: counted in
// each county's coverage, so each county's list shows it too — read-only, with only the
// assignments and services in that county.
describe.each(engines)("a city's commissioner serving in a county, on %s", (engine) => {
  let t: TestApp;
  let keyuan: Client;
  let jingyan: Client;
  let city: Client;
  let id = 0;
  const region: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestApp(engine);
    [keyuan, jingyan, city] = await Promise.all([
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
    // No screen writes a city-level commissioner (city accounts read and sum up), but the
    // table holds them (a restored backup, the city's own records): entered directly here.
    const path = async (rid: number | undefined) =>
      (
        await t.db
          .selectFrom("regions")
          .select(["id", "path"])
          .where("id", "=", rid ?? 0)
          .executeTakeFirstOrThrow()
      ).path;
    const c = await t.db
      .insertInto("commissioners")
      .values({
        name: "市派专家甲",
        level: "市级",
        unit_name: "乐山市农业科学研究院",
        title: null,
        specialty: "茶叶加工",
        phone: null,
        team: null,
        notes: null,
        region_id: t.demo.city.id,
        region_path: await path(t.demo.city.id),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    id = c.id;
    for (const [town, content] of [
      ["马村镇", "茶园病虫害防治指导"],
      ["研城街道", "茶叶加工技术培训"],
    ] as const) {
      const rid = region[town] ?? 0;
      const rp = await path(rid);
      await t.db
        .insertInto("commissioner_assignments")
        .values({
          commissioner_id: id,
          region_id: rid,
          region_path: rp,
          starts_on: "2024-03-01",
          ends_on: null,
        })
        .execute();
      await t.db
        .insertInto("commissioner_services")
        .values({
          commissioner_id: id,
          region_id: rid,
          region_path: rp,
          served_on: "2024-05-10",
          content,
          people_reached: 30,
        })
        .execute();
    }
  });
  afterAll(async () => t.close());

  it("is on the county's list and behind its coverage link, read-only, with the county's part only", async () => {
    for (const q of [
      "q=市派专家甲",
      `view=covering&from=2024-01-01&to=2024-12-31&servedRegionId=${t.demo.county.id}`,
    ]) {
      const page = (await keyuan.get(`/api/commissioners?${q}&pageSize=100`)).json();
      const row = (page.items as Row[]).find((r) => r.id === id);
      expect(row, q).toMatchObject({ readOnly: true, servingIn: "马村镇" });
      expect(row?.assignments.map((a) => a.regionName)).toEqual(["马村镇"]);
    }
    const detail = await keyuan.get(`/api/commissioners/${id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ readOnly: true, servingIn: "马村镇" });
    const services = (await keyuan.get(`/api/commissioners/${id}/services`)).json();
    expect(services.items.map((s: { content: string }) => s.content)).toEqual([
      "茶园病虫害防治指导",
    ]);
    // The other county sees its own part; the city sees it whole (as its own record).
    const jy = (await jingyan.get(`/api/commissioners/${id}`)).json();
    expect(jy).toMatchObject({ readOnly: true, servingIn: "研城街道" });
    const whole = (await city.get(`/api/commissioners/${id}`)).json();
    expect(whole.readOnly).toBe(false);
    expect(whole.servingIn).toBe("马村镇、研城街道");
    // The county's own commissioners are still editable there.
    const own = (await keyuan.get("/api/commissioners?pageSize=100")).json().items as Row[];
    expect(own.filter((r) => r.id !== id).every((r) => !r.readOnly)).toBe(true);
  });

  it("is refused, with a reason, to a county writing to it", async () => {
    const row = (await keyuan.get(`/api/commissioners/${id}`)).json() as Row;
    const reason = "该科技特派员由上级选派，只能由选派单位修改";
    const update = await keyuan.put(`/api/commissioners/${id}`, {
      name: "改名",
      level: "市级",
      regionId: t.demo.county.id,
      version: row.version,
    });
    expect(update.statusCode).toBe(403);
    expect(update.json().error.message).toBe(reason);
    const del = await keyuan.request("DELETE", `/api/commissioners/${id}?version=${row.version}`);
    expect(del.statusCode).toBe(403);
    const service = await keyuan.post(`/api/commissioners/${id}/services`, {
      servedOn: "2024-06-01",
      regionId: region.马村镇,
      content: "县里代记",
      peopleReached: 5,
    });
    expect(service.statusCode).toBe(403);
    const assignment = await keyuan.post(`/api/commissioners/${id}/assignments`, {
      regionId: region.甘江镇,
      startsOn: "2024-07-01",
    });
    expect(assignment.statusCode).toBe(403);
    // Nothing changed.
    const after = (await city.get(`/api/commissioners/${id}`)).json();
    expect(after).toMatchObject({ name: "市派专家甲", version: row.version });
    expect(after.assignments).toHaveLength(2);
  });

  it("stays hidden from a county it does not serve", async () => {
    // The 井研 assignment and service go: 井研 no longer sees the commissioner at all.
    for (const table of ["commissioner_assignments", "commissioner_services"] as const) {
      await t.db
        .deleteFrom(table)
        .where("commissioner_id", "=", id)
        .where("region_id", "=", region.研城街道 ?? 0)
        .execute();
    }
    expect((await jingyan.get(`/api/commissioners/${id}`)).statusCode).toBe(404);
    expect((await jingyan.get("/api/commissioners?q=市派专家甲")).json().total).toBe(0);
    expect((await jingyan.get(`/api/commissioners/${id}/services`)).statusCode).toBe(404);
    const write = await jingyan.request("DELETE", `/api/commissioners/${id}?version=1`);
    expect(write.statusCode).toBe(404);
  });
});
