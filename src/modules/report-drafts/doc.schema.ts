import { z } from "zod";
import type { Block, NumberRun, ReportDocument, Run } from "../../core/report/model.ts";

/*
 * The report document as a client may send it back after editing. Validated in full at the
 * boundary; sizes are capped so a hostile client cannot store megabytes of JSON.
 */

const text = z.string().max(20_000);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const scope = z.object({
  regionId: z.number().int(),
  regionPath: z.string().max(200),
  regionName: z.string().max(100),
  from: date,
  to: date,
});

const numberRun = z.object({
  t: z.literal("number"),
  value: z.number(),
  text: z.string().max(100),
  metric: z.string().max(200),
  scope,
  base: scope.optional(),
});
const run = z.discriminatedUnion("t", [
  z.object({ t: z.literal("text"), text }),
  numberRun,
  z.object({
    t: z.literal("name"),
    text: z.string().max(500),
    ref: z.object({ entity: z.string().max(50), id: z.union([z.number(), z.string().max(50)]) }),
  }),
  z.object({ t: z.literal("date"), date, text: z.string().max(50) }),
]);
const runs = z.array(run).max(2000);
const key = z.string().min(1).max(200);
const cell = z.object({
  runs,
  colSpan: z.number().int().min(1).max(50).optional(),
  rowSpan: z.number().int().min(1).max(500).optional(),
  align: z.enum(["left", "center", "right"]).optional(),
});
const rows = z.array(z.array(cell).max(50)).max(500);

const block = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("heading"),
    key,
    level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    runs,
  }),
  z.object({ type: z.literal("paragraph"), key, runs }),
  z.object({
    type: z.literal("table"),
    key,
    caption: runs.optional(),
    header: rows,
    body: rows,
    unitNote: z.string().max(100).optional(),
  }),
  z.object({
    type: z.literal("chart"),
    key,
    spec: z.string().max(50),
    title: z.string().max(200).optional(),
    categories: z.array(z.string().max(100)).max(500),
    series: z
      .array(
        z.object({
          name: z.string().max(100),
          values: z.array(numberRun).max(500),
        }),
      )
      .max(20),
  }),
  z.object({ type: z.literal("list"), key, ordered: z.boolean(), items: z.array(runs).max(500) }),
]);

export const reportDocumentSchema = z.object({
  title: z.string().min(1, "标题不能为空").max(200),
  addressee: z.string().max(200).optional(),
  blocks: z.array(block).max(3000),
  signature: z.object({ unit: z.string().min(1).max(100), date }).optional(),
});

// Field by field: JSON key order differs between what the database returns and what the
// request schema rebuilds, so a whole-object stringify would never match.
const scopeKey = (s: NumberRun["scope"] | undefined) =>
  s ? [s.regionId, s.regionPath, s.regionName, s.from, s.to] : null;

function runKey(r: NumberRun): string {
  return JSON.stringify([r.metric, scopeKey(r.scope), scopeKey(r.base), r.value, r.text]);
}

/**
 * A client cannot mint traced figures: a number run survives a save only if the generator
 * produced exactly that run (same metric, scope, value and wording); any other becomes
 * plain text, which the report then shows as a figure written by a person.
 */
export function keepOnlyGeneratedNumbers(
  doc: z.infer<typeof reportDocumentSchema>,
  generated: ReportDocument,
): ReportDocument {
  const known = new Set<string>();
  const collect = (r: Run) => {
    if (r.t === "number") known.add(runKey(r));
  };
  for (const b of generated.blocks) forEachRun(b, collect);
  const fix = (r: Run): Run =>
    r.t === "number" && !known.has(runKey(r)) ? { t: "text", text: r.text } : r;
  return { ...doc, blocks: doc.blocks.map((b) => mapRuns(b, fix)) };
}

function forEachRun(b: Block, f: (r: Run) => void): void {
  mapRuns(b, (r) => {
    f(r);
    return r;
  });
}

function mapRuns(b: Block, f: (r: Run) => Run): Block {
  const cells = (rs: Block & { type: "table" }) => ({
    header: rs.header.map((row) => row.map((c) => ({ ...c, runs: c.runs.map(f) }))),
    body: rs.body.map((row) => row.map((c) => ({ ...c, runs: c.runs.map(f) }))),
  });
  switch (b.type) {
    case "heading":
    case "paragraph":
      return { ...b, runs: b.runs.map(f) };
    case "list":
      return { ...b, items: b.items.map((i) => i.map(f)) };
    case "table":
      return { ...b, caption: b.caption?.map(f), ...cells(b) };
    case "chart":
      return {
        ...b,
        series: b.series.map((s) => ({
          ...s,
          values: s.values.map(f).filter((r): r is NumberRun => r.t === "number"),
        })),
      };
  }
}
