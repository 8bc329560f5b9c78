import { describe, expect, it } from "vitest";
import {
  acceptanceOutcome,
  isOverdue,
  PROJECT_STATUSES,
  rectifyLimit,
  statusOn,
  transitionError,
  yearClass,
} from "./lifecycle.ts";

// Written out by hand from the design, not derived from TRANSITIONS.
const LEGAL: [string, string][] = [
  ["储备", "推荐申报"],
  ["推荐申报", "立项"],
  ["推荐申报", "未立项"],
  ["立项", "实施中"],
  ["实施中", "中期检查"],
  ["实施中", "申请验收"],
  ["中期检查", "申请验收"],
  ["申请验收", "通过验收"],
  ["申请验收", "整改后通过"],
  ["申请验收", "不通过"],
  ["通过验收", "结题"],
  ["整改后通过", "结题"],
  ["不通过", "结题"],
  ["立项", "终止"],
  ["立项", "撤销"],
  ["实施中", "终止"],
  ["实施中", "撤销"],
  ["中期检查", "终止"],
  ["中期检查", "撤销"],
  ["申请验收", "终止"],
  ["申请验收", "撤销"],
];
const legal = new Set(LEGAL.map(([a, b]) => `${a}>${b}`));

describe("project lifecycle", () => {
  it.each(LEGAL)("allows %s → %s", (from, to) => {
    expect(transitionError(from, to)).toBeNull();
  });

  it("refuses every other pair of states, naming both", () => {
    let refused = 0;
    for (const from of PROJECT_STATUSES)
      for (const to of PROJECT_STATUSES) {
        if (legal.has(`${from}>${to}`)) continue;
        const err = transitionError(from, to);
        expect(err, `${from}>${to}`).not.toBeNull();
        expect(err).toContain(from);
        refused++;
      }
    expect(refused).toBe(13 * 13 - LEGAL.length);
    expect(transitionError("推荐申报", "通过验收")).toBe(
      "当前状态“推荐申报”不能直接变为“通过验收”",
    );
    expect(transitionError("储备", "终止")).toBe("当前状态“储备”不能直接变为“终止”");
    expect(transitionError("结题", "实施中")).toBe("项目已“结题”，不能再变更状态");
    expect(transitionError("实施中", "进行中")).toBe("“进行中”不是有效的项目状态");
  });

  it("passes acceptance only when task and finance both pass", () => {
    expect(acceptanceOutcome("通过", "通过")).toBe("通过验收");
    expect(acceptanceOutcome("通过", "整改后通过")).toBe("整改后通过");
    expect(acceptanceOutcome("整改后通过", "通过")).toBe("整改后通过");
    expect(acceptanceOutcome("整改后通过", "整改后通过")).toBe("整改后通过");
    expect(acceptanceOutcome("通过", "不通过")).toBe("不通过");
    expect(acceptanceOutcome("不通过", "通过")).toBe("不通过");
    expect(acceptanceOutcome("不通过", "整改后通过")).toBe("不通过");
  });

  it("limits rectification to three calendar months", () => {
    expect(rectifyLimit("2026-03-15")).toBe("2026-06-15");
    expect(rectifyLimit("2026-11-30")).toBe("2027-02-28");
    expect(rectifyLimit("2027-11-30")).toBe("2028-02-29");
  });

  it("classifies 新上 and 结转 across a year boundary", () => {
    const h = [
      { to: "储备", on: "2024-10-01" },
      { to: "推荐申报", on: "2024-11-01" },
      { to: "立项", on: "2025-12-31" },
      { to: "实施中", on: "2026-01-01" },
      { to: "申请验收", on: "2026-11-01" },
      { to: "通过验收", on: "2026-12-10" },
    ];
    expect(yearClass(h, 2024)).toBeNull();
    expect(yearClass(h, 2025)).toBe("新上");
    expect(yearClass(h, 2026)).toBe("结转");
    expect(yearClass(h, 2027)).toBeNull();
    // Stopped on 31 December: not carried into the next year.
    const stopped = [
      { to: "立项", on: "2025-03-01" },
      { to: "终止", on: "2025-12-31" },
    ];
    expect(yearClass(stopped, 2026)).toBeNull();
    // Stopped on 1 January: it was still active at the start of the year.
    expect(
      yearClass(
        [
          { to: "立项", on: "2025-03-01" },
          { to: "终止", on: "2026-01-01" },
        ],
        2026,
      ),
    ).toBe("结转");
    expect(yearClass([{ to: "未立项", on: "2025-03-01" }], 2025)).toBeNull();
  });

  it("reads the status on a date and flags overdue active projects only", () => {
    const h = [
      { to: "立项", on: "2025-03-01" },
      { to: "实施中", on: "2025-04-01" },
    ];
    expect(statusOn(h, "2025-02-28")).toBeNull();
    expect(statusOn(h, "2025-03-31")).toBe("立项");
    expect(isOverdue("实施中", "2025-12-31", "2026-01-01")).toBe(true);
    expect(isOverdue("实施中", "2025-12-31", "2025-12-31")).toBe(false);
    expect(isOverdue("通过验收", "2025-12-31", "2026-06-30")).toBe(false);
    expect(isOverdue("终止", "2025-12-31", "2026-06-30")).toBe(false);
    expect(isOverdue("实施中", null, "2026-06-30")).toBe(false);
  });
});
