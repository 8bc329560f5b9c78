import type { Conn, Region } from "../core/db/schema.ts";
import { AppError } from "../core/errors.ts";
import type { Period } from "../core/metrics/period.ts";
import { periodFromRange } from "../core/metrics/period.ts";
import type { MetricRegistry } from "../core/metrics/registry.ts";
import { getRegion, getRegionByCode } from "../core/regions/regions.repository.ts";
import { todayCst } from "../core/report/composer.ts";
import { renderHtml } from "../core/report/html.ts";
import type { ReportDocument } from "../core/report/model.ts";
import { type DocxOptions, renderDocx } from "./docx/render.ts";
import { renderText } from "./text.ts";
import { renderReportXlsx } from "./xlsx/render.ts";

export type ReportFormat = "docx" | "xlsx" | "html" | "txt";

export const REPORT_FORMATS: readonly ReportFormat[] = ["docx", "xlsx", "html", "txt"];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  html: "text/html; charset=utf-8",
  txt: "text/plain; charset=utf-8",
};

/** A report file in the given format. */
export async function renderReport(
  doc: ReportDocument,
  format: ReportFormat,
  opts: { registry?: MetricRegistry; docx?: DocxOptions } = {},
): Promise<Buffer> {
  if (format === "docx") return renderDocx(doc, opts.docx);
  if (format === "xlsx") return renderReportXlsx(doc, opts.registry);
  if (format === "txt") return Buffer.from(renderText(doc));
  const html = renderHtml(doc, { registry: opts.registry });
  return Buffer.from(
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${doc.title}</title></head><body>${html}</body></html>`,
  );
}

/** "夹江县科学技术和知识产权局2026年上半年工作总结.docx"; the XLSX says what it holds. */
export function reportFilename(doc: ReportDocument, format: ReportFormat): string {
  const base = doc.title.replace(/[\\/:*?"<>|]/g, "_");
  return format === "xlsx" ? `${base}（数据表）.xlsx` : `${base}.${format}`;
}

/** The deployment's own county: settings "home_region_id", else the first level-3 region. */
export async function homeRegion(db: Conn): Promise<Region> {
  const setting = await db
    .selectFrom("settings")
    .select("value")
    .where("key", "=", "home_region_id")
    .executeTakeFirst();
  const id = Number(
    typeof setting?.value === "string" ? JSON.parse(setting.value) : setting?.value,
  );
  const region =
    (Number.isInteger(id) && id > 0 ? await getRegion(db, id) : undefined) ??
    (await db
      .selectFrom("regions")
      .selectAll()
      .where("level", "=", 3)
      .orderBy("sort")
      .orderBy("id")
      .executeTakeFirst());
  if (!region) throw new AppError("NOT_FOUND", { entity: "本县（区）地区" });
  return region;
}

export async function regionByCodeOrHome(db: Conn, code?: string): Promise<Region> {
  if (!code) return homeRegion(db);
  const region = await getRegionByCode(db, code);
  if (!region) throw new AppError("NOT_FOUND", { entity: `地区 ${code}` });
  return region;
}

/** This year so far (Beijing time): 1 January to today. */
export function yearToDate(today = todayCst()): Period {
  return periodFromRange(`${today.slice(0, 4)}-01-01`, today);
}
