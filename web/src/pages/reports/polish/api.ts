import { request } from "../../../api/client.ts";
import type { Block } from "../model.ts";

export interface PolishResult {
  accepted: boolean;
  /** Why the suggestion was refused, in Chinese. */
  reasons: string[];
  suggestion: string | null;
  /** The polished paragraph with its traced figures, when accepted. */
  block: Block | null;
  original: Block;
}

export const polishApi = {
  status: () => request<{ enabled: boolean }>("/api/report-drafts/polish/status"),
  polish: (draftId: number, key: string, version: number) =>
    request<PolishResult>(`/api/report-drafts/${draftId}/polish`, {
      method: "POST",
      body: { key, version },
    }),
};
