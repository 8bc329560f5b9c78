import { download, request } from "../../api/client.ts";

export type Light = "green" | "yellow" | "red" | "grey";

export interface UnitRef {
  id: number;
  name: string;
}

export interface Task {
  id: number;
  title: string;
  content: string | null;
  source: string;
  sourceDoc: string | null;
  regionId: number;
  regionName: string;
  leadUnit: UnitRef;
  coUnits: UnitRef[];
  leader: string | null;
  assignedOn: string;
  deadlineKind: "date" | "workdays";
  deadlineWorkdays: number | null;
  originalDueOn: string;
  dueOn: string;
  remindWorkdays: number;
  status: string;
  light: Light;
  lightLabel: string;
  workdaysLeft: number;
  percent: number | null;
  signedByName: string | null;
  signedAt: string | null;
  requestedDueOn: string | null;
  requestReason: string | null;
  closingReport: string | null;
  closingRequestedOn: string | null;
  completedOn: string | null;
  outcome: string | null;
  version: number;
}

export interface TaskDetail extends Task {
  milestones: { id: number; title: string; dueOn: string; doneOn: string | null }[];
  transitions: {
    id: number;
    action: string;
    fromStatus: string | null;
    toStatus: string;
    occurredOn: string;
    at: string;
    userName: string | null;
    note: string | null;
  }[];
  progress: {
    id: number;
    unitId: number;
    unitName: string;
    reportedOn: string;
    text: string;
    percent: number | null;
    userName: string | null;
  }[];
  can: {
    actions: string[];
    reportProgress: boolean;
    editMilestones: boolean;
    delete: boolean;
    edit: boolean;
  };
}

export interface Counts {
  total: number;
  closed: number;
  closedLate: number;
  inProgress: number;
  dueSoon: number;
  overdue: number;
}

export interface Circular {
  date: string;
  title: string;
  regionName: string;
  totals: Counts;
  units: {
    unitId: number;
    unitName: string;
    counts: Counts;
    tasks: {
      id: number;
      title: string;
      coUnits: string[];
      dueOn: string;
      status: string;
      percent: number | null;
      light: Light;
      lightLabel: string;
    }[];
  }[];
}

/**
 * GET /api/tasks filters; the same keys are the TasksPage URL query (see TasksPage.tsx and
 * src/modules/tasks/tasks.filters.ts). Lists are comma-separated.
 */
export interface TaskFilters {
  status?: string;
  light?: string;
  source?: string;
  leadUnitId?: number;
  regionId?: number;
  year?: number;
  q?: string;
  asOf?: string;
  mine?: "1";
}

export interface TaskListQuery extends TaskFilters {
  page: number;
  pageSize: number;
  sort: "dueOn" | "-dueOn";
}

export interface TaskPage {
  items: Task[];
  total: number;
  page: number;
  pageSize: number;
}

export const TASK_SOURCES = [
  "年度工作要点",
  "领导批示",
  "人大代表建议",
  "政协提案",
  "上级交办",
  "其他",
];
export const TASK_STATUSES = [
  "待签收",
  "办理中",
  "申请延期",
  "申请办结",
  "已办结",
  "逾期办结",
  "已销号",
];
export const LIGHTS: { value: Light; label: string; color: string }[] = [
  { value: "green", label: "正常", color: "#52c41a" },
  { value: "yellow", label: "临近", color: "#faad14" },
  { value: "red", label: "逾期", color: "#f5222d" },
  { value: "grey", label: "已办结", color: "#bfbfbf" },
];

/** Button labels of POST /api/tasks/:id/actions/:action. */
export const ACTION_LABELS: Record<string, string> = {
  sign: "签收",
  "request-extension": "申请延期",
  "approve-extension": "批准延期",
  "refuse-extension": "驳回延期",
  "request-closing": "申请办结",
  "confirm-closing": "确认办结",
  "return-closing": "退回办结申请",
  cancel: "销号",
};

export const tasksApi = {
  caller: () =>
    request<{ bureau: boolean; unitId: number | null; canWrite: boolean }>("/api/tasks/caller"),
  list: (q: TaskListQuery) => request<TaskPage>("/api/tasks", { query: { ...q } }),
  get: (id: number) => request<TaskDetail>(`/api/tasks/${id}`),
  create: (body: object) => request<{ id: number }>("/api/tasks", { method: "POST", body }),
  update: (id: number, body: object) =>
    request<{ id: number; version: number }>(`/api/tasks/${id}`, { method: "PUT", body }),
  remove: (id: number, version: number) =>
    request<void>(`/api/tasks/${id}`, { method: "DELETE", query: { version } }),
  act: (id: number, action: string, body: object) =>
    request<{ status: string }>(`/api/tasks/${id}/actions/${action}`, { method: "POST", body }),
  progress: (id: number, body: object) =>
    request<{ id: number }>(`/api/tasks/${id}/progress`, { method: "POST", body }),
  milestone: (id: number, milestoneId: number, doneOn: string | null) =>
    request(`/api/tasks/${id}/milestones/${milestoneId}`, { method: "PUT", body: { doneOn } }),
  addWorkdays: (from: string, n: number) =>
    request<{ date: string }>("/api/calendar/add-workdays", { query: { from, n } }),
  units: () =>
    request<{ items: { id: number; name: string; shortName: string | null }[] }>("/api/units", {
      query: { page: 1, pageSize: 200 },
    }),
  circular: (date: string) => request<Circular>("/api/tasks/circular", { query: { date } }),
  downloadCircular: (date: string, ext: "xlsx" | "docx") =>
    download(`/api/tasks/circular.${ext}`, { date }, `情况通报.${ext}`),
};
