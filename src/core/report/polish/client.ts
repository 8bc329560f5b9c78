import { z } from "zod";
import type { PolishSettings } from "./settings.ts";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export type ChatFailure = "timeout" | "http" | "network" | "bad-response";

/** The outcome of one chat completion; failures carry a Chinese message fit for the user. */
export type ChatResult =
  | { ok: true; content: string }
  | { ok: false; failure: ChatFailure; message: string };

const responseSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});

function fail(failure: ChatFailure, message: string): ChatResult {
  return { ok: false, failure, message };
}

function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
}

/**
 * One OpenAI-compatible chat completion. Never throws: the endpoint is an optional helper,
 * so every failure (slow, down, garbage) becomes a result the caller reports and moves past.
 * The timeout covers reading the body too, since fetch aborts the stream on the signal.
 */
export async function chatComplete(
  settings: PolishSettings,
  messages: ChatMessage[],
): Promise<ChatResult> {
  const seconds = Math.round(settings.timeoutMs / 100) / 10;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;
  let body: unknown;
  try {
    const res = await fetch(`${settings.url}/chat/completions`, {
      method: "POST",
      headers,
      body: JSON.stringify({ model: settings.model, messages, temperature: 0.2 }),
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    if (!res.ok) {
      // Drain so the connection is released; the error body is not shown to users.
      await res.arrayBuffer().catch(() => undefined);
      return fail("http", `润色服务返回错误（HTTP ${res.status}）`);
    }
    const raw = await res.text();
    try {
      body = JSON.parse(raw);
    } catch {
      return fail("bad-response", "润色服务返回的内容无法识别");
    }
  } catch (err) {
    if (isTimeout(err)) return fail("timeout", `润色服务超时（${seconds}秒内未返回结果）`);
    return fail("network", "无法连接润色服务");
  }
  const parsed = responseSchema.safeParse(body);
  if (!parsed.success) return fail("bad-response", "润色服务返回的内容无法识别");
  const [first] = parsed.data.choices;
  return first
    ? { ok: true, content: first.message.content }
    : fail("bad-response", "润色服务返回的内容无法识别");
}
