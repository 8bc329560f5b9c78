import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Block, ReportDocument } from "../../src/core/report/model.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

interface DraftDto {
  id: number;
  version: number;
  versionNo: number;
  title: string;
  doc: ReportDocument;
  changes: { key: string; kind: string; before: string; after: string | null }[];
}

const text = (b: Block | undefined) =>
  b && (b.type === "paragraph" || b.type === "heading") ? b.runs.map((r) => r.text).join("") : "";

describe.each(engines)("report drafts on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let draft: DraftDto;

  const get = async (c: Client, id = draft.id) => {
    const res = await c.get(`/api/report-drafts/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<DraftDto>();
  };
  const block = (d: DraftDto, key: string) => d.doc.blocks.find((b) => b.key === key);

  beforeAll(async () => {
    t = await startTestApp(engine);
    editor = await t.login("keyuan");
    const res = await editor.post("/api/report-drafts", {
      regionId: t.demo.county.id,
      period: "2026H1",
    });
    expect(res.statusCode, res.body).toBe(201);
    draft = await get(editor, res.json<{ id: number }>().id);
  });
  afterAll(() => t?.close());

  it("generates a first draft once per region and period", async () => {
    expect(draft.title).toBe("夹江县科学技术和知识产权局2026年上半年工作总结及下半年工作计划");
    expect(draft.versionNo).toBe(1);
    expect(text(block(draft, "contracts.summary"))).toContain("登记技术合同11项");
    const again = await editor.post("/api/report-drafts", {
      regionId: t.demo.county.id,
      period: "2026H1",
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe("该地区该期间的工作总结已存在，不能重复");
  });

  it("keeps edits, added sections and deletions across a regenerate, and says what changed", async () => {
    const blocks = draft.doc.blocks.flatMap((b): Block[] => {
      if (b.key === "contracts.summary") {
        return [
          {
            type: "paragraph",
            key: b.key,
            runs: [{ t: "text", text: "技术合同登记工作稳步推进，共登记11项。" }],
          },
        ];
      }
      if (b.key === "quake.summary") return [];
      if (b.key === "opening") {
        return [
          b,
          {
            type: "heading",
            key: "user.party",
            level: 2,
            runs: [{ t: "text", text: "加强党建引领" }],
          },
          {
            type: "paragraph",
            key: "user.party.p",
            runs: [{ t: "text", text: "扎实开展党纪学习教育。" }],
          },
        ];
      }
      return [b];
    });
    const saved = await editor.put(`/api/report-drafts/${draft.id}`, {
      version: draft.version,
      doc: { ...draft.doc, blocks },
      note: "改写技术合同段落",
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const v2 = saved.json<DraftDto>();
    expect(v2.versionNo).toBe(2);
    // Untouched paragraphs keep their traced figures through a save.
    const traced = (bs: Block[]) =>
      bs.flatMap((b) => (b.type === "paragraph" ? b.runs : [])).filter((r) => r.t === "number");
    expect(traced(blocks).length).toBeGreaterThan(50);
    expect(traced(v2.doc.blocks)).toEqual(traced(blocks));

    // A stale save is refused and changes nothing.
    const stale = await editor.put(`/api/report-drafts/${draft.id}`, {
      version: draft.version,
      doc: draft.doc,
    });
    expect(stale.statusCode).toBe(409);
    expect((await get(editor)).versionNo).toBe(2);

    // New facts: one more technology contract in the period.
    const added = await editor.post("/api/contracts", {
      regNo: "2026511126009901",
      name: "陶瓷釉料配方开发",
      type: "技术开发（委托）",
      sellerName: "四川大学",
      buyerName: "夹江县某陶瓷有限公司",
      amount: 310000,
      turnover: 300000,
      signedOn: "2026-05-01",
      registeredOn: "2026-05-10",
      regionId: t.demo.county.id,
    });
    expect(added.statusCode, added.body).toBe(200);

    const regen = await editor.post(`/api/report-drafts/${draft.id}/regenerate`, {
      version: v2.version,
    });
    expect(regen.statusCode, regen.body).toBe(200);
    const v3 = regen.json<DraftDto>();
    expect(v3.versionNo).toBe(3);
    expect(text(block(v3, "contracts.summary"))).toBe("技术合同登记工作稳步推进，共登记11项。");
    expect(v3.changes).toHaveLength(1);
    expect(v3.changes[0]).toMatchObject({ key: "contracts.summary", kind: "facts-changed" });
    expect(v3.changes[0]?.before).toContain("登记技术合同11项");
    expect(v3.changes[0]?.after).toContain("登记技术合同12项");
    expect(block(v3, "quake.summary")).toBeUndefined();
    const keys = v3.doc.blocks.map((b) => b.key);
    expect(keys.slice(0, 3)).toEqual(["opening", "user.party", "user.party.p"]);
    // The figures of untouched paragraphs are recomputed and still trace to their metrics.
    const check = await editor.get(`/api/report-drafts/${draft.id}/verify`);
    expect(check.json()).toMatchObject({ mismatches: [] });
    expect(check.json<{ checked: number }>().checked).toBeGreaterThan(20);
  });

  it("does not let a client mint traced figures", async () => {
    const d = await get(editor);
    const forged: Block = {
      type: "paragraph",
      key: "user.forged",
      runs: [
        { t: "text", text: "专利申请" },
        {
          t: "number",
          value: 999,
          text: "999件",
          metric: "patents.applications",
          scope: {
            regionId: 1,
            regionPath: "/1/",
            regionName: "夹江县",
            from: "2026-01-01",
            to: "2026-06-30",
          },
        },
      ],
    };
    const res = await editor.put(`/api/report-drafts/${d.id}`, {
      version: d.version,
      doc: { ...d.doc, blocks: [...d.doc.blocks, forged] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const saved = block(res.json<DraftDto>(), "user.forged");
    expect(saved?.type === "paragraph" && saved.runs[1]).toEqual({ t: "text", text: "999件" });
  });

  it("rejects a malformed document with a field-named message", async () => {
    const d = await get(editor);
    const res = await editor.put(`/api/report-drafts/${d.id}`, {
      version: d.version,
      doc: { ...d.doc, title: "" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain("标题不能为空");
  });

  it("lists versions and restores an earlier one as a new version", async () => {
    const list = await editor.get(`/api/report-drafts/${draft.id}/versions`);
    const items = list.json<{ items: { no: number; note: string }[] }>().items;
    expect(items.map((v) => v.no)).toEqual([4, 3, 2, 1]);
    expect(items.map((v) => v.note)).toEqual([
      "编辑保存",
      "重新生成（1处数据有变化）",
      "改写技术合同段落",
      "生成初稿",
    ]);
    const d = await get(editor);
    const res = await editor.post(`/api/report-drafts/${d.id}/restore`, {
      version: d.version,
      no: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    const restored = res.json<DraftDto>();
    expect(restored.versionNo).toBe(5);
    expect(text(block(restored, "contracts.summary"))).toContain("登记技术合同11项");
  });

  it("exports the edited draft as Word and Excel", async () => {
    const docx = await editor.get(`/api/report-drafts/${draft.id}/docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    const xlsx = await editor.get(`/api/report-drafts/${draft.id}/xlsx`);
    expect(xlsx.statusCode).toBe(200);
  });

  it("scopes drafts like their region and keeps readers read-only", async () => {
    const [jingyan, viewer, city] = await Promise.all([
      t.login("jingyan"),
      t.login("juzhang"),
      t.login("shiju"),
    ]);
    expect((await jingyan.get(`/api/report-drafts/${draft.id}`)).statusCode).toBe(404);
    expect((await jingyan.get("/api/report-drafts")).json<{ items: unknown[] }>().items).toEqual(
      [],
    );
    const d = await get(viewer);
    const put = await viewer.put(`/api/report-drafts/${d.id}`, { version: d.version, doc: d.doc });
    expect(put.statusCode).toBe(403);
    expect((await get(city)).id).toBe(draft.id);
    // The city bureau writes its own summary over all its counties.
    const own = await city.post("/api/report-drafts", {
      regionId: t.demo.city.id,
      period: "2026H1",
    });
    expect(own.statusCode, own.body).toBe(201);
    const cityDraft = await get(city, own.json<{ id: number }>().id);
    expect(cityDraft.title).toContain("乐山市");
    const other = await jingyan.post("/api/report-drafts", {
      regionId: t.demo.county.id,
      period: "2026",
    });
    expect(other.statusCode).toBe(403);
  });
});
