import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metricScope } from "../../src/core/metrics/metric.ts";
import { parsePeriod } from "../../src/core/metrics/period.ts";
import { createReportContext } from "../../src/core/report/contribution.ts";
import { runsText } from "../../src/core/report/model.ts";
import { verifyNumberRuns } from "../../src/core/report/verify.ts";
import { projectsReport } from "../../src/modules/projects/projects.report.ts";
import { buildMetricRegistry } from "../../src/server/registry.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";
import { metricValues } from "./projects-fixture.ts";

// The demo county untouched: its 2026 must read like shared/seeds/001.
describe.each(engines)("demo projects on %s", (engine) => {
  let t: TestApp;
  let editor: Client;

  beforeAll(async () => {
    t = await startTestApp(engine);
    editor = await t.login("keyuan");
  });
  afterAll(async () => t.close());

  it("seeds the demo county's 2026 as in seed 001", async () => {
    const county = t.demo.county.id;
    expect(
      await metricValues(
        editor,
        [
          "projects.portfolio.county",
          "projects.carried.county",
          "projects.new.county",
          "projects.approvals.provincial",
          "projects.accepted",
        ],
        "2026",
        county,
      ),
    ).toEqual({
      "projects.portfolio.county": 34,
      "projects.carried.county": 14,
      "projects.new.county": 20,
      "projects.approvals.provincial": 4,
      "projects.accepted": 3,
    });
    const registry = buildMetricRegistry();
    const p = parsePeriod("2026");
    const ctx = createReportContext({
      db: t.db,
      registry,
      scope: metricScope(t.demo.county, p),
      period: p,
    });
    const section = await projectsReport.contribute(ctx);
    const text = (section?.blocks ?? [])
      .map((b) => (b.type === "paragraph" ? runsText(b.runs) : ""))
      .join("\n");
    expect(text).toContain(
      "乐山凯亚达光电科技有限公司的“面向产业化多组元透明导电氧化物技术的研究”（立项编号2026GZ0272）项目，获得省级财政30万元经费支持",
    );
    expect(text).toContain("下达县级重点项目共34项，其中结转14项，新上项目20项。");
    expect(text).toContain("“一种对制浆造纸产生的白泥回收利用的工艺专利实施项目”顺利通过中期检查");
    expect(text).not.toContain("项目”项目");
    expect(text).toContain("追回终止、撤销项目资金");
    const check = await verifyNumberRuns(
      t.db,
      { title: "t", blocks: section?.blocks ?? [] },
      registry,
    );
    expect(check.mismatches).toEqual([]);
  });
});
