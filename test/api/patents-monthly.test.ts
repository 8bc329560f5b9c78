import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCheck } from "../../src/modules/patents/application-no.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

type Series = Record<"发明" | "实用新型" | "外观设计", number[]>;
type Monthly = { months: string[]; applications: Series; grants: Series };

// 2019 fixture, filed and granted on month edges.
describe.each(engines)("GET /api/patents/stats/monthly on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let jingyan: Client;
  let before: Monthly;

  async function monthly(): Promise<Monthly> {
    const res = await editor.get(
      `/api/patents/stats/monthly?year=2019&regionId=${t.demo.county.id}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Monthly;
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    [editor, jingyan] = await Promise.all([t.login("keyuan"), t.login("jingyan")]);
    // The demo ledger holds patents of that year too: the fixture is checked as a delta.
    before = await monthly();
    const rows: [string, string, string | null][] = [
      // [body, filed, granted]; the 5th digit is the type (1 发明, 2 实用新型, 3 外观设计).
      ["201910000001", "2019-01-31", null],
      ["201910000002", "2019-02-01", "2019-12-31"],
      ["201920000003", "2019-02-28", "2019-06-30"],
      ["201920000004", "2019-03-01", "2019-07-01"],
      ["201930000005", "2019-12-31", null],
    ];
    for (const [body, filedOn, grantedOn] of rows) {
      const res = await editor.post("/api/patents", {
        applicationNo: withCheck(body),
        title: "一种月度统计测试装置",
        applicants: "夹江测试有限公司",
        filedOn,
        grantedOn,
        legalStatus: grantedOn ? "有效" : "在审",
        regionId: t.demo.county.id,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
  });
  afterAll(async () => t.close());

  it("gives twelve months by type, each month edge in its own month", async () => {
    const body = await monthly();
    expect(body.months).toHaveLength(12);
    expect(body.months[0]).toBe("2019-01");
    const at = (flow: "applications" | "grants", type: keyof Series) =>
      body[flow][type]
        .map((v, i) => v - (before[flow][type][i] ?? 0))
        .flatMap((v, i) => (v === 0 ? [] : [`${i + 1}月:${v}`]))
        .join(" ");
    expect(at("applications", "发明")).toBe("1月:1 2月:1");
    expect(at("applications", "实用新型")).toBe("2月:1 3月:1");
    expect(at("applications", "外观设计")).toBe("12月:1");
    expect(at("grants", "发明")).toBe("12月:1");
    expect(at("grants", "实用新型")).toBe("6月:1 7月:1");
    expect(at("grants", "外观设计")).toBe("");
  });

  it("states the same numbers as /api/metrics for a month", async () => {
    const m = await editor.get(
      `/api/metrics?ids=patents.applications.utility,patents.grants.utility&from=2019-02-01&to=2019-02-28&regionId=${t.demo.county.id}`,
    );
    const body = await monthly();
    expect((m.json().values as { value: number }[]).map((v) => v.value)).toEqual([
      body.applications.实用新型[1],
      body.grants.实用新型[1],
    ]);
  });

  it("refuses a region outside the caller's scope", async () => {
    const res = await jingyan.get(
      `/api/patents/stats/monthly?year=2019&regionId=${t.demo.county.id}`,
    );
    expect(res.statusCode).toBe(403);
  });
});
