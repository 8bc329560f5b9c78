import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { type Config, loadConfig } from "../../src/core/config.ts";
import type { DatabaseHandle } from "../../src/core/db/index.ts";
import type { Db } from "../../src/core/db/schema.ts";
import { type DemoResult, seedDemo } from "../../src/core/demo/seed.ts";
import { buildApp } from "../../src/server/app.ts";
import { type EngineName, freshDatabase } from "./db.ts";

export const DEMO_PASSWORD = "Test@2026demo";

export interface TestApp {
  app: FastifyInstance;
  /** Where this app stores attached files. */
  attachmentDir: string;
  db: Db;
  handle: DatabaseHandle;
  demo: DemoResult;
  /** Logs in through the real endpoint and returns a client carrying cookie and CSRF token. */
  login(username: string, password?: string): Promise<Client>;
  anonymous(): Client;
  close(): Promise<void>;
}

export interface Client {
  csrf: string;
  request(
    method: "GET" | "POST" | "PUT" | "DELETE",
    url: string,
    opts?: {
      body?: unknown;
      headers?: Record<string, string>;
      payload?: Buffer | string;
      csrf?: boolean;
    },
  ): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  del(url: string): Promise<LightMyRequestResponse>;
  /** Multipart upload of one file in field "file". */
  upload(url: string, filename: string, content: Buffer): Promise<LightMyRequestResponse>;
}

export const testConfig = loadConfig({ KEGUAN_LOG_LEVEL: "silent" });

function client(app: FastifyInstance, cookie: string, csrf: string, ip = "127.0.0.1"): Client {
  const request: Client["request"] = (method, url, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (cookie) headers.cookie = cookie;
    if (method !== "GET" && opts.csrf !== false && csrf) headers["x-csrf-token"] = csrf;
    return app.inject({
      method,
      url,
      headers,
      remoteAddress: ip,
      ...(opts.payload !== undefined
        ? { payload: opts.payload }
        : opts.body !== undefined
          ? { payload: opts.body as object }
          : {}),
    });
  };
  return {
    csrf,
    request,
    get: (url) => request("GET", url),
    post: (url, body) => request("POST", url, { body: body ?? {} }),
    put: (url, body) => request("PUT", url, { body: body ?? {} }),
    del: (url) => request("DELETE", url),
    upload: (url, filename, content) => {
      const boundary = "----keguantest";
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return request("POST", url, {
        payload,
        headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      });
    },
  };
}

/** A fresh database with the demo county and an app on it (no network: app.inject). */
export async function startTestApp(
  engine: EngineName,
  overrides: Partial<Config> = {},
): Promise<TestApp> {
  const handle = await freshDatabase(engine);
  const demo = await seedDemo(handle.db, { password: DEMO_PASSWORD });
  // Attached files go to a directory of their own per app, removed on close.
  const attachmentDir = await mkdtemp(join(tmpdir(), "keguan-att-"));
  const config = { ...testConfig, KEGUAN_ATTACHMENT_DIR: attachmentDir, ...overrides };
  const app = await buildApp({ db: handle.db, config, logger: false, serveWeb: false });
  let ipCounter = 1;
  return {
    app,
    attachmentDir,
    db: handle.db,
    handle,
    demo,
    anonymous: () => client(app, "", ""),
    async login(username, password = DEMO_PASSWORD) {
      // A distinct client address per login keeps the per-IP limiter out of unrelated tests.
      const ip = `10.9.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;
      const res = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username, password },
        remoteAddress: ip,
      });
      if (res.statusCode !== 200)
        throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookies = res.cookies as { name: string; value: string }[];
      const session = cookies.find((c) => c.name === "kg_session")?.value ?? "";
      const csrf = cookies.find((c) => c.name === "kg_csrf")?.value ?? "";
      return client(app, `kg_session=${session}; kg_csrf=${csrf}`, csrf, ip);
    },
    async close() {
      await app.close();
      await handle.close();
      await rm(attachmentDir, { recursive: true, force: true });
    },
  };
}
