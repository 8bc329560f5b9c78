import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCheck } from "../../src/modules/patents/application-no.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

const csv = (lines: string[]) => Buffer.from(lines.join("\r\n"));
const PLEDGE_HEAD = "出质企业,质权人,登记日期,融资金额（元）,质押专利数,质押专利申请号,期限（月）";
// Demo firms (src/modules/enterprises/demo-names.ts) in 夹江县.
const MINGZHU = "四川明珠陶瓷有限公司";
const MINGDI = "四川铭帝铝业有限公司";

describe.each(engines)("IP pledge and designation Excel import/export on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let jingyan: Client;

  beforeAll(async () => {
    t = await startTestApp(engine);
    [editor, jingyan] = await Promise.all([t.login("keyuan"), t.login("jingyan")]);
  });
  afterAll(async () => t.close());

  const count = async (table: "ip_pledges" | "ip_designations") =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("imports pledges idempotently on 企业 + 质权人 + 登记日期", async () => {
    const no = withCheck("202110111111");
    const file = (amount: number) =>
      csv([
        PLEDGE_HEAD,
        `${MINGZHU},夹江农商银行,2021/3/5,${amount},2,"ZL${no}",12`,
        `${MINGDI},农业银行夹江支行,2021-04-01,3000000,1,,`,
      ]);
    const first = await editor.upload("/api/ip/pledges/import", "质押.csv", file(2_000_000));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ total: 2, created: 2, updated: 0, unchanged: 0 });
    const again = await editor.upload("/api/ip/pledges/import", "质押.csv", file(2_000_000));
    expect(again.json()).toEqual({ total: 2, created: 0, updated: 0, unchanged: 2 });
    const changed = await editor.upload("/api/ip/pledges/import", "质押.csv", file(2_200_000));
    expect(changed.json()).toEqual({ total: 2, created: 0, updated: 1, unchanged: 1 });
    const list = (await editor.get("/api/ip/pledges?registeredOn_to=2021-12-31")).json();
    expect(list.items).toMatchObject([
      { enterpriseName: MINGDI, patentCount: 1, applicationNos: "" },
      { enterpriseName: MINGZHU, amount: 2_200_000, applicationNos: no, termMonths: 12 },
    ]);
  });

  it("reports a bad row with its column and writes nothing", async () => {
    const before = await count("ip_pledges");
    const res = await editor.upload(
      "/api/ip/pledges/import",
      "质押.csv",
      csv([
        PLEDGE_HEAD,
        `${MINGZHU},工商银行夹江支行,2021-06-01,1000000,1,,`,
        "不存在的企业有限公司,工商银行夹江支行,2021-06-02,1000000,1,,",
        `${MINGDI},工商银行夹江支行,2021-06-03,1000000,1,201710601862.4,`,
      ]),
    );
    expect(res.statusCode).toBe(422);
    const rows = res.json().error.rows as { row: number; column: string; message: string }[];
    expect(rows).toEqual([
      {
        row: 3,
        column: "出质企业",
        message: "企业“不存在的企业有限公司”不在企业名录中，或不在您的数据范围内",
      },
      {
        row: 4,
        column: "质押专利申请号",
        message: "申请号“201710601862.4”：校验位应为“3”，不是“4”",
      },
    ]);
    expect(await count("ip_pledges")).toBe(before);
    // 井研 cannot pledge a 夹江 firm by name either.
    const hostile = await jingyan.upload(
      "/api/ip/pledges/import",
      "质押.csv",
      csv([PLEDGE_HEAD, `${MINGZHU},工商银行,2021-06-01,1000000,1,,`]),
    );
    expect(hostile.statusCode).toBe(422);
    expect(await count("ip_pledges")).toBe(before);
  });

  it("round-trips the exported xlsx of both ledgers unchanged", async () => {
    for (const base of ["/api/ip/pledges", "/api/ip/designations"]) {
      const exported = await editor.get(`${base}/export`);
      expect(exported.statusCode).toBe(200);
      expect(exported.headers["content-type"]).toContain("spreadsheetml");
      const total = (await editor.get(base)).json().total;
      expect(total).toBeGreaterThan(0);
      const again = await editor.upload(`${base}/import`, "台账.xlsx", exported.rawPayload);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toEqual({ total, created: 0, updated: 0, unchanged: total });
    }
  });

  it("imports designations idempotently on 类别 + 企业（或地区）+ 年度", async () => {
    const file = (status: string, revokedOn = "") =>
      csv([
        "类别,企业,所属地区,认定日期,文号,状态,有效期至,撤销日期",
        `省知识产权示范企业,${MINGDI},,2021-05-10,川知发〔2021〕1号,${status},2024-05-09,${revokedOn}`,
        "国家知识产权强县建设试点县,,夹江县,2021-12-01,国知发〔2021〕9号,有效,,",
      ]);
    const first = await editor.upload("/api/ip/designations/import", "荣誉.csv", file("有效"));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ total: 2, created: 2, updated: 0, unchanged: 0 });
    const again = await editor.upload("/api/ip/designations/import", "荣誉.csv", file("有效"));
    expect(again.json()).toEqual({ total: 2, created: 0, updated: 0, unchanged: 2 });
    // Revoked on the period's last day: no longer valid on it.
    const revoked = await editor.upload(
      "/api/ip/designations/import",
      "荣誉.csv",
      file("撤销", "2021-12-31"),
    );
    expect(revoked.json()).toEqual({ total: 2, created: 0, updated: 1, unchanged: 1 });
    const res = await editor.get(
      `/api/metrics?ids=ip.designations.new,ip.designations.valid&period=2021&regionId=${t.demo.county.id}`,
    );
    expect((res.json().values as { value: number }[]).map((v) => v.value)).toEqual([2, 1]);
  });
});
