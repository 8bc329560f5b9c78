import { coreMetrics } from "../core/metrics/core-metrics.ts";
import { createMetricRegistry, type MetricRegistry } from "../core/metrics/registry.ts";
import type { ReportContributor } from "../core/report/contribution.ts";
import { enterpriseMetrics } from "../modules/enterprises/metrics.ts";
import { enterprisesReport } from "../modules/enterprises/report.ts";
import { fieldworkContributors, fieldworkMetrics } from "../modules/fieldwork/index.ts";

/**
 * Where modules plug in: every module's metrics and report contributors are listed here
 * once, and the server, CLI and report generator all use these lists.
 */
export function buildMetricRegistry(): MetricRegistry {
  return createMetricRegistry([...coreMetrics, ...enterpriseMetrics, ...fieldworkMetrics]);
}

export const reportContributors: readonly ReportContributor[] = [
  enterprisesReport,
  ...fieldworkContributors,
];
