import type { EntityDef } from "../../core/entity/define.ts";
import type { MetricDef } from "../../core/metrics/metric.ts";
import type { ReportContributor } from "../../core/report/contribution.ts";
import { activityMetrics } from "../activities/activities.metrics.ts";
import { activitiesReport } from "../activities/activities.report.ts";
import { activityEntity } from "../activities/entities.ts";
import { commissionerMetrics } from "../commissioners/commissioners.metrics.ts";
import { commissionersReport } from "../commissioners/commissioners.report.ts";
import { commissionerEntity } from "../commissioners/entities.ts";
import { contractMetrics } from "../contracts/contracts.metrics.ts";
import { contractsReport } from "../contracts/contracts.report.ts";
import { contractEntity } from "../contracts/entities.ts";

/** Field work's three lines (activities, contracts, commissioners), registered together. */
export const fieldworkEntities: EntityDef[] = [activityEntity, contractEntity, commissionerEntity];

export const fieldworkMetrics: readonly MetricDef[] = [
  ...activityMetrics,
  ...contractMetrics,
  ...commissionerMetrics,
];

export const fieldworkContributors: readonly ReportContributor[] = [
  contractsReport,
  commissionersReport,
  activitiesReport,
];

export { activityRoutes } from "../activities/routes.ts";
export { commissionerRoutes } from "../commissioners/routes.ts";
export { contractRoutes } from "../contracts/routes.ts";
