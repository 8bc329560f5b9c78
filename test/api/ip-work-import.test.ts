import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

describe.each(engines)("IP work Excel import/export on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let jingyan: Client;

  beforeAll(async () => {
    t = await startTestApp(engine);
    [editor, jingyan] = await Promise.all([t.login("keyuan"), t.login("jingyan")]);
  });
  afterAll(async () => t.close());

  const csv = (lines: string[]) => Buffer.from(lines.join("\r\n"));

  it("imports disputes idempotently on 案件编号 and never moves a case back", async () => {
    const file = (status: string, closedOn: string, outcome: string) =>
      csv([
        "案件编号,案件类型,受理日期,当事人,办理状态,结案日期,结案方式",
        `夹知纠〔2022〕1号,专利侵权纠纷,2022-03-01,甲诉乙,${status},${closedOn},${outcome}`,
        "夹知纠〔2022〕2号,假冒专利,2022/4/2,丙,受理,,",
      ]);
    const first = await editor.upload(
      "/api/ip/disputes/import",
      "案件.csv",
      file("调解中", "", ""),
    );
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ total: 2, created: 2, updated: 0, unchanged: 0 });
    const again = await editor.upload(
      "/api/ip/disputes/import",
      "案件.csv",
      file("调解中", "", ""),
    );
    expect(again.json()).toEqual({ total: 2, created: 0, updated: 0, unchanged: 2 });
    const closed = await editor.upload(
      "/api/ip/disputes/import",
      "案件.csv",
      file("结案", "2022-05-01", "调解成功"),
    );
    expect(closed.json()).toEqual({ total: 2, created: 0, updated: 1, unchanged: 1 });
    const back = await editor.upload("/api/ip/disputes/import", "案件.csv", file("受理", "", ""));
    expect(back.statusCode).toBe(422);
    const res = await editor.get(
      `/api/metrics?ids=ipwork.disputes.received,ipwork.disputes.closed&period=2022&regionId=${t.demo.county.id}`,
    );
    expect((res.json().values as { value: number }[]).map((v) => v.value)).toEqual([2, 1]);
  });

  it("imports enforcement actions (blank figures are 0) and refuses another county's region", async () => {
    const file = csv([
      "日期,行动名称,所属地区,出动执法人员,检查次数,检查商铺,检查商品,立案,结案",
      "2022-04-26,4·26联合执法,夹江县,12,2,40,,1,",
    ]);
    const first = await editor.upload("/api/ip/enforcement/import", "执法.csv", file);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ total: 1, created: 1, updated: 0, unchanged: 0 });
    const again = await editor.upload("/api/ip/enforcement/import", "执法.csv", file);
    expect(again.json()).toEqual({ total: 1, created: 0, updated: 0, unchanged: 1 });
    const list = (
      await editor.get("/api/ip/enforcement?heldOn_from=2022-01-01&heldOn_to=2022-12-31")
    ).json();
    expect(list.items).toMatchObject([{ officers: 12, goods: 0, casesFiled: 1, casesClosed: 0 }]);
    const hostile = await jingyan.upload("/api/ip/enforcement/import", "执法.csv", file);
    expect(hostile.statusCode).toBe(422);
    expect(hostile.body).toContain("不是您数据范围内的地区");
  });

  it("exports the ledger in scope as xlsx", async () => {
    const res = await editor.get("/api/ip/disputes/export");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect((await editor.get("/api/ip/enforcement/template")).statusCode).toBe(200);
  });
});
