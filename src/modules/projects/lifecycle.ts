/**
 * The project lifecycle as data: states, the legal moves between them, and the derived
 * yearly classification. Pure (no database) so every move can be unit-tested.
 */

export const PROJECT_STATUSES = [
  "储备",
  "推荐申报",
  "立项",
  "未立项",
  "实施中",
  "中期检查",
  "申请验收",
  "通过验收",
  "整改后通过",
  "不通过",
  "结题",
  "终止",
  "撤销",
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** Approved and not yet concluded: counts as 在研, can be 终止/撤销, can be overdue. */
export const ACTIVE_STATUSES: readonly ProjectStatus[] = ["立项", "实施中", "中期检查", "申请验收"];
/** Outcomes of an acceptance; reached only by recording one. */
export const ACCEPTANCE_OUTCOMES = ["通过验收", "整改后通过", "不通过"] as const;
export type AcceptanceOutcome = (typeof ACCEPTANCE_OUTCOMES)[number];
/** Passed acceptance (counted as 验收通过). */
export const PASSED_STATUSES: readonly ProjectStatus[] = ["通过验收", "整改后通过"];
/** States after which money paid out is to be recovered. */
export const RECOVERY_STATUSES: readonly ProjectStatus[] = ["终止", "撤销"];

const STOP: ProjectStatus[] = ["终止", "撤销"];

/**
 * Legal next states. 实施中 may go straight to 申请验收: county projects often have no
 * mid-term check.
 */
export const TRANSITIONS: Readonly<Record<ProjectStatus, readonly ProjectStatus[]>> = {
  储备: ["推荐申报"],
  推荐申报: ["立项", "未立项"],
  立项: ["实施中", ...STOP],
  未立项: [],
  实施中: ["中期检查", "申请验收", ...STOP],
  中期检查: ["申请验收", ...STOP],
  申请验收: ["通过验收", "整改后通过", "不通过", ...STOP],
  通过验收: ["结题"],
  整改后通过: ["结题"],
  不通过: ["结题"],
  结题: [],
  终止: [],
  撤销: [],
};

export function isProjectStatus(s: string): s is ProjectStatus {
  return (PROJECT_STATUSES as readonly string[]).includes(s);
}

export function nextStatuses(from: string): readonly ProjectStatus[] {
  return isProjectStatus(from) ? TRANSITIONS[from] : [];
}

export function isActive(status: string): boolean {
  return (ACTIVE_STATUSES as readonly string[]).includes(status);
}

/** null when the move is legal; otherwise the Chinese reason shown to the user. */
export function transitionError(from: string, to: string): string | null {
  if (!isProjectStatus(to)) return `“${to}”不是有效的项目状态`;
  if (!isProjectStatus(from)) return `当前状态“${from}”无效`;
  if (TRANSITIONS[from].includes(to)) return null;
  if (TRANSITIONS[from].length === 0) return `项目已“${from}”，不能再变更状态`;
  return `当前状态“${from}”不能直接变为“${to}”`;
}

/** Acceptance: passes only if task and finance both pass; any 不通过 fails it. */
export type Conclusion = "通过" | "整改后通过" | "不通过";
export function acceptanceOutcome(task: Conclusion, finance: Conclusion): AcceptanceOutcome {
  if (task === "不通过" || finance === "不通过") return "不通过";
  if (task === "整改后通过" || finance === "整改后通过") return "整改后通过";
  return "通过验收";
}

/** The last day a rectification may be due: three calendar months after acceptance. */
export function rectifyLimit(acceptedOn: string): string {
  const [y, mo, d] = acceptedOn.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (mo - 1) + 3;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

export interface DatedTransition {
  to: string;
  on: string;
}

/** Status on a date from a history ordered by date then insertion; null before the first. */
export function statusOn(history: readonly DatedTransition[], date: string): string | null {
  let s: string | null = null;
  for (const t of history) if (t.on <= date) s = t.to;
  return s;
}

/**
 * 新上: approved (立项) in the year. 结转: approved before the year and still active on
 * 1 January. Anything else is neither.
 */
export function yearClass(
  history: readonly DatedTransition[],
  year: number,
): "新上" | "结转" | null {
  const start = `${year}-01-01`;
  const approved = history.find((t) => t.to === "立项");
  if (!approved) return null;
  if (approved.on >= start && approved.on <= `${year}-12-31`) return "新上";
  if (approved.on < start) {
    const before = statusOn(
      history.filter((t) => t.on < start),
      start,
    );
    if (before && isActive(before)) return "结转";
  }
  return null;
}

/** Past its end date and still active (not accepted, concluded or stopped). */
export function isOverdue(status: string, endOn: string | null, date: string): boolean {
  return endOn !== null && endOn < date && isActive(status);
}
