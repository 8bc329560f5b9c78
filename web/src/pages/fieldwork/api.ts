import { request } from "../../api/client.ts";
import { entityApi } from "../../api/entities.ts";
import type { EntityRecord } from "../../api/types.ts";

export interface OutputKind {
  code: string;
  label: string;
  unit: string;
  /** Retired kinds stay on the records that have them but are not offered for new figures. */
  active?: boolean;
}

export interface ActivityRecord extends EntityRecord {
  title: string;
  outputs: { kind: string; value: number }[];
}

export const activitiesApi = entityApi<ActivityRecord>("/api/activities");
export const contractsApi = entityApi("/api/contracts");
export interface Assignment {
  id: number;
  regionId: number;
  regionName: string;
  startsOn: string;
  endsOn: string | null;
}

export interface CommissionerRecord extends EntityRecord {
  name: string;
  assignments: Assignment[];
  /** Selected above this region and serving in it: shown, not editable here. */
  readOnly: boolean;
}

export const commissionersApi = entityApi<CommissionerRecord>("/api/commissioners");
/** The assignments sheet (特派员服务安排): import, template and export. */
export const assignmentsApi = entityApi("/api/commissioners/assignments");

export function fetchDictionaries() {
  return request<{
    campaigns: { code: string; name: string; usualMonth: number | null }[];
    outputKinds: OutputKind[];
  }>("/api/activities/dictionaries");
}

export interface CampaignTotals {
  period: { label: string };
  kinds: OutputKind[];
  rows: {
    campaignCode: string | null;
    campaignName: string;
    count: number;
    first: string;
    last: string;
    outputs: Record<string, number>;
  }[];
  total: { count: number; outputs: Record<string, number> };
}

export function fetchCampaignTotals(period: string) {
  return request<CampaignTotals>("/api/activities/campaign-totals", { query: { period } });
}

export interface Coverage {
  period: { label: string };
  region: { name: string };
  towns: number;
  coveredCount: number;
  rate: number;
  covered: { id: number; name: string; commissioners: string[] }[];
  uncovered: { id: number; name: string }[];
}

export function fetchCoverage(period: string) {
  return request<Coverage>("/api/commissioners/coverage", { query: { period } });
}
