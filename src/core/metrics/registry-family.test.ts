import { describe, expect, it } from "vitest";
import type { Conn } from "../db/schema.ts";
import { defineMetric, type MetricDef } from "./metric.ts";
import { createMetricRegistry, type MetricFamily } from "./registry.ts";

const scope = {
  regionId: 1,
  regionPath: "/1/",
  regionName: "测试县",
  from: "2026-01-01",
  to: "2026-06-30",
};
const fixed = defineMetric({
  id: "demo.fixed",
  label: "固定值",
  unit: "件",
  kind: "flow",
  description: "测试",
  compute: async () => 7,
});
// A family whose members double another metric: members reach the registry they live in.
const doubled: MetricFamily = {
  prefix: "double.",
  resolve(suffix, registry): MetricDef | null {
    if (!registry.hasMetric(`demo.${suffix}`)) return null;
    return {
      id: `double.${suffix}`,
      label: "两倍",
      unit: "件",
      kind: "flow",
      description: "测试",
      compute: async (db, s) => 2 * (await registry.evaluate(db, `demo.${suffix}`, s)).value,
    };
  },
};
const db = {} as Conn;

describe("metric families", () => {
  it("resolves members by prefix and evaluates them like any metric", async () => {
    const registry = createMetricRegistry([fixed], [doubled]);
    expect(registry.hasMetric("double.fixed")).toBe(true);
    expect((await registry.evaluate(db, "double.fixed", scope)).value).toBe(14);
    expect(registry.listMetrics().map((m) => m.id)).toEqual(["demo.fixed"]);
    expect(registry.listFamilies()).toEqual(["double."]);
  });

  it("treats a suffix the family refuses, or a bare prefix, as unknown", () => {
    const registry = createMetricRegistry([fixed], [doubled]);
    expect(registry.hasMetric("double.nothing")).toBe(false);
    expect(registry.hasMetric("double.")).toBe(false);
    expect(() => registry.getMetric("double.nothing")).toThrow("指标不存在");
  });

  it("refuses overlapping prefixes", () => {
    const registry = createMetricRegistry([], [doubled]);
    expect(() => registry.registerFamilies([{ ...doubled, prefix: "double.x." }])).toThrow(
      /overlaps/,
    );
  });
});
