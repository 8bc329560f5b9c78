import { writeFile } from "node:fs/promises";
import { AppError } from "../core/errors.ts";
import { periodFromInput } from "../core/metrics/period.ts";
import { composeReport } from "../core/report/composer.ts";
import {
  REPORT_FORMATS,
  type ReportFormat,
  regionByCodeOrHome,
  renderReport,
  reportFilename,
  yearToDate,
} from "../reports/generate.ts";
import { buildMetricRegistry, reportContributors } from "../server/registry.ts";
import { flag, openConfigured } from "./context.ts";

function formatOf(args: string[]): ReportFormat {
  const out = flag(args, "out");
  const wanted =
    flag(args, "format") ?? (out ? out.split(".").pop()?.toLowerCase() : undefined) ?? "docx";
  const format = REPORT_FORMATS.find((f) => f === wanted);
  if (!format) {
    throw new AppError("VALIDATION", {
      fields: [{ field: "format", label: "格式", message: "格式只能是 docx、xlsx、html 或 txt" }],
    });
  }
  return format;
}

/** `report [--region 代码] [--period 2026H1] [--out 文件] [--format docx|xlsx|html|txt]` */
export async function reportCommand(args: string[]): Promise<void> {
  const format = formatOf(args);
  const periodArg = flag(args, "period");
  const period = periodArg ? periodFromInput({ period: periodArg }) : yearToDate();
  const handle = await openConfigured();
  try {
    const region = await regionByCodeOrHome(handle.db, flag(args, "region"));
    const registry = buildMetricRegistry();
    const doc = await composeReport({
      db: handle.db,
      registry,
      contributors: reportContributors,
      region,
      period,
    });
    const out = flag(args, "out") ?? reportFilename(doc, format);
    await writeFile(out, await renderReport(doc, format, { registry }));
    console.log(`已生成 ${region.name}${period.label}报告：${out}`);
  } finally {
    await handle.close();
  }
}
