import { describe, expect, it } from "vitest";
import type { Run } from "../model.ts";
import { polishMessages, SYSTEM_PROMPT } from "./prompt.ts";

describe("polishMessages", () => {
  it("sends the paragraph and every fact the check will require", () => {
    const runs: Run[] = [
      { t: "text", text: "2026年上半年，" },
      { t: "name", text: "夹江县科技局", ref: { entity: "unit", id: 1 } },
      { t: "text", text: "登记技术合同" },
      {
        t: "number",
        value: 11,
        text: "11项",
        metric: "contracts.count",
        scope: {
          regionId: 1,
          regionPath: "1",
          regionName: "夹江县",
          from: "2026-01-01",
          to: "2026-06-30",
        },
      },
      { t: "text", text: "，" },
      { t: "date", date: "2026-03-10", text: "3月10日" },
      { t: "text", text: "召开推进会。" },
    ];
    const [system, user] = polishMessages(runs);
    expect(system).toEqual({ role: "system", content: SYSTEM_PROMPT });
    expect(SYSTEM_PROMPT).toContain("政府机关工作总结");
    expect(SYSTEM_PROMPT).toContain("只输出润色后的段落");
    expect(user?.role).toBe("user");
    expect(user?.content).toContain(
      "2026年上半年，夹江县科技局登记技术合同11项，3月10日召开推进会。",
    );
    expect(user?.content).toContain("- 数据：11项");
    expect(user?.content).toContain("- 名称：夹江县科技局");
    expect(user?.content).toContain("- 日期：3月10日");
  });
});
