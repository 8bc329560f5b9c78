import { request } from "../../api/client.ts";
import { entityApi } from "../../api/entities.ts";
import type { EntityRecord } from "../../api/types.ts";

export const patentsApi = entityApi<EntityRecord>("/api/patents");

export type PatentType = "发明" | "实用新型" | "外观设计";

export interface PatentStats {
  region: { id: number; name: string };
  period: { code: string; label: string; from: string; to: string };
  byType: { type: PatentType | "合计"; applications: number; grants: number; valid: number }[];
  byMonth: {
    month: string;
    applications: Record<PatentType, number>;
    grants: Record<PatentType, number>;
  }[];
}

export function fetchPatentStats(period: string): Promise<PatentStats> {
  return request<PatentStats>("/api/patents/stats", { query: { period } });
}
