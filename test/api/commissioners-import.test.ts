import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

const csv = (lines: string[]) => Buffer.from(lines.join("\r\n"));
const ROSTER_HEAD = "姓名,工作单位,职称,专业领域,联系电话,级别,服务团队,选派地区";

interface Assignment {
  id: number;
  regionName: string;
  startsOn: string;
  endsOn: string | null;
}

describe.each(engines)("commissioner Excel import and assignment editing on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let jingyan: Client;
  let city: Client;
  const region: Record<string, number> = {};

  const find = async (c: Client, name: string) => {
    const res = await c.get(`/api/commissioners?q=${encodeURIComponent(name)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as {
      id: number;
      name: string;
      phone: string | null;
      unitName: string | null;
      title: string | null;
      version: number;
      assignments: Assignment[];
    }[];
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    [editor, jingyan, city] = await Promise.all([
      t.login("keyuan"),
      t.login("jingyan"),
      t.login("shiju"),
    ]);
    for (const r of await t.db.selectFrom("regions").select(["id", "name"]).execute())
      region[r.name] = r.id;
  });
  afterAll(async () => t.close());

  it("imports the roster idempotently on name + phone, or name + unit without a phone", async () => {
    const roster = [
      ROSTER_HEAD,
      "周测试,四川农业大学,教授,茶叶栽培,13811110001,省级,茶叶服务团,夹江县",
      "吴测试,夹江县农业农村局,高级农艺师,植保,,县级,,夹江县",
      "吴测试,乐山职业技术学院,讲师,畜牧,,市级,,夹江县",
    ];
    const first = await editor.upload("/api/commissioners/import", "名册.csv", csv(roster));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ total: 3, created: 3, updated: 0, unchanged: 0 });
    const again = await editor.upload("/api/commissioners/import", "名册.csv", csv(roster));
    expect(again.json()).toEqual({ total: 3, created: 0, updated: 0, unchanged: 3 });
    const promoted = roster.map((l) => l.replace("教授,茶叶栽培", "研究员,茶叶栽培"));
    const upd = await editor.upload("/api/commissioners/import", "名册.csv", csv(promoted));
    expect(upd.json()).toEqual({ total: 3, created: 0, updated: 1, unchanged: 2 });
    const [zhou] = await find(editor, "周测试");
    expect(zhou).toMatchObject({ title: "研究员", version: 2, phone: "13811110001" });
    expect(await find(editor, "吴测试")).toHaveLength(2);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action"])
      .where("entity", "=", "commissioner")
      .where("action", "=", "import")
      .execute();
    expect(audit).toHaveLength(3);
  });

  it("imports the roster export back unchanged", async () => {
    const n = (await editor.get("/api/commissioners?pageSize=1")).json().total as number;
    const exported = await editor.get("/api/commissioners/export");
    expect(exported.statusCode).toBe(200);
    const back = await editor.upload("/api/commissioners/import", "名册.xlsx", exported.rawPayload);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toEqual({ total: n, created: 0, updated: 0, unchanged: n });
  });

  it("refuses a roster with bad rows whole, naming row and column", async () => {
    const n = (await editor.get("/api/commissioners?pageSize=1")).json().total as number;
    const bad = await editor.upload(
      "/api/commissioners/import",
      "名册.csv",
      csv([
        ROSTER_HEAD,
        "郑测试,某大学,教授,果树,13811110009,省级,,夹江县",
        "钱测试,某大学,教授,果树,13811110008,乡级,,夹江县",
        "孙测试,某大学,教授,果树,abc,县级,,夹江县",
        "郑测试,某大学,教授,果树,13811110009,省级,,夹江县",
      ]),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.rows).toEqual([
      expect.objectContaining({ row: 3, column: "级别" }),
      expect.objectContaining({ row: 4, column: "联系电话" }),
      expect.objectContaining({ row: 5, message: "与第 2 行重复" }),
    ]);
    expect((await editor.get("/api/commissioners?pageSize=1")).json().total).toBe(n);
  });

  it("imports assignments by commissioner name and town, ending them by a later sheet", async () => {
    const head = "特派员姓名,联系电话,服务乡镇（村）,开始日期,结束日期";
    const sheet = [head, "周测试,,木城镇,2023-01-01,", "周测试,,华头村,2023-03-01,2023-12-31"];
    const first = await editor.upload(
      "/api/commissioners/assignments/import",
      "安排.csv",
      csv(sheet),
    );
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ total: 2, created: 2, updated: 0, unchanged: 0 });
    const ended = [head, "周测试,,木城镇,2023-01-01,2023-06-30", sheet[2] ?? ""];
    const second = await editor.upload(
      "/api/commissioners/assignments/import",
      "安排.csv",
      csv(ended),
    );
    expect(second.json()).toEqual({ total: 2, created: 0, updated: 1, unchanged: 1 });
    const [zhou] = await find(editor, "周测试");
    expect(zhou?.assignments.map((a) => [a.regionName, a.startsOn, a.endsOn])).toEqual([
      ["木城镇", "2023-01-01", "2023-06-30"],
      ["华头村", "2023-03-01", "2023-12-31"],
    ]);

    const exported = await editor.get("/api/commissioners/assignments/export");
    expect(exported.statusCode).toBe(200);
    const total = await t.db
      .selectFrom("commissioner_assignments")
      .innerJoin("commissioners", "commissioners.id", "commissioner_assignments.commissioner_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("commissioners.region_path", "like", `${t.demo.county.path}%`)
      .executeTakeFirstOrThrow();
    const back = await editor.upload(
      "/api/commissioners/assignments/import",
      "安排.xlsx",
      exported.rawPayload,
    );
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ created: 0, updated: 0, unchanged: Number(total.n) });

    const bad = await editor.upload(
      "/api/commissioners/assignments/import",
      "安排.csv",
      csv([
        head,
        "周测试,,甘江镇,2023-01-01,",
        "吴测试,,甘江镇,2023-01-01,",
        "无此人,,甘江镇,2023-01-01,",
        "周测试,,夹江县,2023-01-01,",
        "周测试,,马踏镇,2023-01-01,",
        "周测试,,甘江镇,2023-05-01,2023-04-01",
      ]),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.rows).toEqual([
      expect.objectContaining({
        row: 3,
        column: "特派员姓名",
        message: expect.stringContaining("重名"),
      }),
      expect.objectContaining({ row: 4, column: "特派员姓名" }),
      expect.objectContaining({ row: 5, column: "服务乡镇（村）" }),
      expect.objectContaining({ row: 6, column: "服务乡镇（村）" }),
      expect.objectContaining({ row: 7, column: "结束日期" }),
    ]);
    const [after] = await find(editor, "周测试");
    expect(after?.assignments).toHaveLength(2);
  });

  it("adds, ends and removes one assignment from the record, audited", async () => {
    const [zhou] = await find(editor, "周测试");
    if (!zhou) throw new Error("fixture missing");
    const added = await editor.post(`/api/commissioners/${zhou.id}/assignments`, {
      regionId: region.甘江镇,
      startsOn: "2024-01-01",
    });
    expect(added.statusCode, added.body).toBe(200);
    const id = added.json().id as number;
    const ended = await editor.put(`/api/commissioner-assignments/${id}`, {
      regionId: region.甘江镇,
      startsOn: "2024-01-01",
      endsOn: "2024-06-30",
    });
    expect(ended.json()).toMatchObject({ endsOn: "2024-06-30" });
    const backwards = await editor.put(`/api/commissioner-assignments/${id}`, {
      regionId: region.甘江镇,
      startsOn: "2024-01-01",
      endsOn: "2023-06-30",
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields[0]).toMatchObject({ field: "endsOn" });
    const county = await editor.post(`/api/commissioners/${zhou.id}/assignments`, {
      regionId: t.demo.county.id,
      startsOn: "2024-01-01",
    });
    expect(county.statusCode).toBe(400);
    // Another county's editor neither sees nor changes it; the city is read-only.
    expect(
      (
        await jingyan.post(`/api/commissioners/${zhou.id}/assignments`, {
          regionId: region.马踏镇,
          startsOn: "2024-01-01",
        })
      ).statusCode,
    ).toBe(404);
    expect((await jingyan.del(`/api/commissioner-assignments/${id}`)).statusCode).toBe(404);
    expect((await city.del(`/api/commissioner-assignments/${id}`)).statusCode).toBe(403);
    const removed = await editor.del(`/api/commissioner-assignments/${id}`);
    expect(removed.statusCode).toBe(204);
    const actions = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity", "=", "commissionerAssignment")
      .where("record_id", "=", String(id))
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual(["create", "update", "delete"]);
  });

  it("keeps roster imports inside the importer's scope; the city account is read-only", async () => {
    const intoJiajiang = await jingyan.upload(
      "/api/commissioners/import",
      "名册.csv",
      csv([ROSTER_HEAD, "王越界,某大学,教授,果树,13811110007,省级,,夹江县"]),
    );
    expect(intoJiajiang.statusCode).toBe(422);
    expect(intoJiajiang.json().error.rows[0]).toMatchObject({ row: 2, column: "选派地区" });
    // Naming a 夹江 commissioner from 井研 finds no one.
    const theirs = await jingyan.upload(
      "/api/commissioners/assignments/import",
      "安排.csv",
      csv(["特派员姓名,服务乡镇（村）,开始日期", "周测试,马踏镇,2024-01-01"]),
    );
    expect(theirs.statusCode).toBe(422);
    const byCity = await city.upload(
      "/api/commissioners/import",
      "名册.csv",
      csv([ROSTER_HEAD, "王市级,某大学,教授,果树,13811110006,省级,,夹江县"]),
    );
    expect(byCity.statusCode).toBe(403);
    expect(await find(editor, "王")).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ name: "王越界" })]),
    );
  });
});
