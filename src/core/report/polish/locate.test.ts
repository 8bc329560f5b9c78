import { describe, expect, it } from "vitest";
import type { NumberRun, Run } from "../model.ts";
import { locateFacts, rebuildRuns } from "./locate.ts";

const scope = {
  regionId: 7,
  regionPath: "51.11.26",
  regionName: "夹江县",
  from: "2026-01-01",
  to: "2026-06-30",
};
const num = (text: string, metric: string): NumberRun => ({
  t: "number",
  value: Number.parseFloat(text),
  text,
  metric,
  scope,
});
const txt = (text: string): Run => ({ t: "text", text });

describe("rebuildRuns", () => {
  it("puts each traced run back where its wording stands, even when the order changes", () => {
    const original: Run[] = [
      txt("登记技术合同"),
      num("11项", "contracts.count"),
      txt("，成交额"),
      num("1234.5万元", "contracts.amount"),
      txt("。"),
    ];
    const runs = rebuildRuns(original, "成交额达1234.5万元，共登记技术合同11项。");
    expect(runs).toEqual([
      txt("成交额达"),
      original[3],
      txt("，共登记技术合同"),
      original[1],
      txt("。"),
    ]);
  });

  it("keeps runs of the same wording attached to their own metrics, in order", () => {
    const a = num("11项", "contracts.count");
    const b = num("11项", "contracts.development.count");
    const runs = rebuildRuns(
      [txt("合同"), a, txt("，开发合同"), b],
      "共登记合同11项，其中开发合同11项。",
    );
    const numbers = runs.filter((r): r is NumberRun => r.t === "number");
    expect(numbers.map((r) => r.metric)).toEqual([
      "contracts.count",
      "contracts.development.count",
    ]);
  });

  it("lets a longer fact claim its place before a shorter one inside it", () => {
    const short = num("28件", "patents.count");
    const long = num("同比增长28件", "patents.count.growth");
    const original: Run[] = [txt("申请"), short, txt("，"), long];
    const { placed, missing } = locateFacts(original, "申请量28件，同比增长28件。");
    expect(missing).toEqual([]);
    expect(placed.map((p) => [p.start, p.run.text])).toEqual([
      [3, "28件"],
      [7, "同比增长28件"],
    ]);
  });

  it("never matches a figure inside a longer figure", () => {
    const original: Run[] = [txt("申请"), num("28件", "patents.count")];
    expect(locateFacts(original, "申请128件").missing).toHaveLength(1);
    expect(locateFacts(original, "申请0.28件").missing).toHaveLength(1);
    const r = locateFacts(original, "申请128件，其中28件为发明");
    expect(r.missing).toEqual([]);
    expect(r.placed[0]?.start).toBe(9);
  });

  it("rebuilds names and dates as runs and drops nothing of the text", () => {
    const name: Run = { t: "name", text: "夹江县科技局", ref: { entity: "unit", id: 1 } };
    const date: Run = { t: "date", date: "2026-03-10", text: "3月10日" };
    const text = "3月10日，夹江县科技局召开推进会。";
    const runs = rebuildRuns([name, txt("于"), date, txt("召开会议。")], text);
    expect(runs).toEqual([date, txt("，"), name, txt("召开推进会。")]);
    expect(runs.map((r) => r.text).join("")).toBe(text);
  });

  it("returns copies, not the original run objects", () => {
    const n = num("28件", "patents.count");
    const [first] = rebuildRuns([n], "28件");
    expect(first).toEqual(n);
    expect(first).not.toBe(n);
  });
});
