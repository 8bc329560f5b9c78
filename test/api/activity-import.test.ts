import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

describe.each(engines)("activity import on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom("activities")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await startTestApp(engine);
    editor = await t.login("keyuan");
  });
  afterAll(() => t?.close());

  it("imports its own export back unchanged", async () => {
    const exported = await editor.get("/api/activities/export");
    expect(exported.statusCode).toBe(200);
    const before = await count();
    const res = await editor.upload("/api/activities/import", "科普活动.xlsx", exported.rawPayload);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<{ total: number; created: number; updated: number; unchanged: number }>();
    expect(r.total).toBeGreaterThan(0);
    expect(r).toMatchObject({ created: 0, updated: 0, unchanged: r.total });
    expect(await count()).toBe(before);
  });

  it("creates activities with their outputs and campaign from a sheet, then updates on re-import", async () => {
    const csv = (materials: number) =>
      Buffer.from(
        [
          "活动名称,活动类型,主题活动,活动日期,活动地区,具体地点,资料份数（份）,培训人次（人次）",
          `科技之春木城镇专场,科普宣传,科技之春,2024-03-12,木城镇,木城镇场镇,${materials},45`,
        ].join("\r\n"),
      );
    const first = await editor.upload("/api/activities/import", "活动.csv", csv(800));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ total: 1, created: 1 });
    const totals = (
      await editor.get(`/api/activities/campaign-totals?period=2024&regionId=${t.demo.county.id}`)
    ).json() as { rows: { campaignName: string; outputs: Record<string, number> }[] };
    const spring = totals.rows.find((r) => r.campaignName.startsWith("科技之春"));
    expect(spring?.outputs).toMatchObject({ materials: 800, trainees: 45 });
    const again = await editor.upload("/api/activities/import", "活动.csv", csv(800));
    expect(again.json()).toMatchObject({ total: 1, unchanged: 1 });
    const changed = await editor.upload("/api/activities/import", "活动.csv", csv(900));
    expect(changed.json()).toMatchObject({ total: 1, updated: 1 });
  });

  it("reports every bad row and writes nothing", async () => {
    const before = await count();
    const csv = Buffer.from(
      [
        "活动名称,活动类型,活动日期,活动地区,资料份数（份）",
        "好的一行,科普宣传,2024-05-01,夹江县,10",
        "坏日期,科普宣传,2024-13-01,夹江县,10",
        "坏类型,不存在的类型,2024-05-02,夹江县,-5",
      ].join("\r\n"),
    );
    const res = await editor.upload("/api/activities/import", "活动.csv", csv);
    expect(res.statusCode).toBe(422);
    const rows = res.json<{ error: { rows: { row: number }[] } }>().error.rows;
    expect(rows.map((r) => r.row).sort()).toEqual(expect.arrayContaining([3, 4]));
    expect(await count()).toBe(before);
  });

  it("keeps other counties and read-only users out", async () => {
    const csv = Buffer.from(
      ["活动名称,活动类型,活动日期,活动地区", "越界活动,科普宣传,2024-05-01,夹江县"].join("\r\n"),
    );
    const jingyan = await t.login("jingyan");
    const res = await jingyan.upload("/api/activities/import", "活动.csv", csv);
    expect(res.statusCode).toBe(422);
    const city = await t.login("shiju");
    expect((await city.upload("/api/activities/import", "活动.csv", csv)).statusCode).toBe(403);
    const template = await editor.get("/api/activities/template");
    expect(template.statusCode).toBe(200);
  });
});
