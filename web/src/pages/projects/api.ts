import { request } from "../../api/client.ts";
import { entityApi, type ListQuery } from "../../api/entities.ts";
import type { EntityRecord } from "../../api/types.ts";

export type Project = EntityRecord & {
  id: number;
  name: string;
  level: string;
  programmeName: string | null;
  undertakerName: string;
  enterpriseId: number | null;
  partners: string | null;
  taskBookNo: string | null;
  approvalNo: string | null;
  startOn: string | null;
  endOn: string | null;
  fundNational: number;
  fundProvincial: number;
  fundCity: number;
  fundCounty: number;
  fundSelf: number;
  fiscalTotal: number;
  paid: number | null;
  staff: string | null;
  applyYear: number;
  status: string;
  next: string[];
  overdue: boolean;
  regionName: string | null;
  version: number;
};

export interface History {
  transitions: {
    id: number;
    from: string | null;
    to: string;
    on: string;
    note: string | null;
    userName: string | null;
  }[];
  midterms: {
    id: number;
    checkedOn: string;
    result: string;
    delayReason: string | null;
    notes: string | null;
  }[];
  acceptances: {
    id: number;
    acceptedOn: string;
    taskConclusion: string;
    financeConclusion: string;
    outcome: string;
    rectifyBy: string | null;
  }[];
}

export interface KindTotal {
  kind: string;
  amount: number;
  n: number;
}

/** The project list with the two filters the entity metadata does not carry. */
export function projectsApi(extra: { year?: number; enterpriseId?: number }) {
  const base = entityApi<Project>("/api/projects");
  const withExtra = (q: ListQuery): ListQuery => ({ ...q, filters: { ...q.filters, ...extra } });
  return {
    ...base,
    list: (q: ListQuery) => base.list(withExtra(q)),
    exportFile: (q: Pick<ListQuery, "q" | "filters" | "sort">, name: string) =>
      base.exportFile({ ...q, filters: { ...q.filters, ...extra } }, name),
  };
}

export function paymentsApi(projectId?: number) {
  const base = entityApi("/api/fund-payments");
  const extra = projectId ? { projectId } : {};
  return {
    ...base,
    list: (q: ListQuery) => base.list({ ...q, filters: { ...q.filters, ...extra } }),
    exportFile: (q: Pick<ListQuery, "q" | "filters" | "sort">, name: string) =>
      base.exportFile({ ...q, filters: { ...q.filters, ...extra } }, name),
    create: (values: Record<string, unknown>) => base.create({ ...values, ...extra }),
    update: (id: number, values: Record<string, unknown>, version: number) =>
      base.update(id, { ...values, ...extra }, version),
  };
}

export const getProject = (id: number) => request<Project>(`/api/projects/${id}`);
export const getHistory = (id: number) => request<History>(`/api/projects/${id}/history`);
export const getTotals = (projectId?: number) =>
  request<KindTotal[]>("/api/fund-payments/totals", { query: { projectId } });

export function postAction(id: number, action: string, body: Record<string, unknown>) {
  return request<Project>(`/api/projects/${id}/${action}`, { method: "POST", body });
}

/** 元 → "30.00" 万元, as bureaus write amounts. */
export function wan(v: number | null): string {
  if (v === null) return "—";
  return (v / 1e4).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 4 });
}

export interface Change {
  id: number;
  kind: string;
  changedOn: string;
  documentNo: string | null;
  beforeText: string | null;
  afterText: string | null;
  reason: string | null;
  note: string | null;
  userName: string | null;
}

export const getChanges = (id: number) => request<Change[]>(`/api/projects/${id}/changes`);
