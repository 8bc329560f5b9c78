import { type RowError, request } from "../api/client.ts";
import type { ImportResult } from "../api/types.ts";

/** GET <base>/import-jobs/:jobId, as the server answers it. */
export interface ImportJob {
  jobId: string;
  state: "running" | "done" | "failed";
  rows: number;
  bytes: number | null;
  totalBytes: number | null;
  /** By bytes read, when the file's size is known; null otherwise. */
  percent: number | null;
  startedAt: string;
  finishedAt: string | null;
  result?: ImportResult & { unchanged: number };
  /** What a failed synchronous import answers under `error`. */
  error?: { code: string; message: string; rows?: RowError[] };
}

export interface ImportJobApi {
  start(file: File): Promise<{ jobId: string }>;
  poll(jobId: string): Promise<ImportJob>;
}

/** Background import of `<base>/import-jobs` (e.g. "/api/patents"). */
export function importJobApi(base: string): ImportJobApi {
  return {
    start(file) {
      const form = new FormData();
      form.append("file", file);
      return request<{ jobId: string }>(`${base}/import-jobs`, { method: "POST", body: form });
    },
    poll: (jobId) => request<ImportJob>(`${base}/import-jobs/${encodeURIComponent(jobId)}`),
  };
}
