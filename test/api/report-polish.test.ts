import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type {
  Block,
  NumberRun,
  ParagraphBlock,
  ReportDocument,
} from "../../src/core/report/model.ts";
import { buildApp } from "../../src/server/app.ts";
import {
  type Client,
  DEMO_PASSWORD,
  startTestApp,
  type TestApp,
  testConfig,
} from "../support/app.ts";
import { engines } from "../support/db.ts";

/*
 * A local stand-in for an OpenAI-compatible server: each request takes the next scripted
 * reply, and every request is recorded so the test can check what keguan sent.
 */
interface Scripted {
  status?: number;
  /** Raw body; otherwise a chat completion with `content`. */
  raw?: string;
  content?: string;
  delayMs?: number;
}

interface Recorded {
  url: string;
  headers: IncomingHttpHeaders;
  body: { model: string; temperature: number; messages: { role: string; content: string }[] };
}

function fakeLlm() {
  const script: Scripted[] = [];
  const requests: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({
        url: req.url ?? "",
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")),
      });
      const next = script.shift() ?? { status: 503, raw: "no script" };
      const send = () => {
        if (res.destroyed) return;
        const body =
          next.raw ??
          JSON.stringify({
            id: "chatcmpl-test",
            object: "chat.completion",
            choices: [{ index: 0, message: { role: "assistant", content: next.content ?? "" } }],
          });
        res.writeHead(next.status ?? 200, { "content-type": "application/json" });
        res.end(body);
      };
      if (next.delayMs) setTimeout(send, next.delayMs);
      else send();
    });
  });
  return {
    script,
    requests,
    async listen(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface PolishDto {
  accepted: boolean;
  reasons: string[];
  suggestion: string | null;
  block: ParagraphBlock | null;
  original: ParagraphBlock;
}
interface DraftDto {
  id: number;
  version: number;
  versionNo: number;
  doc: ReportDocument;
}

const text = (b: { runs: { text: string }[] }) => b.runs.map((r) => r.text).join("");
const numbers = (b: { runs: ParagraphBlock["runs"] }) =>
  b.runs.filter((r): r is NumberRun => r.t === "number");
const KEY = "contracts.summary";

describe.each(engines)("report paragraph polishing on %s", (engine) => {
  const llm = fakeLlm();
  let t: TestApp;
  let editor: Client;
  let draft: DraftDto;
  let paragraph: ParagraphBlock;

  const polish = async (body: { key: string; version?: number }, c = editor) => {
    const res = await c.post(`/api/report-drafts/${draft.id}/polish`, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PolishDto>();
  };

  beforeAll(async () => {
    const url = await llm.listen();
    t = await startTestApp(engine, {
      KEGUAN_LLM_URL: url,
      KEGUAN_LLM_MODEL: "fake-qwen",
      KEGUAN_LLM_API_KEY: "sk-test",
      KEGUAN_LLM_TIMEOUT_MS: 400,
    });
    editor = await t.login("keyuan");
    const res = await editor.post("/api/report-drafts", {
      regionId: t.demo.county.id,
      period: "2026H1",
    });
    expect(res.statusCode, res.body).toBe(201);
    const got = await editor.get(`/api/report-drafts/${res.json<{ id: number }>().id}`);
    draft = got.json<DraftDto>();
    const block = draft.doc.blocks.find((b: Block) => b.key === KEY);
    if (block?.type !== "paragraph") throw new Error(`no paragraph ${KEY}`);
    paragraph = block;
    expect(numbers(paragraph).length).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await t?.close();
    await llm.close();
  });
  beforeEach(() => {
    llm.script.length = 0;
  });

  it("says polishing is enabled", async () => {
    const res = await editor.get("/api/report-drafts/polish/status");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ enabled: true });
  });

  it("accepts a rewrite that keeps every figure, with the traces intact, and saves nothing", async () => {
    const rewrite = `今年以来，${text(paragraph)}`;
    llm.script.push({ content: `“${rewrite}”\n` });
    const before = llm.requests.length;
    const r = await polish({ key: KEY, version: draft.version });
    expect(r.reasons).toEqual([]);
    expect(r.accepted).toBe(true);
    expect(r.suggestion).toBe(rewrite);
    expect(r.original).toEqual(paragraph);
    const block = r.block;
    if (!block) throw new Error("no block");
    expect(block.key).toBe(KEY);
    expect(text(block)).toBe(rewrite);
    expect(numbers(block)).toEqual(numbers(paragraph));
    for (const n of numbers(block)) expect(n.metric).toMatch(/\S/);

    expect(llm.requests.length).toBe(before + 1);
    const sent = llm.requests.at(-1);
    expect(sent?.url).toBe("/v1/chat/completions");
    expect(sent?.headers.authorization).toBe("Bearer sk-test");
    expect(sent?.body.model).toBe("fake-qwen");
    expect(sent?.body.temperature).toBe(0.2);
    expect(sent?.body.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(sent?.body.messages[0]?.content).toContain("不得增加、删除或改动任何数字");
    const user = sent?.body.messages[1]?.content ?? "";
    expect(user).toContain(text(paragraph));
    for (const n of numbers(paragraph)) expect(user).toContain(`- 数据：${n.text}`);

    // Only a suggestion: the stored draft is unchanged.
    const after = (await editor.get(`/api/report-drafts/${draft.id}`)).json<DraftDto>();
    expect(after.versionNo).toBe(draft.versionNo);
    expect(after.doc.blocks.find((b) => b.key === KEY)).toEqual(paragraph);
  });

  it("refuses a rewrite that changes a figure, and says which", async () => {
    const [first] = numbers(paragraph);
    if (!first) throw new Error("no number run");
    const digits = first.text.match(/\d+/)?.[0] ?? "";
    let wrong = Number(digits) + 19;
    while (text(paragraph).includes(String(wrong))) wrong += 1;
    const changed = first.text.replace(digits, String(wrong));
    llm.script.push({ content: text(paragraph).replace(first.text, changed) });
    const r = await polish({ key: KEY });
    expect(r.accepted).toBe(false);
    expect(r.block).toBeNull();
    expect(r.reasons).toContain(`改写稿缺少数据“${first.text}”`);
    expect(r.reasons).toContain(`改写稿出现了原文没有的数字“${wrong}”`);
    expect(r.suggestion).toContain(changed);
  });

  it("refuses when the service is too slow", async () => {
    llm.script.push({ content: text(paragraph), delayMs: 2000 });
    const started = Date.now();
    const r = await polish({ key: KEY });
    expect(Date.now() - started).toBeLessThan(1800);
    expect(r.accepted).toBe(false);
    expect(r.reasons).toEqual(["润色服务超时（0.4秒内未返回结果）"]);
    expect(r.suggestion).toBeNull();
  });

  it("refuses on an HTTP error or an unreadable reply", async () => {
    llm.script.push({ status: 500, raw: '{"error":{"message":"model crashed"}}' });
    const r500 = await polish({ key: KEY });
    expect(r500).toMatchObject({ accepted: false, reasons: ["润色服务返回错误（HTTP 500）"] });
    llm.script.push({ raw: "<html>gateway</html>" });
    const html = await polish({ key: KEY });
    expect(html.reasons).toEqual(["润色服务返回的内容无法识别"]);
    llm.script.push({ raw: JSON.stringify({ choices: [] }) });
    const empty = await polish({ key: KEY });
    expect(empty.reasons).toEqual(["润色服务返回的内容无法识别"]);
  });

  it("checks the draft's version, the block and who asks", async () => {
    const stale = await editor.post(`/api/report-drafts/${draft.id}/polish`, {
      key: KEY,
      version: draft.version + 1,
    });
    expect(stale.statusCode).toBe(409);
    const missing = await editor.post(`/api/report-drafts/${draft.id}/polish`, { key: "nope" });
    expect(missing.statusCode).toBe(404);
    const heading = draft.doc.blocks.find((b) => b.type === "heading");
    const notPara = await editor.post(`/api/report-drafts/${draft.id}/polish`, {
      key: heading?.key,
    });
    expect(notPara.statusCode).toBe(400);
    expect(notPara.json().error.message).toContain("只能润色正文段落");
    const viewer = await t.login("juzhang");
    expect(
      (await viewer.post(`/api/report-drafts/${draft.id}/polish`, { key: KEY })).statusCode,
    ).toBe(403);
    const neighbour = await t.login("jingyan");
    const out = await neighbour.post(`/api/report-drafts/${draft.id}/polish`, { key: KEY });
    expect(out.statusCode).toBe(404);
  });

  it("is off without configuration", async () => {
    const plain = await buildApp({ db: t.db, config: testConfig, logger: false, serveWeb: false });
    try {
      const login = await plain.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: "keyuan", password: DEMO_PASSWORD },
        remoteAddress: "10.77.0.1",
      });
      expect(login.statusCode).toBe(200);
      const cookies = login.cookies as { name: string; value: string }[];
      const csrf = cookies.find((c) => c.name === "kg_csrf")?.value ?? "";
      const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
      const status = await plain.inject({
        method: "GET",
        url: "/api/report-drafts/polish/status",
        headers: { cookie },
      });
      expect(status.json()).toEqual({ enabled: false });
      const before = llm.requests.length;
      const res = await plain.inject({
        method: "POST",
        url: `/api/report-drafts/${draft.id}/polish`,
        headers: { cookie, "x-csrf-token": csrf },
        payload: { key: KEY },
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toBe("未配置文字润色服务");
      expect(llm.requests.length).toBe(before);
    } finally {
      await plain.close();
    }
  });
});
