import type { Config } from "../../config.ts";

/** Where paragraphs are sent for polishing; null when the deployment has not configured it. */
export interface PolishSettings {
  /** Base URL without trailing slash, e.g. "http://127.0.0.1:8000/v1". */
  url: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
}

type LlmConfig = Pick<
  Config,
  "KEGUAN_LLM_URL" | "KEGUAN_LLM_MODEL" | "KEGUAN_LLM_API_KEY" | "KEGUAN_LLM_TIMEOUT_MS"
>;

/** Polishing is opt-in: it sends report text to another service, so both URL and model must be set. */
export function polishSettings(config: LlmConfig): PolishSettings | null {
  const url = config.KEGUAN_LLM_URL?.trim().replace(/\/+$/, "");
  const model = config.KEGUAN_LLM_MODEL?.trim();
  if (!url || !model) return null;
  return {
    url,
    model,
    apiKey: config.KEGUAN_LLM_API_KEY,
    timeoutMs: config.KEGUAN_LLM_TIMEOUT_MS,
  };
}
