import type { AttachmentOwner } from "../core/attachments/owners.ts";
import { coreMetrics } from "../core/metrics/core-metrics.ts";
import { createMetricRegistry, type MetricRegistry } from "../core/metrics/registry.ts";
import type { ReportContributor } from "../core/report/contribution.ts";
import { achievementMetrics } from "../modules/achievements/achievements.metrics.ts";
import { achievementsReport } from "../modules/achievements/achievements.report.ts";
import { activityAttachmentOwner } from "../modules/activities/activities.attachments.ts";
import { enterpriseMetrics } from "../modules/enterprises/metrics.ts";
import { enterprisesReport } from "../modules/enterprises/report.ts";
import { fieldworkContributors, fieldworkMetrics } from "../modules/fieldwork/index.ts";
import { fundMetrics } from "../modules/funds/funds.metrics.ts";
import { problemsReport } from "../modules/insights/problems.report.ts";
import { investmentMetrics } from "../modules/investments/investments.metrics.ts";
import { investmentsReport } from "../modules/investments/investments.report.ts";
import { ipAssetMetrics } from "../modules/ip-assets/ip-assets.metrics.ts";
import { ipAssetsReport } from "../modules/ip-assets/ip-assets.report.ts";
import { ipWorkMetrics } from "../modules/ip-work/ip-work.metrics.ts";
import { ipWorkReport } from "../modules/ip-work/ip-work.report.ts";
import { patentMetrics } from "../modules/patents/metrics.ts";
import { patentsReport } from "../modules/patents/report.ts";
import { platformMetrics } from "../modules/platforms/platforms.metrics.ts";
import { platformsReport } from "../modules/platforms/platforms.report.ts";
import { projectAttachmentOwner } from "../modules/projects/projects.attachments.ts";
import { projectMetrics } from "../modules/projects/projects.metrics.ts";
import { projectsReport } from "../modules/projects/projects.report.ts";
import { projectTransitionAttachmentOwner } from "../modules/projects/transition.attachments.ts";
import { quakeMetrics } from "../modules/quake/quake.metrics.ts";
import { quakeReport } from "../modules/quake/quake.report.ts";
import { targetFamilies, targetMetrics } from "../modules/targets/targets.metrics.ts";
import { targetsProblemsReport } from "../modules/targets/targets.problems.ts";
import { targetsPlanReport, targetsProgressReport } from "../modules/targets/targets.report.ts";
import { taskAttachmentOwners } from "../modules/tasks/attachments.ts";
import { taskMetrics } from "../modules/tasks/tasks.metrics.ts";
import { taskContributors } from "../modules/tasks/tasks.report.ts";

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
    ...investmentMetrics,
    ...patentMetrics,
    ...quakeMetrics,
    ...platformMetrics,
    ...achievementMetrics,
    ...ipWorkMetrics,
    ...taskMetrics,
    ...ipAssetMetrics,
    ...targetMetrics,
  ]).registerFamilies(targetFamilies);
}

export const reportContributors: readonly ReportContributor[] = [
  problemsReport,
  enterprisesReport,
  ...fieldworkContributors,
  projectsReport,
  investmentsReport,
  patentsReport,
  quakeReport,
  platformsReport,
  achievementsReport,
  ipWorkReport,
  ...taskContributors,
  ipAssetsReport,
  targetsProgressReport,
  targetsPlanReport,
  targetsProblemsReport,
];

/** What files may be attached to; see src/core/attachments/owners.ts. */
export const attachmentOwners: readonly AttachmentOwner[] = [
  projectAttachmentOwner,
  projectTransitionAttachmentOwner,
  ...taskAttachmentOwners,
  activityAttachmentOwner,
];
