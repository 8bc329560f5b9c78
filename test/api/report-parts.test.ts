import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/core/metrics/period.ts";
import { composeReport } from "../../src/core/report/composer.ts";
import { type Block, runsText } from "../../src/core/report/model.ts";
import { verifyNumberRuns } from "../../src/core/report/verify.ts";
import { buildMetricRegistry, reportContributors } from "../../src/server/registry.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

const text = (b: Block) => (b.type === "paragraph" || b.type === "heading" ? runsText(b.runs) : "");

describe.each(engines)("report parts on %s", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t?.close());

  it("writes 一 to 四 in order, with problems and plans from the data, every figure traced", async () => {
    const registry = buildMetricRegistry();
    const doc = await composeReport({
      db: t.db,
      registry,
      contributors: reportContributors,
      region: t.demo.county,
      period: parsePeriod("2026H1"),
      date: "2026-07-10",
    });
    const parts = doc.blocks.filter((b) => b.type === "heading" && b.level === 1).map(text);
    expect(parts).toEqual(["主要工作开展情况", "目标任务完成情况", "存在的问题", "下一步工作打算"]);
    const start = doc.blocks.findIndex((b) => b.key === "problems");
    const end = doc.blocks.findIndex((b) => b.key === "plans");
    const problems = doc.blocks.slice(start + 1, end).map(text);
    expect(problems.length).toBeGreaterThan(0);
    // Worded as a bureau would: each point is a sentence about a weakness, not a placeholder.
    for (const p of problems) expect(p).toMatch(/滞后|不足|逾期|有待|仍需/);
    const check = await verifyNumberRuns(t.db, doc, registry);
    expect(check.mismatches).toEqual([]);
  });

  it("says nothing in 三 when no check finds a weakness", async () => {
    const doc = await composeReport({
      db: t.db,
      registry: buildMetricRegistry(),
      contributors: reportContributors,
      region: t.demo.county,
      period: parsePeriod("2019"),
      date: "2020-01-10",
    });
    expect(doc.blocks.some((b) => b.key === "problems")).toBe(false);
  });
});
