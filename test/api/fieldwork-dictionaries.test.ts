import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

interface Campaign {
  code: string;
  name: string;
  usualMonth: number | null;
  sort: number;
  active: boolean;
}

describe.each(engines)("activity dictionaries on %s", (engine) => {
  let t: TestApp;
  let admin: Client;
  let editor: Client;
  let viewer: Client;

  beforeAll(async () => {
    t = await startTestApp(engine);
    [admin, editor, viewer] = await Promise.all([
      t.login("admin"),
      t.login("keyuan"),
      t.login("juzhang"),
    ]);
  });
  afterAll(async () => t.close());

  const campaigns = async () =>
    (await editor.get("/api/activities/campaigns")).json().items as Campaign[];

  it("lists the seeded campaigns and output kinds, all active", async () => {
    const list = await campaigns();
    expect(list.map((c) => [c.code, c.name, c.usualMonth])).toEqual(
      expect.arrayContaining([
        ["spring", "科技之春", 3],
        ["sciday", "全国科普日", 9],
      ]),
    );
    expect(list.every((c) => c.active)).toBe(true);
    const kinds = (await viewer.get("/api/activities/output-kinds")).json().items;
    expect(kinds).toEqual(
      expect.arrayContaining([
        { code: "materials", label: "资料份数", unit: "份", sort: 9, active: true },
      ]),
    );
  });

  it("lets an admin add a campaign that activities then use, audited", async () => {
    const res = await admin.post("/api/activities/campaigns", {
      name: "科技下乡月",
      usualMonth: 12,
      sort: 7,
    });
    expect(res.statusCode, res.body).toBe(200);
    const created = res.json() as Campaign;
    expect(created).toMatchObject({ name: "科技下乡月", usualMonth: 12, active: true });
    const dict = (await editor.get("/api/activities/dictionaries")).json();
    expect(dict.campaigns).toContainEqual({
      code: created.code,
      name: "科技下乡月",
      usualMonth: 12,
      active: true,
    });
    const activity = await editor.post("/api/activities", {
      title: "科技下乡（木城）",
      type: "科技下乡",
      campaignCode: created.code,
      heldOn: "2024-12-05",
      regionId: t.demo.county.id,
      outputs: [{ kind: "materials", value: 300 }],
    });
    expect(activity.statusCode, activity.body).toBe(200);
    // The form, the list filter and the export read the dictionary, not a built-in list.
    const meta = (await editor.get("/api/meta/entities/activity")).json() as {
      fields: { key: string; options?: { value: string; label: string }[] }[];
    };
    expect(meta.fields.find((f) => f.key === "campaignCode")?.options).toContainEqual({
      value: created.code,
      label: "科技下乡月",
    });
    const filtered = await editor.get(`/api/activities?campaignCode=${created.code}`);
    expect(filtered.statusCode, filtered.body).toBe(200);
    expect(filtered.json().items.map((a: { title: string }) => a.title)).toEqual([
      "科技下乡（木城）",
    ]);
    const totals = (
      await editor.get(`/api/activities/campaign-totals?period=2024&regionId=${t.demo.county.id}`)
    ).json();
    expect(totals.rows).toContainEqual(
      expect.objectContaining({
        campaignName: "科技下乡月",
        count: 1,
        outputs: { materials: 300 },
      }),
    );
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "username"])
      .where("entity", "=", "activityCampaign")
      .where("record_id", "=", created.code)
      .execute();
    expect(audit).toEqual([{ action: "create", username: "admin" }]);
  });

  it("renames and deactivates; records keep their campaign under the new name", async () => {
    const renamed = await admin.put("/api/activities/campaigns/spring", {
      name: "科技之春宣传月",
      usualMonth: 3,
      sort: 1,
      active: true,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const a = await editor.post("/api/activities", {
      title: "科技之春启动仪式",
      type: "科普宣传",
      campaignCode: "spring",
      heldOn: "2024-03-01",
      regionId: t.demo.county.id,
    });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ campaignCode: "spring", campaignName: "科技之春宣传月" });

    const off = await admin.put("/api/activities/output-kinds/charts", {
      label: "挂图套数",
      unit: "套",
      sort: 8,
      active: false,
    });
    expect(off.statusCode, off.body).toBe(200);
    const kinds = (await editor.get("/api/activities/dictionaries")).json().outputKinds;
    expect(kinds).toContainEqual({ code: "charts", label: "挂图套数", unit: "套", active: false });
    const before = await t.db
      .selectFrom("audit_log")
      .select(["before", "after"])
      .where("entity", "=", "activityOutputKind")
      .where("record_id", "=", "charts")
      .executeTakeFirstOrThrow();
    expect(before.before).toMatchObject({ active: true });
    expect(before.after).toMatchObject({ active: false });
  });

  it("refuses duplicate names with 409 and a Chinese message, on add and on rename", async () => {
    const dup = await admin.post("/api/activities/campaigns", { name: "全国科普日" });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe("同名的主题活动已存在，不能重复");
    const rename = await admin.put("/api/activities/campaigns/week", {
      name: "全国科普日",
      usualMonth: 5,
    });
    expect(rename.statusCode).toBe(409);
    const kind = await admin.post("/api/activities/output-kinds", {
      label: "资料份数",
      unit: "份",
    });
    expect(kind.statusCode).toBe(409);
    expect(kind.json().error.message).toBe("同名的成效指标已存在，不能重复");
    // Renaming an entry to its own name is not a duplicate.
    const same = await admin.put("/api/activities/output-kinds/materials", {
      label: "资料份数",
      unit: "份",
      sort: 9,
    });
    expect(same.statusCode, same.body).toBe(200);
  });

  it("names the field in validation errors", async () => {
    const res = await admin.post("/api/activities/campaigns", { name: "某活动", usualMonth: 13 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      expect.objectContaining({ field: "usualMonth", label: "通常月份", message: "应为 1—12 月" }),
    ]);
    const noUnit = await admin.post("/api/activities/output-kinds", { label: "发放种子斤数" });
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().error.fields[0]).toMatchObject({ field: "unit", label: "计量单位" });
  });

  it("is admin-only: editors and viewers get 403 and nothing changes", async () => {
    const before = await campaigns();
    for (const c of [editor, viewer]) {
      expect((await c.post("/api/activities/campaigns", { name: "无权新增" })).statusCode).toBe(
        403,
      );
      expect(
        (await c.put("/api/activities/campaigns/spring", { name: "无权改名", usualMonth: 3 }))
          .statusCode,
      ).toBe(403);
      expect(
        (await c.post("/api/activities/output-kinds", { label: "无权指标", unit: "个" }))
          .statusCode,
      ).toBe(403);
    }
    expect(await campaigns()).toEqual(before);
    expect((await admin.put("/api/activities/campaigns/nosuch", { name: "甲" })).statusCode).toBe(
      404,
    );
  });
});
