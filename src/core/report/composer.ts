import type { Conn, Region } from "../db/schema.ts";
import { metricScope } from "../metrics/metric.ts";
import type { Period } from "../metrics/period.ts";
import type { MetricRegistry } from "../metrics/registry.ts";
import { createReportContext, type ReportContributor, type ReportPart } from "./contribution.ts";
import type { Block, ReportDocument } from "./model.ts";

export interface ComposeOptions {
  db: Conn;
  registry: MetricRegistry;
  contributors: readonly ReportContributor[];
  region: Pick<Region, "id" | "path" | "name">;
  period: Period;
  /** Issuing unit; defaults to "<region>科学技术和知识产权局". */
  unitName?: string;
  /** 主送机关; defaults to "<region>人民政府". */
  addressee?: string;
  /** Date of issue 'YYYY-MM-DD'; defaults to today in Beijing time. */
  date?: string;
}

/** Today's date in Beijing time, 'YYYY-MM-DD'. */
export function todayCst(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** "县委、县政府" / "区委、区政府" / "市委、市政府" from the region's name. */
function leadership(regionName: string): string {
  const last = regionName.slice(-1);
  const kind = ["县", "区", "市", "旗"].includes(last) ? last : "县";
  return `${kind}委、${kind}政府`;
}

/** Checks contributor ids are unique; contributors are code, so a clash is a bug. */
function ordered(contributors: readonly ReportContributor[]): ReportContributor[] {
  const seen = new Set<string>();
  for (const c of contributors) {
    if (seen.has(c.id)) throw new Error(`Report contributor "${c.id}" is registered twice`);
    seen.add(c.id);
  }
  return [...contributors].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

const PART_HEADINGS: Record<ReportPart, string> = {
  work: "主要工作开展情况",
  targets: "目标任务完成情况",
  problems: "存在的问题",
  plans: "下一步工作打算",
};
const PART_ORDER: readonly ReportPart[] = ["work", "targets", "problems", "plans"];

/** What the title promises after 工作总结 when the report has a plans part. */
export function planTitle(period: Period): string {
  if (period.span === "全年") return `${Number(period.from.slice(0, 4)) + 1}年工作打算`;
  if (period.span === "上半年") return "下半年工作计划";
  if (period.span === "前三季度") return "第四季度工作打算";
  return "下一步工作打算";
}

/**
 * Builds the work summary for a region and period: title, 主送, opening, then the parts
 * 一、主要工作开展情况 / 二、目标任务完成情况 / 三、存在的问题 / 四、下一步工作打算, each holding
 * its contributors' sections in order (empty sections and empty parts left out), then the
 * signature. Contributors run one after another on the given connection.
 */
export async function composeReport(opts: ComposeOptions): Promise<ReportDocument> {
  const { db, registry, region, period } = opts;
  const scope = metricScope(region, period);
  const ctx = createReportContext({ db, registry, scope, period });
  const unit = opts.unitName ?? `${region.name}科学技术和知识产权局`;

  const parts = new Map<ReportPart, Block[]>(PART_ORDER.map((p) => [p, []]));
  // Keys the composer itself uses; a section named alike would collide with them.
  const keys = new Set<string>(["opening", ...PART_ORDER]);
  for (const contributor of ordered(opts.contributors)) {
    const section = await contributor.contribute(ctx);
    if (!section || section.blocks.length === 0) continue;
    const part = contributor.part ?? "work";
    const prefix = section.key || contributor.id;
    const headed = part === "work" || section.heading.trim() !== "";
    const blocks: Block[] = [
      ...(headed
        ? [
            {
              type: "heading" as const,
              key: prefix,
              level: 2 as const,
              runs: [{ t: "text" as const, text: section.heading }],
            },
          ]
        : []),
      ...section.blocks.map((b) => ({ ...b, key: `${prefix}.${b.key}` })),
    ];
    for (const b of blocks) {
      if (keys.has(b.key)) throw new Error(`Report block key "${b.key}" is not unique`);
      keys.add(b.key);
    }
    parts.get(part)?.push(...blocks);
  }

  const opening: Block = {
    type: "paragraph",
    key: "opening",
    runs: [
      {
        t: "text",
        text:
          `${period.label}，${unit}在${leadership(region.name)}的正确领导下，` +
          "深入实施创新驱动发展战略，扎实推进科技和知识产权各项工作。" +
          `现将${period.label}工作情况总结如下：`,
      },
    ],
  };

  const blocks: Block[] = [opening];
  for (const part of PART_ORDER) {
    const body = parts.get(part) ?? [];
    if (body.length === 0) continue;
    blocks.push({
      type: "heading",
      key: part,
      level: 1,
      runs: [{ t: "text", text: PART_HEADINGS[part] }],
    });
    blocks.push(...body);
  }
  const plans = (parts.get("plans") ?? []).length > 0;

  return {
    title: `${unit}${period.label}工作总结${plans ? `及${planTitle(period)}` : ""}`,
    addressee: opts.addressee ?? `${region.name}人民政府`,
    blocks,
    signature: { unit, date: opts.date ?? todayCst() },
  };
}
