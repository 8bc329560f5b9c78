import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "../../src/core/errors.ts";
import { withCheck } from "../../src/modules/patents/application-no.ts";
import { PATENT_IMPORT_LOCK_KEY } from "../../src/modules/patents/import-lock.ts";
import { buildApp } from "../../src/server/app.ts";
import { ImportJobRegistry } from "../../src/server/import-jobs.ts";
import { DEMO_PASSWORD, startTestApp, type TestApp, testConfig } from "../support/app.ts";
import { engines } from "../support/db.ts";

/** Rows `from`..`to` of a 2023 utility-model list (none in the demo). */
function list(from: number, to: number): Buffer {
  const lines = ["申请号,名称,申请人,申请日,法律状态"];
  for (let i = from; i <= to; i++) {
    const no = withCheck(`20232${String(7_000_000 + i).padStart(7, "0")}`);
    lines.push(`${no},一种窑炉余热回收装置（${i}）,夹江县测试陶瓷有限公司,2023-06-01,在审`);
  }
  return Buffer.from(lines.join("\r\n"));
}

interface JobView {
  jobId: string;
  state: "running" | "done" | "failed" | "interrupted";
  queued: boolean;
  filename: string;
  rows: number;
  finishedAt: string | null;
  result?: { total: number; created: number; updated: number; unchanged: number };
  error?: { code: string; message: string };
}

interface Caller {
  get(url: string): Promise<{ statusCode: number; body: string; json<T>(): T }>;
  upload(url: string, name: string, body: Buffer): Promise<{ statusCode: number; body: string }>;
}

