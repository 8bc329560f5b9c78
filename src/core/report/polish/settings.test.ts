import { describe, expect, it } from "vitest";
import { loadConfig } from "../../config.ts";
import { polishSettings } from "./settings.ts";

describe("polishSettings", () => {
  it("is off by default", () => {
    expect(polishSettings(loadConfig({}))).toBeNull();
  });

  it("needs both URL and model", () => {
    expect(polishSettings(loadConfig({ KEGUAN_LLM_URL: "http://127.0.0.1:8000/v1" }))).toBeNull();
    expect(polishSettings(loadConfig({ KEGUAN_LLM_MODEL: "qwen" }))).toBeNull();
  });

  it("reads URL, model, key and timeout from the environment", () => {
    const env = {
      KEGUAN_LLM_URL: "http://127.0.0.1:8000/v1/",
      KEGUAN_LLM_MODEL: "qwen2.5-7b-instruct",
      KEGUAN_LLM_API_KEY: "sk-local",
    };
    expect(polishSettings(loadConfig(env))).toEqual({
      url: "http://127.0.0.1:8000/v1",
      model: "qwen2.5-7b-instruct",
      apiKey: "sk-local",
      timeoutMs: 30_000,
    });
    const fast = loadConfig({ ...env, KEGUAN_LLM_TIMEOUT_MS: "500" });
    expect(polishSettings(fast)?.timeoutMs).toBe(500);
  });

  it("rejects a malformed URL at start", () => {
    expect(() => loadConfig({ KEGUAN_LLM_URL: "not a url" })).toThrow(/KEGUAN_LLM_URL/);
  });
});
