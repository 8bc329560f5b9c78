import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../src/core/calendar/calendar.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

interface Row {
  id: number;
  title: string;
  dueOn: string;
  status: string;
  light: string;
  source: string;
  leadUnit: { id: number };
}
interface Page {
  items: Row[];
  total: number;
  page: number;
  pageSize: number;
}

const json = <T>(res: LightMyRequestResponse): T => res.json() as T;
const message = (res: LightMyRequestResponse) =>
  json<{ error: { message: string } }>(res).error.message;

// The as-of day of the light checks: a Wednesday before 国庆. Working days after it: 10/8,
// 10/9, 10/10 (调休 Saturday), then 10/12 — 10/1-7 and Sunday 10/11 are off.
const AS_OF = "2026-09-30";

describe.each(engines)("task list paging and filters on %s", (engine) => {
  let t: TestApp;
  let bureau: Client;
  let kexie: Client;
  let city: Client;
  let jingyan: Client;
  let kexieUnit: number;
  let jingxinUnit: number;
  let townId: number;
  const id: Record<string, number> = {};

  const list = async (who: Client, query: string) => {
    const res = await who.get(`/api/tasks?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return json<Page>(res);
  };
  const titles = async (query: string, who: Client = bureau) =>
    (await list(who, `pageSize=200&${query}`)).items.map((x) => x.title).sort();

  beforeAll(async () => {
    t = await startTestApp(engine);
    const unit = async (name: string) =>
      (
        await t.db
          .selectFrom("units")
          .select(["id", "region_id"])
          .where("name", "=", name)
          .executeTakeFirstOrThrow()
      ).id;
    kexieUnit = await unit("夹江县科学技术协会");
    jingxinUnit = await unit("夹江县经济和信息化局");
    const town = await t.db
      .selectFrom("units")
      .innerJoin("regions", "regions.id", "units.region_id")
      .select(["units.id", "regions.id as region_id"])
      .where("regions.parent_id", "=", t.demo.county.id)
      .orderBy("regions.sort")
      .executeTakeFirstOrThrow();
    townId = town.region_id;
    [bureau, kexie, city, jingyan] = await Promise.all([
      t.login("keyuan"),
      t.login("kexie"),
      t.login("shiju"),
      t.login("jingyan"),
    ]);
    await t.db.deleteFrom("tasks").execute();
    const make = async (
      key: string,
      dueOn: string,
      extra: Record<string, unknown> = {},
      who: Client = bureau,
    ) => {
      const res = await who.post("/api/tasks", {
        title: key,
        regionId: t.demo.county.id,
        source: "年度工作要点",
        leadUnitId: kexieUnit,
        assignedOn: "2026-09-01",
        deadlineKind: "date",
        dueOn,
        remindWorkdays: 3,
        ...extra,
      });
      expect(res.statusCode, res.body).toBe(200);
      id[key] = json<{ id: number }>(res).id;
    };
    await make("三个工作日后到期", "2026-10-10"); // N = 3 working days: yellow
    await make("周日到期", "2026-10-11"); // still 3 working days ahead: yellow
    await make("四个工作日后到期", "2026-10-12", { source: "领导批示" }); // N + 1: green
    await make("当天到期", AS_OF, { leadUnitId: jingxinUnit }); // 0 ahead: yellow
    await make("昨天到期", "2026-09-29", { coUnitIds: [jingxinUnit] }); // red
    await make("不提醒明天到期", "2026-10-08", { remindWorkdays: 0 }); // 1 > 0: green
    await make("不提醒当天到期", AS_OF, { remindWorkdays: 0 }); // 0 <= 0: yellow
    await make("五天提醒", "2026-10-13", { remindWorkdays: 5 }); // 5 ahead: yellow
    await make("五天提醒晚一天", "2026-10-14", { remindWorkdays: 5 }); // 6 ahead: green
    await make("已办结", "2026-09-25"); // closed before AS_OF: grey
    await make("去年交办仍在办", "2026-09-15", { assignedOn: "2025-06-01" });
    await make("去年办结", "2025-10-15", { assignedOn: "2025-06-01", source: "政协提案" });
    await make("乡镇任务", "2026-12-31", { regionId: townId, leadUnitId: town.id });
    const closed = (key: string, on: string) =>
      t.db
        .updateTable("tasks")
        .set({ status: "已办结", completed_on: on, outcome: "按期" })
        .where("id", "=", id[key] ?? 0)
        .execute();
    await closed("已办结", "2026-09-20");
    await closed("去年办结", "2025-10-10");
    const neighbourUnit = await unit("井研县科学技术和知识产权局");
    await make(
      "井研的任务",
      "2026-10-10",
      { regionId: t.demo.neighbour.id, leadUnitId: neighbourUnit },
      jingyan,
    );
  });
  afterAll(() => t.close());

  it("pages with a total and sorts by due date both ways", async () => {
    const all = await list(bureau, "pageSize=200");
    expect(all.total).toBe(13);
    const dues = all.items.map((x) => x.dueOn);
    expect(dues).toEqual([...dues].sort());
    const seen: number[] = [];
    for (let page = 1; page <= 3; page += 1) {
      const p = await list(bureau, `page=${page}&pageSize=5`);
      expect([p.total, p.page, p.pageSize]).toEqual([13, page, 5]);
      expect(p.items.length).toBe(page < 3 ? 5 : 3);
      seen.push(...p.items.map((x) => x.id));
    }
    expect(seen).toEqual(all.items.map((x) => x.id));
    const desc = await list(bureau, "pageSize=200&sort=-dueOn");
    expect(desc.items.map((x) => x.dueOn)).toEqual([...dues].reverse());
    expect((await list(bureau, "page=4&pageSize=5")).items).toEqual([]);
    const bad = await bureau.get("/api/tasks?sort=title");
    expect(bad.statusCode).toBe(400);
    expect(message(bad)).toBe("排序：只能按完成时限、交办日期或编号排序");
  });

  it("filters by light exactly at the boundaries", async () => {
    const q = `asOf=${AS_OF}&light=`;
    expect(await titles(`${q}yellow`)).toEqual(
      ["三个工作日后到期", "周日到期", "当天到期", "不提醒当天到期", "五天提醒"].sort(),
    );
    expect(await titles(`${q}green`)).toEqual(
      ["四个工作日后到期", "不提醒明天到期", "五天提醒晚一天", "乡镇任务"].sort(),
    );
    expect(await titles(`${q}red`)).toEqual(["昨天到期", "去年交办仍在办"].sort());
    expect(await titles(`${q}grey`)).toEqual(["已办结", "去年办结"].sort());
    expect(await titles(`${q}红,灰`)).toEqual(
      ["昨天到期", "去年交办仍在办", "已办结", "去年办结"].sort(),
    );
    const bad = await bureau.get("/api/tasks?light=紫");
    expect(bad.statusCode).toBe(400);
    expect(message(bad)).toBe("预警：“紫”不是可选的值");
  });

  it("gives the same set the light shows, on every day around 国庆", async () => {
    for (let d = "2026-09-20"; d <= "2026-10-16"; d = addDays(d, 1)) {
      const shown = (await list(bureau, `pageSize=200&asOf=${d}`)).items;
      for (const light of ["green", "yellow", "red", "grey"]) {
        const want = shown.filter((x) => x.light === light).map((x) => x.id);
        const got = (await list(bureau, `pageSize=200&asOf=${d}&light=${light}`)).items;
        expect(
          got.map((x) => x.id),
          `${d} ${light}`,
        ).toEqual(want);
        expect(got.every((x) => x.light === light)).toBe(true);
      }
    }
  });

  it("filters by status, source, lead unit, region, year and title", async () => {
    expect(await titles("status=已办结")).toEqual(["已办结", "去年办结"].sort());
    expect((await list(bureau, "status=待签收,已办结")).total).toBe(13);
    expect(await titles("source=领导批示")).toEqual(["四个工作日后到期"]);
    expect(await titles(`leadUnitId=${jingxinUnit}`)).toEqual(["当天到期"]);
    expect(await titles(`regionId=${townId}`)).toEqual(["乡镇任务"]);
    expect(await titles("year=2025")).toEqual(["去年交办仍在办", "去年办结"].sort());
    expect((await titles("year=2026")).includes("去年办结")).toBe(false);
    expect((await titles("year=2026")).length).toBe(12);
    expect(await titles("q=提醒")).toEqual(
      ["不提醒明天到期", "不提醒当天到期", "五天提醒", "五天提醒晚一天"].sort(),
    );
    expect(await titles("q=%")).toEqual([]);
    expect(await titles(`q=提醒&light=green&asOf=${AS_OF}`)).toEqual(
      ["不提醒明天到期", "五天提醒晚一天"].sort(),
    );
    const bad = await bureau.get("/api/tasks?status=进行中");
    expect(bad.statusCode).toBe(400);
    expect(message(bad)).toBe("状态：“进行中”不是可选的值");
  });

  it("keeps each county to its own tasks and a unit to the tasks it is on", async () => {
    expect(await titles("", jingyan)).toEqual(["井研的任务"]);
    expect((await list(jingyan, `regionId=${t.demo.county.id}`)).total).toBe(0);
    expect((await list(city, "pageSize=200")).total).toBe(14);
    expect(await titles(`regionId=${t.demo.neighbour.id}`, city)).toEqual(["井研的任务"]);
    // 科协 leads all but the 经信局-led and the township task; cooperating keeps a task visible.
    const mine = await titles("", kexie);
    expect(mine.length).toBe(11);
    expect(mine).not.toContain("当天到期");
    expect(mine).toContain("昨天到期");
    expect(await titles("mine=1", kexie)).toEqual(mine);
  });
});
