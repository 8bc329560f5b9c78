import type { Conn, Region } from "../db/schema.ts";
import { metricScope } from "../metrics/metric.ts";
import type { Period } from "../metrics/period.ts";
import type { MetricRegistry } from "../metrics/registry.ts";
import { createReportContext, type ReportContributor } from "./contribution.ts";
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

/**
 * Builds the work summary for a region and period: title, 主送, opening, then each
 * contributor's section (in order, empty ones left out) under 一、主要工作开展情况, then
 * the signature. Contributors run one after another on the given connection.
 */
export async function composeReport(opts: ComposeOptions): Promise<ReportDocument> {
  const { db, registry, region, period } = opts;
  const scope = metricScope(region, period);
  const ctx = createReportContext({ db, registry, scope, period });
  const unit = opts.unitName ?? `${region.name}科学技术和知识产权局`;

  const sectionBlocks: Block[] = [];
  // Keys the composer itself uses; a section named alike would collide with them.
  const keys = new Set<string>(["opening", "work"]);
  for (const contributor of ordered(opts.contributors)) {
    const section = await contributor.contribute(ctx);
    if (!section || section.blocks.length === 0) continue;
    const prefix = section.key || contributor.id;
    const blocks: Block[] = [
      { type: "heading", key: prefix, level: 2, runs: [{ t: "text", text: section.heading }] },
      ...section.blocks.map((b) => ({ ...b, key: `${prefix}.${b.key}` })),
    ];
    for (const b of blocks) {
      if (keys.has(b.key)) throw new Error(`Report block key "${b.key}" is not unique`);
      keys.add(b.key);
    }
    sectionBlocks.push(...blocks);
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
  if (sectionBlocks.length > 0) {
    blocks.push({
      type: "heading",
      key: "work",
      level: 1,
      runs: [{ t: "text", text: "主要工作开展情况" }],
    });
    blocks.push(...sectionBlocks);
  }

  return {
    title: `${unit}${period.label}工作总结`,
    addressee: opts.addressee ?? `${region.name}人民政府`,
    blocks,
    signature: { unit, date: opts.date ?? todayCst() },
  };
}
