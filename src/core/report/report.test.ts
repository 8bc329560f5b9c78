import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines, freshDatabase } from "../../../test/support/db.ts";
import type { DatabaseHandle } from "../db/index.ts";
import { coreMetrics } from "../metrics/core-metrics.ts";
import { formatCount } from "../metrics/format.ts";
import { defineMetric, metricScope } from "../metrics/metric.ts";
import { nextDay, parsePeriod, samePeriodLastYear, startOfDayCst } from "../metrics/period.ts";
import { createMetricRegistry } from "../metrics/registry.ts";
import { insertRegion, type SampleTree, sampleTree } from "../metrics/test-fixtures.ts";
import { composeReport } from "./composer.ts";
import { createReportContext, g, m, name, type ReportContributor } from "./contribution.ts";
import { renderHtml } from "./html.ts";
import { numberRuns, runsText } from "./model.ts";
import { verifyNumberRuns } from "./verify.ts";

/** Test-only flow metric: units created in the period (Beijing days), for 同比 sentences. */
const unitsCreated = defineMetric({
  id: "test.units_created",
  label: "新建单位数",
  unit: "个",
  kind: "flow",
  description: "期间内新建的单位数（测试用）",
  async compute(db, scope) {
    const row = await db
      .selectFrom("units")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("region_path", "like", `${scope.regionPath}%`)
      .where("created_at", ">=", startOfDayCst(scope.from))
      .where("created_at", "<", startOfDayCst(nextDay(scope.to)))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
});

const registry = createMetricRegistry([...coreMetrics, unitsCreated]);
const period = parsePeriod("2026H1");

/** Test-only: the foundation has nothing report-worthy, so this stands in for a module. */
const organisation: ReportContributor = {
  id: "organisation",
  order: 20,
  title: "机构和人员",
  async contribute(ctx) {
    const units = await ctx.value("units.count");
    if (units === 0) return null;
    const lastYear = ctx.scopeFor(samePeriodLastYear(ctx.period));
    return {
      key: "organisation",
      heading: "加强队伍建设，夯实工作基础",
      blocks: [
        await ctx.para(
          "summary",
        )`今年${ctx.period.span}，全${ctx.scope.regionName.slice(-1)}共有在用单位${m("units.count")}，在用账号${m("users.count")}（去年同期${m("users.count", { scope: lastYear })}）。`,
        {
          type: "table",
          key: "table",
          caption: await ctx.runs`${ctx.scope.regionName}机构人员统计`,
          unitNote: "单位：个、人",
          header: [
            [{ runs: [{ t: "text", text: "单位数" }] }, { runs: [{ t: "text", text: "用户数" }] }],
          ],
          body: [
            [
              { runs: [await ctx.number("units.count", { format: (v) => formatCount(v, "") })] },
              { runs: [await ctx.number("users.count")] },
            ],
          ],
        },
      ],
    };
  },
};

/** Appears first (lower order) and names a record whose name is hostile HTML. */
const named: ReportContributor = {
  id: "named",
  order: 10,
  title: "点名",
  async contribute(ctx) {
    return {
      key: "named",
      heading: "认真做好科技项目工作",
      blocks: [
        await ctx.para(
          "p1",
        )`组织推荐了${name('<script>alert("x")</script>有限公司', { entity: "enterprise", id: 7 })}的项目。`,
      ],
    };
  },
};

const silent: ReportContributor = {
  id: "silent",
  order: 5,
  title: "无数据",
  contribute: async () => null,
};

const hollow: ReportContributor = {
  id: "hollow",
  order: 30,
  title: "空章节",
  contribute: async () => ({ key: "hollow", heading: "不应出现", blocks: [] }),
};

describe.each(engines)("%s", (engine) => {
  let h: DatabaseHandle;
  let tree: SampleTree;

  beforeAll(async () => {
    h = await freshDatabase(engine);
    tree = await sampleTree(h.db);
  });
  afterAll(async () => {
    await h.close();
  });

  const compose = (
    region: SampleTree[keyof SampleTree],
    contributors = [organisation, named, silent, hollow],
  ) => composeReport({ db: h.db, registry, contributors, region, period, date: "2026-07-10" });

  it("builds title, addressee, opening, ordered sections and signature", async () => {
    const doc = await compose(tree.countyA);
    expect(doc.title).toBe("犍为县科学技术和知识产权局2026年上半年工作总结");
    expect(doc.addressee).toBe("犍为县人民政府");
    expect(doc.signature).toEqual({ unit: "犍为县科学技术和知识产权局", date: "2026-07-10" });
    expect(doc.blocks.map((b) => `${b.type}:${b.key}`)).toEqual([
      "paragraph:opening",
      "heading:work",
      "heading:named",
      "paragraph:named.p1",
      "heading:organisation",
      "paragraph:organisation.summary",
      "table:organisation.table",
    ]);
    const opening = doc.blocks[0];
    expect(opening?.type === "paragraph" && runsText(opening.runs)).toContain("县委、县政府");
    const summary = doc.blocks[5];
    expect(summary?.type === "paragraph" && runsText(summary.runs)).toBe(
      "今年上半年，全县共有在用单位3个，在用账号2人（去年同期2人）。",
    );
  });

  it("scopes figures to the region: the city sees both counties", async () => {
    const doc = await compose(tree.city);
    expect(doc.title).toBe("乐山市科学技术和知识产权局2026年上半年工作总结");
    const runs = numberRuns(doc);
    expect(runs.map((r) => `${r.metric}=${r.text}`)).toEqual([
      "units.count=5个",
      "users.count=5人",
      "users.count=5人",
      "units.count=5",
      "users.count=5人",
    ]);
    expect(runs.every((r) => r.scope.regionPath === tree.city.path)).toBe(true);
    expect(runs[2]?.scope).toMatchObject({ from: "2025-01-01", to: "2025-06-30" });
  });

  it("leaves out sections with nothing to say, and the whole part when all are empty", async () => {
    const doc = await compose(tree.countyB, [silent, hollow]);
    expect(doc.blocks.map((b) => b.key)).toEqual(["opening"]);
    const html = renderHtml(doc);
    expect(html).not.toContain("主要工作开展情况");
    expect(html).not.toContain("不应出现");
  });

  it("omits a section whose contributor finds no data for the region", async () => {
    const empty = await insertRegion(h.db, {
      code: "511199",
      name: "空白县",
      level: 3,
      parent: tree.city,
    });
    const doc = await compose(empty);
    expect(doc.blocks.map((b) => b.key)).toEqual(["opening", "work", "named", "named.p1"]);
  });

  it("every number run recomputes from its metric and scope", async () => {
    for (const region of [tree.countyA, tree.countyB, tree.city]) {
      const doc = await compose(region);
      const check = await verifyNumberRuns(h.db, doc, registry);
      expect(check.checked).toBe(5);
      expect(check.mismatches).toEqual([]);
    }
  });

  it("verifyNumberRuns catches a figure typed over or a stale trace", async () => {
    const doc = await compose(tree.countyA);
    const run = numberRuns(doc)[0];
    if (!run) throw new Error("expected a number run");
    run.value = 99;
    const check = await verifyNumberRuns(h.db, doc, registry);
    expect(check.mismatches).toEqual([expect.objectContaining({ actual: 3 })]);
    run.metric = "gone.metric";
    const again = await verifyNumberRuns(h.db, doc, registry);
    expect(again.mismatches[0]).toMatchObject({
      actual: null,
      error: expect.stringContaining("指标"),
    });
  });

  it("renders escaped HTML with numbered headings and traced figures", async () => {
    const doc = await compose(tree.countyA);
    const html = renderHtml(doc, { registry });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;有限公司");
    expect(html).toContain("一、主要工作开展情况");
    expect(html).toContain("（一）认真做好科技项目工作");
    expect(html).toContain("（二）加强队伍建设，夯实工作基础");
    expect(html).toContain(
      `<span class="kg-num" data-metric="units.count" title="指标：单位数；范围：犍为县 2026-01-01—2026-06-30">3个</span>`,
    );
    expect(html).toContain("犍为县人民政府：");
    expect(html).toContain("2026年7月10日");
    expect(html).toContain("text-indent:2em");
    expect(html).toContain("border:1px solid #000");
  });
  it("sentence templates refuse a bare number: figures must come from a metric", async () => {
    const ctx = createReportContext({
      db: h.db,
      registry,
      scope: {
        regionId: tree.countyA.id,
        regionPath: tree.countyA.path,
        regionName: "犍为县",
        from: period.from,
        to: period.to,
      },
      period,
    });
    const typed: unknown = 32;
    await expect(ctx.runs`共完成${typed as string}件`).rejects.toThrow(/bare number/);
    await expect(ctx.runs`共有${m("units.count")}`).resolves.toHaveLength(2);
  });
  it("words 同比 from two traced evaluations, and says nothing when last year was zero", async () => {
    const county = await insertRegion(h.db, {
      code: "511129",
      name: "沐川县",
      level: 3,
      parent: tree.city,
    });
    const at = (name: string, created: string) => ({
      region_id: county.id,
      region_path: county.path,
      name,
      kind: "部门",
      created_at: created,
    });
    await h.db
      .insertInto("units")
      .values([
        at("去年一", "2025-01-01T00:00:00+08:00"),
        at("去年二", "2025-06-30T23:59:59+08:00"),
        at("去年外", "2025-07-01T00:00:00+08:00"),
        at("今年一", "2026-02-01T10:00:00+08:00"),
        at("今年二", "2026-03-01T10:00:00+08:00"),
        at("今年三", "2026-06-30T23:00:00+08:00"),
      ])
      .execute();
    const ctx = createReportContext({
      db: h.db,
      registry,
      scope: metricScope(county, period),
      period,
    });
    const p = await ctx.para(
      "x",
    )`新建单位${m("test.units_created")}${g("test.units_created", { lead: "，" })}。`;
    expect(runsText(p.runs)).toBe("新建单位3个，同比增长50.0%。");
    const growthRun = p.runs.find((r) => r.t === "number" && r.base);
    expect(growthRun).toMatchObject({ value: 0.5, base: { from: "2025-01-01", to: "2025-06-30" } });

    const q2 = parsePeriod("2026Q2");
    const ctxQ2 = createReportContext({
      db: h.db,
      registry,
      scope: metricScope(county, q2),
      period: q2,
    });
    const q = await ctxQ2.para(
      "y",
    )`新建单位${m("test.units_created")}${g("test.units_created", { lead: "，" })}。`;
    // 2025Q2 had one unit, 2026Q2 one: flat.
    expect(runsText(q.runs)).toBe("新建单位1个，与去年同期持平。");

    const m3 = parsePeriod("2026M02");
    const ctxM = createReportContext({
      db: h.db,
      registry,
      scope: metricScope(county, m3),
      period: m3,
    });
    const r = await ctxM.para(
      "z",
    )`新建单位${m("test.units_created")}${g("test.units_created", { lead: "，" })}。`;
    expect(runsText(r.runs)).toBe("新建单位1个。");

    const doc = { title: "t", blocks: [p, q, r] };
    expect(await verifyNumberRuns(h.db, doc, registry)).toEqual({ checked: 5, mismatches: [] });
    const html = renderHtml(doc, { registry });
    expect(html).toContain(
      'title="指标：新建单位数同比；范围：沐川县 2026-01-01—2026-06-30；对比：2025-01-01—2025-06-30"',
    );
    if (growthRun?.t === "number") growthRun.value = 0.4;
    expect((await verifyNumberRuns(h.db, doc, registry)).mismatches).toEqual([
      expect.objectContaining({ actual: 0.5 }),
    ]);
  });
});