/** Logs in on `app` (sessions live in the database, so any app on it will do). */
async function loginOn(app: FastifyInstance, username: string): Promise<Caller> {
  const ip = `10.8.0.${Math.floor(Math.random() * 200) + 2}`;
  const res = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password: DEMO_PASSWORD },
    remoteAddress: ip,
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookies = res.cookies as { name: string; value: string }[];
  const value = (n: string) => cookies.find((c) => c.name === n)?.value ?? "";
  const cookie = `kg_session=${value("kg_session")}; kg_csrf=${value("kg_csrf")}`;
  const boundary = "----keguanpersist";
  return {
    get: (url) => app.inject({ method: "GET", url, headers: { cookie }, remoteAddress: ip }),
    upload: (url, name, body) =>
      app.inject({
        method: "POST",
        url,
        remoteAddress: ip,
        headers: {
          cookie,
          "x-csrf-token": value("kg_csrf"),
          "content-type": `multipart/form-data; boundary=${boundary}`,
        },
        payload: Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`,
          ),
          body,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      }),
  };
}

async function poll(c: Caller, jobId: string): Promise<JobView> {
  for (let i = 0; i < 1500; i++) {
    const res = await c.get(`/api/patents/import-jobs/${jobId}`);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<JobView>();
    if (view.state !== "running") return view;
    await new Promise((r) => setTimeout(r, 40));
  }
  throw new Error("job did not finish");
}

async function jobsOf(c: Caller): Promise<JobView[]> {
  const res = await c.get("/api/patents/import-jobs");
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: JobView[] }>().items;
}

describe.each(engines)("patent import jobs, stored and one at a time, on %s", (engine) => {
  let t: TestApp;
  let app: FastifyInstance;
  let dataDir = "";
  const countPatents = async () =>
    Number(
      (
        await t.db
          .selectFrom("patents")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("title", "like", "一种窑炉余热回收装置%")
          .executeTakeFirstOrThrow()
      ).n,
    );
  const spooled = () => readdir(join(dataDir, "tmp")).catch(() => []);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "keguan-jobs-persist-"));
    t = await startTestApp(engine, { KEGUAN_DATA_DIR: dataDir });
    app = t.app;
  });
  afterAll(async () => {
    if (app !== t?.app) await app?.close();
    await t?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("keeps finished jobs across a restart and marks a dead process's job interrupted", async () => {
    const keyuan = await loginOn(app, "keyuan");
    const res = await keyuan.upload("/api/patents/import-jobs", "清单一.csv", list(1, 300));
    expect(res.statusCode, res.body).toBe(202);
    const { jobId } = JSON.parse(res.body) as { jobId: string };
    expect((await poll(keyuan, jobId)).state).toBe("done");
    const stored = await t.db
      .selectFrom("import_jobs")
      .selectAll()
      .where("id", "=", jobId)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ state: "done", entity: "patent", rows: 300 });
    expect(stored.result).toEqual({ total: 300, created: 300, updated: 0, unchanged: 0 });

    // A job whose process died mid-import: its row still says running, and nobody has
    // marked it alive for ten minutes. And one another server is running right now.
    const user = await t.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "keyuan")
      .executeTakeFirstOrThrow();
    const deadId = randomUUID();
    const liveId = randomUUID();
    const running = (id: string, filename: string, startedAt: Date, heartbeatAt: Date) => ({
      id,
      user_id: user.id,
      entity: "patent",
      filename,
      state: "running" as const,
      started_at: startedAt,
      heartbeat_at: heartbeatAt,
      region_id: t.demo.county.id,
      region_path: t.demo.county.path,
    });
    const now = Date.now();
    await t.db
      .insertInto("import_jobs")
      .values([
        running(deadId, "断电那天.csv", new Date(now), new Date(now - 10 * 60_000)),
        running(liveId, "另一台服务器.csv", new Date(now - 1), new Date(now)),
      ])
      .execute();

    // Restart: a new app on the same database, nothing in its memory.
    await app.close();
    app = await buildApp({
      db: t.db,
      config: { ...testConfig, KEGUAN_DATA_DIR: dataDir, KEGUAN_ATTACHMENT_DIR: t.attachmentDir },
      logger: false,
      serveWeb: false,
    });
    const again = await loginOn(app, "keyuan");
    const done = await again.get(`/api/patents/import-jobs/${jobId}`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<JobView>()).toMatchObject({
      state: "done",
      filename: "清单一.csv",
      rows: 300,
      queued: false,
      result: { total: 300, created: 300, updated: 0, unchanged: 0 },
    });
    const dead = (await again.get(`/api/patents/import-jobs/${deadId}`)).json<JobView>();
    expect(dead.state).toBe("interrupted");
    expect(dead.finishedAt).not.toBeNull();
    expect(dead.error).toEqual({
      code: "IMPORT_INTERRUPTED",
      message: "导入因服务重启而中断，未写入任何数据，请重新导入",
    });
    // On PostgreSQL another server may share the database: a job it still marks alive stays
    // running. The embedded database can only be open in one process: every running job died.
    const live = (await again.get(`/api/patents/import-jobs/${liveId}`)).json<JobView>();
    expect(live.state).toBe(engine === "postgres" ? "running" : "interrupted");
    // Newest first.
    expect((await jobsOf(again)).map((j) => j.jobId)).toEqual([deadId, liveId, jobId]);
    // Still the owner's only.
    const kexie = await loginOn(app, "kexie");
    expect((await kexie.get(`/api/patents/import-jobs/${jobId}`)).statusCode).toBe(404);
    expect((await kexie.get(`/api/patents/import-jobs/${deadId}`)).statusCode).toBe(404);
    expect(await jobsOf(kexie)).toEqual([]);
  });

  it("marks its running jobs alive and a dead server's interrupted while it runs", async () => {
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const jobs = new ImportJobRegistry({
      db: t.db,
      entity: "patent",
      heartbeat: { everyMs: 50, staleAfterMs: 60_000 },
    });
    const user = await t.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "juzhang")
      .executeTakeFirstOrThrow();
    const owner = { userId: user.id, regionId: t.demo.county.id, regionPath: t.demo.county.path };
    // A server that died two minutes after its last mark.
    const deadId = randomUUID();
    await t.db
      .insertInto("import_jobs")
      .values({
        id: deadId,
        user_id: user.id,
        entity: "patent",
        filename: "宕机.csv",
        state: "running",
        started_at: new Date(Date.now() - 5 * 60_000),
        heartbeat_at: new Date(Date.now() - 2 * 60_000),
        region_id: t.demo.county.id,
        region_path: t.demo.county.path,
      })
      .execute();
    const stored = (id: string) =>
      t.db
        .selectFrom("import_jobs")
        .select(["state", "heartbeat_at"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
    const id = await jobs.start(
      owner,
      "心跳.csv",
      async () => {
        await held;
        return { total: 1, created: 1, updated: 0, unchanged: 0 };
      },
      async () => {},
    );
    await expect.poll(async () => (await stored(deadId)).state).toBe("interrupted");
    // The row is written before the runner starts.
    await expect.poll(async () => (await stored(id).catch(() => null))?.state).toBe("running");
    const before = (await stored(id)).heartbeat_at.getTime();
    await expect
      .poll(async () => (await stored(id)).heartbeat_at.getTime())
      .toBeGreaterThan(before);
    expect((await stored(id)).state).toBe("running");
    release();
    await jobs.drain();
    expect((await stored(id)).state).toBe("done");
  });

  it("runs one job per user: a second start is refused and its upload removed", async () => {
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const jobs = new ImportJobRegistry({ db: t.db, entity: "patent" });
    const user = await t.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "keyuan")
      .executeTakeFirstOrThrow();
    const owner = {
      userId: user.id,
      regionId: t.demo.county.id,
      regionPath: t.demo.county.path,
    };
    const first = await jobs.start(
      owner,
      "a.csv",
      async ({ onProgress }) => {
        onProgress({ rows: 1234 });
        await held;
        return { total: 1234, created: 0, updated: 0, unchanged: 1234 };
      },
      async () => {},
    );
    // The job row is written before the runner starts reporting.
    await expect.poll(() => jobs.view(first, owner.userId)?.rows).toBe(1234);
    const upload = join(dataDir, "second.upload");
    await writeFile(upload, "x");
    const counts = { total: 0, created: 0, updated: 0, unchanged: 0 };
    const second = jobs.start(
      owner,
      "b.csv",
      async () => counts,
      () => rm(upload, { force: true }),
    );
    const err = await second.catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe("IMPORT_BUSY");
    expect(isAppError(err) && err.status).toBe(409);
    expect(err instanceof Error && err.message).toBe(
      "您已有一个导入正在进行（已读取 1234 行），请等待其完成后再导入",
    );
    expect((await readdir(dataDir)).includes("second.upload")).toBe(false);
    release();
    await jobs.drain();
    expect(jobs.view(first, owner.userId)?.state).toBe("done");
    // Free again once the first has ended.
    expect(() => jobs.assertIdle(owner.userId)).not.toThrow();
  });

  it("merges overlapping imports by two users and lists each user's own jobs", async () => {
    const keyuan = await loginOn(app, "keyuan");
    const admin = await loginOn(app, "admin");
    const before = await countPatents();
    const lockHolder =
      engine === "postgres"
        ? (() => {
            // Another import holds the lock: both jobs must wait for it, and say so.
            let release = () => {};
            const released = new Promise<void>((r) => {
              release = r;
            });
            let locked = () => {};
            const isLocked = new Promise<void>((r) => {
              locked = r;
            });
            const done = t.db.transaction().execute(async (trx) => {
              await sql`select pg_advisory_xact_lock(${sql.lit(PATENT_IMPORT_LOCK_KEY)}::bigint)`.execute(
                trx,
              );
              locked();
              await released;
            });
            return { release, done, isLocked };
          })()
        : null;
    await lockHolder?.isLocked;

    const [a, b] = await Promise.all([
      keyuan.upload("/api/patents/import-jobs", "科员清单.csv", list(1001, 4000)),
      admin.upload("/api/patents/import-jobs", "管理员清单.csv", list(2501, 5500)),
    ]);
    expect(a.statusCode, a.body).toBe(202);
    expect(b.statusCode, b.body).toBe(202);
    const idA = (JSON.parse(a.body) as { jobId: string }).jobId;
    const idB = (JSON.parse(b.body) as { jobId: string }).jobId;

    if (lockHolder) {
      await expect
        .poll(async () => (await keyuan.get(`/api/patents/import-jobs/${idA}`)).json<JobView>())
        .toMatchObject({ state: "running", queued: true, rows: 0 });
      await expect
        .poll(async () => (await admin.get(`/api/patents/import-jobs/${idB}`)).json<JobView>())
        .toMatchObject({ state: "running", queued: true });
      // A second job of the same user meanwhile: 409, and no upload is left behind.
      const busy = await keyuan.upload("/api/patents/import-jobs", "又一份.csv", list(1, 5));
      expect(busy.statusCode, busy.body).toBe(409);
      expect(JSON.parse(busy.body)).toMatchObject({
        error: {
          code: "IMPORT_BUSY",
          message: "您已有一个导入正在进行（已读取 0 行），请等待其完成后再导入",
        },
      });
      expect(await spooled()).toHaveLength(2);
      lockHolder.release();
      await lockHolder.done;
    }

    const [ra, rb] = await Promise.all([poll(keyuan, idA), poll(admin, idB)]);
    expect(ra.error).toBeUndefined();
    expect(rb.error).toBeUndefined();
    expect([ra.state, rb.state]).toEqual(["done", "done"]);
    expect(ra.queued || rb.queued).toBe(false);
    // 1001-5500: the 1,500 shared rows were created by one job and found unchanged by the other.
    expect(await countPatents()).toBe(before + 4500);
    const created = (ra.result?.created ?? 0) + (rb.result?.created ?? 0);
    const unchanged = (ra.result?.unchanged ?? 0) + (rb.result?.unchanged ?? 0);
    expect([created, unchanged]).toEqual([4500, 1500]);
    expect(await spooled()).toEqual([]);

    const mine = await jobsOf(keyuan);
    expect(mine.map((j) => j.jobId)).toContain(idA);
    expect(mine.map((j) => j.jobId)).not.toContain(idB);
    expect(mine.length).toBeLessThanOrEqual(10);
    expect(mine[0]?.jobId).toBe(idA);
    expect((await jobsOf(admin)).map((j) => j.jobId)).toEqual([idB]);
    expect((await admin.get(`/api/patents/import-jobs/${idA}`)).statusCode).toBe(404);
  });
});
