import type { MetricScope } from "../../core/metrics/metric.ts";
import { commissionerRecordsLink } from "../commissioners/list-views.ts";
import { enterpriseRecordsLink } from "../enterprises/list-views.ts";
import { projectRecordsLink } from "../projects/list-views.ts";
import { taskRecordsLink } from "../tasks/list-views.ts";

/**
 * Where each figure's records are listed. Every module states its own recipe next to its
 * metrics (list-views.ts: the list filtered with the metric's own predicate); the ledgers
 * whose lists already filter by plain fields (patents, contracts, activities) are spelled
 * here. A metric without a recipe opens its module's page unfiltered.
 */

type Recipe = (metric: string, scope: MetricScope) => string | undefined;

/** Where each metric's module is listed, for metrics without a recipe. */
const PAGES: Record<string, string> = {
  patents: "/ip",
  enterprises: "/enterprises",
  projects: "/projects",
  funds: "/projects",
  contracts: "/contracts",
  activities: "/fieldwork",
  commissioners: "/fieldwork",
  tasks: "/tasks",
  targets: "/targets",
};
export const modulePage = (metric: string) => PAGES[metric.split(".")[0] ?? ""] ?? "/";

const PATENT_TYPES: Record<string, string> = {
  invention: "发明",
  utility: "实用新型",
  design: "外观设计",
};

function params(scope: MetricScope) {
  const q = new URLSearchParams({ regionId: String(scope.regionId) });
  const range = (key: string) => {
    q.set(`${key}_from`, scope.from);
    q.set(`${key}_to`, scope.to);
  };
  return { q, range };
}

/** Patents by filing/grant date and type, or valid ones (legal status) by type. */
const patents: Recipe = (metric, scope) => {
  const [module, what, type] = metric.split(".");
  if (module !== "patents") return undefined;
  const { q, range } = params(scope);
  if (what === "applications" || what === "grants") {
    range(what === "applications" ? "filedOn" : "grantedOn");
  } else if (what === "valid") {
    q.set("legalStatus", "有效");
  } else {
    return undefined;
  }
  if (type && PATENT_TYPES[type]) q.set("patentType", PATENT_TYPES[type]);
  return `/ip?${q.toString()}`;
};

/** Contracts by registration date (count and amount), activities by the day held. */
const fieldwork: Recipe = (metric, scope) => {
  const [module] = metric.split(".");
  const { q, range } = params(scope);
  if (module === "contracts") range("registeredOn");
  else if (module === "activities") range("heldOn");
  else return undefined;
  return `${modulePage(metric)}?${q.toString()}`;
};

const RECIPES: readonly Recipe[] = [
  patents,
  fieldwork,
  enterpriseRecordsLink,
  projectRecordsLink,
  commissionerRecordsLink,
  taskRecordsLink,
];

/** The list of exactly the records a figure counts (or sums), else the module's page. */
export function recordsLink(metric: string, scope: MetricScope): string {
  for (const recipe of RECIPES) {
    const link = recipe(metric, scope);
    if (link) return link;
  }
  return modulePage(metric);
}
