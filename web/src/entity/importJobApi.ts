import { type RowError, request } from "../api/client.ts";
import type { ImportResult } from "../api/types.ts";

/** GET <base>/import-jobs/:jobId, as the server answers it. */
export interface ImportJob {
  jobId: string;
  /** interrupted: the server restarted while it ran (nothing was written). */
  state: "running" | "done" | "failed" | "interrupted";
  /** Waiting for another user's import to finish before this one starts. */
  queued: boolean;
  filename: string;
  rows: number;
  bytes: number | null;
  totalBytes: number | null;
  /** By bytes read, when the file's size is known; null otherwise. */
  percent: number | null;
  startedAt: string;
  finishedAt: string | null;
  result?: ImportResult;
  /** What a failed synchronous import answers under `error`. */
  error?: { code: string; message: string; rows?: RowError[] };
}

export interface ImportJobApi {
  start(file: File): Promise<{ jobId: string }>;
  poll(jobId: string): Promise<ImportJob>;
  /** The caller's latest jobs, newest first. */
  list(): Promise<ImportJob[]>;
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
    list: async () => (await request<{ items: ImportJob[] }>(`${base}/import-jobs`)).items,
  };
}
