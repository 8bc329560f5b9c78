import { coreMetrics } from "../core/metrics/core-metrics.ts";
import { createMetricRegistry, type MetricRegistry } from "../core/metrics/registry.ts";
import type { ReportContributor } from "../core/report/contribution.ts";
import { enterpriseMetrics } from "../modules/enterprises/metrics.ts";
import { enterprisesReport } from "../modules/enterprises/report.ts";
import { fieldworkContributors, fieldworkMetrics } from "../modules/fieldwork/index.ts";
import { fundMetrics } from "../modules/funds/funds.metrics.ts";
import { ipWorkMetrics } from "../modules/ip-work/ip-work.metrics.ts";
import { ipWorkReport } from "../modules/ip-work/ip-work.report.ts";
import { patentMetrics } from "../modules/patents/metrics.ts";
import { patentsReport } from "../modules/patents/report.ts";
import { projectMetrics } from "../modules/projects/projects.metrics.ts";
import { projectsReport } from "../modules/projects/projects.report.ts";
import { quakeMetrics } from "../modules/quake/quake.metrics.ts";
import { quakeReport } from "../modules/quake/quake.report.ts";

/**
 * Where modules plug in: every module's metrics and report contributors are listed here
 * once, and the server, CLI and report generator all use these lists.
 */
export function buildMetricRegistry(): MetricRegistry {
  return createMetricRegistry([
    ...coreMetrics,
    ...enterpriseMetrics,
    ...fieldworkMetrics,
    ...projectMetrics,
    ...fundMetrics,
    ...patentMetrics,
    ...quakeMetrics,
    ...ipWorkMetrics,
  ]);
}

export const reportContributors: readonly ReportContributor[] = [
  enterprisesReport,
  ...fieldworkContributors,
  projectsReport,
  patentsReport,
  quakeReport,
  ipWorkReport,
];
