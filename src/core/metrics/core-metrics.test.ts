import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines, freshDatabase } from "../../../test/support/db.ts";
import type { DatabaseHandle } from "../db/index.ts";
import { AppError } from "../errors.ts";
import { coreMetrics } from "./core-metrics.ts";
import { defineMetric, metricScope } from "./metric.ts";
import { parsePeriod } from "./period.ts";
import { createMetricRegistry } from "./registry.ts";
import { type SampleTree, sampleTree } from "./test-fixtures.ts";

const period = parsePeriod("2026H1");

describe.each(engines)("%s", (engine) => {
  let h: DatabaseHandle;
  let tree: SampleTree;
  const registry = createMetricRegistry(coreMetrics);

  beforeAll(async () => {
    h = await freshDatabase(engine);
    tree = await sampleTree(h.db);
  });
  afterAll(async () => {
    await h.close();
  });

  it("counts active units in the scope subtree only", async () => {
    const at = (r: SampleTree[keyof SampleTree]) =>
      registry.evaluate(h.db, "units.count", metricScope(r, period)).then((v) => v.value);
    expect(await at(tree.countyA)).toBe(3);
    expect(await at(tree.townA)).toBe(1);
    expect(await at(tree.countyB)).toBe(1);
    expect(await at(tree.city)).toBe(5);
    expect(await at(tree.province)).toBe(5);
  });

  it("counts active users in the scope subtree only", async () => {
    const at = (r: SampleTree[keyof SampleTree]) =>
      registry.evaluate(h.db, "users.count", metricScope(r, period)).then((v) => v.value);
    expect(await at(tree.countyA)).toBe(2);
    expect(await at(tree.countyB)).toBe(3);
    expect(await at(tree.city)).toBe(5);
  });

  it("does not match a region whose path merely starts with the same digits", async () => {
    // countyA "/1/2/3/" must not see "/1/2/39/": the trailing slash ends the LIKE prefix.
    const lookalike = `${tree.countyA.path.slice(0, -1)}9/`;
    const row = await h.db
      .insertInto("units")
      .values({
        region_id: tree.countyB.id,
        region_path: lookalike,
        name: "仿路径单位",
        kind: "部门",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    try {
      const scope = metricScope(tree.countyA, period);
      expect((await registry.evaluate(h.db, "units.count", scope)).value).toBe(3);
      const city = metricScope(tree.city, period);
      expect((await registry.evaluate(h.db, "units.count", city)).value).toBe(6);
    } finally {
      await h.db.deleteFrom("units").where("id", "=", row.id).execute();
    }
  });

  it("returns label, unit and scope with the value; evaluateMany keeps order", async () => {
    const scope = metricScope(tree.countyB, period);
    const [users, units] = await registry.evaluateMany(h.db, ["users.count", "units.count"], scope);
    expect(users).toEqual({
      id: "users.count",
      label: "用户数",
      unit: "人",
      kind: "stock",
      value: 3,
      scope: {
        regionId: tree.countyB.id,
        regionPath: tree.countyB.path,
        regionName: "井研县",
        from: "2026-01-01",
        to: "2026-06-30",
      },
    });
    expect(units?.value).toBe(1);
  });

  it("refuses an unknown metric before running any query", async () => {
    const scope = metricScope(tree.city, period);
    await expect(registry.evaluate(h.db, "nope.count", scope)).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "指标不存在，或不在您的数据范围内",
    });
    let ran = 0;
    const counting = createMetricRegistry([
      defineMetric({
        id: "test.ran",
        label: "测试",
        unit: "个",
        kind: "flow",
        description: "",
        compute: async () => ++ran,
      }),
    ]);
    await expect(counting.evaluateMany(h.db, ["test.ran", "nope.count"], scope)).rejects.toThrow(
      AppError,
    );
    expect(ran).toBe(0);
  });

  it("refuses a reversed or impossible scope", async () => {
    const scope = metricScope(tree.city, period);
    await expect(
      registry.evaluate(h.db, "units.count", { ...scope, from: "2026-07-01" }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      registry.evaluate(h.db, "units.count", { ...scope, to: "2026-02-30" }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });
});

describe("registry", () => {
  const one = defineMetric({
    id: "a.b",
    label: "甲",
    unit: "件",
    kind: "flow",
    description: "",
    compute: async () => 1,
  });

  it("throws on a duplicate id at registration", () => {
    expect(() => createMetricRegistry([one, one])).toThrow(/a\.b.*twice/);
    const r = createMetricRegistry([one]);
    expect(() => r.registerMetrics([{ ...one }])).toThrow(/twice/);
  });

  it("lists metrics sorted by id and finds them", () => {
    const r = createMetricRegistry([...coreMetrics, one]);
    expect(r.listMetrics().map((d) => d.id)).toEqual(["a.b", "units.count", "users.count"]);
    expect(r.getMetric("units.count").label).toBe("单位数");
    expect(() => r.getMetric("x.y")).toThrow(AppError);
  });

  it("refuses malformed ids", () => {
    expect(() => defineMetric({ ...one, id: "Patents" })).toThrow(/dotted/);
    expect(() => defineMetric({ ...one, id: "patents..x" })).toThrow(/dotted/);
  });
});
