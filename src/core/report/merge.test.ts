import { describe, expect, it } from "vitest";
import { mergeRegenerated } from "./merge.ts";
import type { Block, ReportDocument } from "./model.ts";

const p = (key: string, text: string): Block => ({
  type: "paragraph",
  key,
  runs: [{ t: "text", text }],
});
const h = (key: string, text: string): Block => ({
  type: "heading",
  key,
  level: 2,
  runs: [{ t: "text", text }],
});
const doc = (blocks: Block[], title = "夹江县2026年上半年工作总结"): ReportDocument => ({
  title,
  addressee: "夹江县人民政府",
  blocks,
  signature: { unit: "夹江县科学技术和知识产权局", date: "2026-07-05" },
});
const keys = (d: ReportDocument) => d.blocks.map((b) => b.key);
const texts = (d: ReportDocument) =>
  d.blocks.map((b) => (b.type === "paragraph" || b.type === "heading" ? b.runs[0]?.text : ""));

describe("mergeRegenerated", () => {
  const gen1 = doc([
    p("opening", "开头"),
    h("patents", "知识产权"),
    p("patents.p1", "专利申请28件"),
    h("projects", "科技项目"),
    p("projects.p1", "立项3项"),
  ]);

  it("takes new figures where nobody edited", () => {
    const gen2 = doc([
      p("opening", "开头"),
      h("patents", "知识产权"),
      p("patents.p1", "专利申请30件"),
      h("projects", "科技项目"),
      p("projects.p1", "立项4项"),
    ]);
    const r = mergeRegenerated(gen1, gen1, gen2);
    expect(r.doc).toEqual(gen2);
    expect(r.changes).toEqual([]);
  });

  it("keeps rewritten paragraphs and says which facts changed under them", () => {
    const edited = doc(
      gen1.blocks.map((b) => (b.key === "patents.p1" ? p(b.key, "申请专利28件，创历史新高") : b)),
    );
    const gen2 = doc(
      gen1.blocks.map((b) => (b.key === "patents.p1" ? p(b.key, "专利申请30件") : b)),
    );
    const r = mergeRegenerated(gen1, edited, gen2);
    expect(texts(r.doc)).toContain("申请专利28件，创历史新高");
    expect(r.changes).toEqual([
      { key: "patents.p1", kind: "facts-changed", before: "专利申请28件", after: "专利申请30件" },
    ]);
    // A rewritten paragraph whose facts did not change is kept silently.
    expect(mergeRegenerated(gen1, edited, gen1).changes).toEqual([]);
  });

  it("keeps people's own sections after the block they followed, and deletions deleted", () => {
    const edited = doc([
      p("opening", "开头"),
      h("user.a", "党建工作"),
      p("user.b", "扎实开展主题教育"),
      h("patents", "知识产权"),
      h("projects", "科技项目"),
      p("projects.p1", "立项3项"),
      p("user.c", "帮扶工作"),
    ]);
    const gen2 = doc([
      p("opening", "开头"),
      h("patents", "知识产权"),
      p("patents.p1", "专利申请30件"),
      h("quake", "防震减灾"),
      p("quake.p1", "演练2次"),
      h("projects", "科技项目"),
      p("projects.p1", "立项4项"),
    ]);
    const r = mergeRegenerated(gen1, edited, gen2);
    expect(keys(r.doc)).toEqual([
      "opening",
      "user.a",
      "user.b",
      "patents",
      "quake",
      "quake.p1",
      "projects",
      "projects.p1",
      "user.c",
    ]);
    expect(texts(r.doc)).toContain("立项4项");
  });

  it("keeps a rewritten block whose section disappeared, and flags it", () => {
    const edited = doc(
      gen1.blocks.map((b) => (b.key === "projects.p1" ? p(b.key, "我们立项了3项") : b)),
    );
    const gen2 = doc(gen1.blocks.filter((b) => !b.key.startsWith("projects")));
    const r = mergeRegenerated(gen1, edited, gen2);
    expect(keys(r.doc)).toEqual(["opening", "patents", "patents.p1", "projects.p1"]);
    expect(r.changes).toEqual([
      { key: "projects.p1", kind: "facts-removed", before: "立项3项", after: null },
    ]);
  });

  it("keeps an edited title and takes a new one otherwise", () => {
    const gen2 = doc(gen1.blocks, "夹江县2026年上半年工作总结及下半年工作计划");
    expect(mergeRegenerated(gen1, gen1, gen2).doc.title).toBe(gen2.title);
    const edited = { ...gen1, title: "关于2026年上半年工作情况的报告" };
    expect(mergeRegenerated(gen1, edited, gen2).doc.title).toBe("关于2026年上半年工作情况的报告");
  });
});
