import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliScope } from "../../src/cli/context.ts";
import type { ImportProgress } from "../../src/core/entity/import.ts";
import { withCheck } from "../../src/modules/patents/application-no.ts";
import { importPatents } from "../../src/modules/patents/import.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

/** n utility-model applications filed in 2023 (none in the demo), numbered from `start`. */
function list(n: number, opts: { start?: number; bad?: number } = {}): Buffer {
  const start = opts.start ?? 8_000_000;
  const lines = ["申请号,名称,申请人,申请日,法律状态"];
  for (let i = 1; i <= n; i++) {
    const body = `20232${String(start + i).padStart(7, "0")}`;
    const good = withCheck(body);
    // A wrong check digit: the good one plus one.
    const no = i === opts.bad ? `${good.slice(0, -1)}${(Number(good.at(-1)) + 1) % 10}` : good;
    lines.push(`${no},一种釉面砖烧制装置（${i}）,夹江县测试陶瓷有限公司,2023-05-01,在审`);
  }
  return Buffer.from(lines.join("\r\n"));
}

interface JobView {
  state: "running" | "done" | "failed";
  rows: number;
  bytes: number | null;
  totalBytes: number | null;
  percent: number | null;
  startedAt: string;
  result?: { total: number; created: number; updated: number; unchanged: number };
  error?: { code: string; message: string; rows?: { row: number; column: string }[] };
}

/** Polls every 20 ms until the job ends; returns every answer seen. */
async function pollUntilDone(client: Client, jobId: string): Promise<JobView[]> {
  const seen: JobView[] = [];
  for (let i = 0; i < 3000; i++) {
    const res = await client.get(`/api/patents/import-jobs/${jobId}`);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<JobView>();
    seen.push(view);
    if (view.state !== "running") return seen;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("import job did not finish within 60 s");
}

describe.each(engines)("patent import jobs on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let dataDir = "";
  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom("patents")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const start = async (client: Client, body: Buffer, name = "专利清单.csv") => {
    const res = await client.upload("/api/patents/import-jobs", name, body);
    return res;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "keguan-jobs-"));
    t = await startTestApp(engine, { KEGUAN_DATA_DIR: dataDir });
    editor = await t.login("keyuan");
  });
  afterAll(async () => {
    await t?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("imports a list in the background, reporting rows and bytes as it goes", async () => {
    const before = await count();
    const body = list(6000);
    const res = await start(editor, body);
    expect(res.statusCode, res.body).toBe(202);
    const { jobId } = res.json<{ jobId: string }>();
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    const seen = await pollUntilDone(editor, jobId);
    const last = seen.at(-1);
    expect(last?.state).toBe("done");
    expect(last?.result).toEqual({ total: 6000, created: 6000, updated: 0, unchanged: 0 });
    expect(last).toMatchObject({ rows: 6000, bytes: body.length, totalBytes: body.length });
    expect(last?.percent).toBe(100);
    // Progress showed up while the job was still running, not only at the end — on PGlite too,
    // where the import's transaction holds the only connection: the poll needs no database.
    const midway = seen.filter((s) => s.state === "running" && s.rows > 0 && s.rows < 6000);
    expect(midway.length).toBeGreaterThan(0);
    expect(midway.every((s) => s.bytes !== null && s.totalBytes === body.length)).toBe(true);
    const rows = seen.map((s) => s.rows);
    expect(rows.every((r, i) => i === 0 || r >= (rows[i - 1] ?? 0))).toBe(true);
    const percents = seen.flatMap((s) => (s.percent === null ? [] : [s.percent]));
    expect(percents.every((p, i) => i === 0 || p >= (percents[i - 1] ?? 0))).toBe(true);
    expect(Number.isNaN(Date.parse(last?.startedAt ?? ""))).toBe(false);
    expect(await count()).toBe(before + 6000);
    // The spooled upload is gone once the job has ended.
    expect(await readdir(join(dataDir, "tmp"))).toEqual([]);

    // The same list again: every row is already there and unchanged.
    const again = await start(editor, body);
    const seen2 = await pollUntilDone(editor, again.json<{ jobId: string }>().jobId);
    expect(seen2.at(-1)?.result).toEqual({ total: 6000, created: 0, updated: 0, unchanged: 6000 });
  });

  it("reports progress to an in-process caller with each batch and once at the end", async () => {
    const body = list(5000, { start: 8_400_000 });
    const path = join(dataDir, "list.csv");
    await writeFile(path, body);
    const region = await t.db
      .selectFrom("regions")
      .select("code")
      .where("name", "=", "夹江县")
      .executeTakeFirstOrThrow();
    const scope = await cliScope(t.db, region.code);
    const seen: ImportProgress[] = [];
    const r = await importPatents(
      t.db,
      scope,
      { path },
      { filename: "list.csv", today: "2026-11-26", onProgress: (p) => seen.push(p) },
    );
    await rm(path);
    expect(r).toEqual({ total: 5000, created: 5000, updated: 0, unchanged: 0 });
    // Every batch of 1,000 and the end of the file (a slow machine may add timed reports
    // in between, still in order).
    const rows = seen.map((p) => p.rows);
    expect(rows.every((n, i) => i === 0 || n >= (rows[i - 1] ?? 0))).toBe(true);
    for (const n of [1000, 2000, 3000, 4000]) expect(rows).toContain(n);
    expect(rows.slice(-2)).toEqual([5000, 5000]);
    expect(seen.every((p) => p.totalBytes === body.length)).toBe(true);
    const bytes = seen.map((p) => p.bytes ?? 0);
    expect(bytes.every((b, i) => i === 0 || b >= (bytes[i - 1] ?? 0))).toBe(true);
    expect(bytes.at(-1)).toBe(body.length);
  });

  it("fails with the same error body as the synchronous import and writes nothing", async () => {
    const before = await count();
    const body = list(2600, { start: 8_100_000, bad: 2501 });
    const sync = await editor.upload("/api/patents/import", "专利清单.csv", body);
    expect(sync.statusCode).toBe(422);
    const res = await start(editor, body);
    expect(res.statusCode, res.body).toBe(202);
    const last = (await pollUntilDone(editor, res.json<{ jobId: string }>().jobId)).at(-1);
    expect(last?.state).toBe("failed");
    expect(last?.result).toBeUndefined();
    expect(last?.error).toEqual(sync.json<{ error: unknown }>().error);
    expect(last?.error?.code).toBe("IMPORT_INVALID");
    expect(last?.error?.rows).toEqual([expect.objectContaining({ row: 2502, column: "申请号" })]);
    expect(last?.rows).toBe(2600);
    expect(await count()).toBe(before);
    expect(await readdir(join(dataDir, "tmp"))).toEqual([]);
  });

  it("reports an unreadable file as a failed job", async () => {
    const res = await start(editor, Buffer.from("not a table"), "清单.xls");
    expect(res.statusCode).toBe(202);
    const last = (await pollUntilDone(editor, res.json<{ jobId: string }>().jobId)).at(-1);
    expect(last?.state).toBe("failed");
    expect(last?.error?.code).toBe("FILE_UNREADABLE");
  });

  it("shows a job only to the user who started it", async () => {
    const res = await start(editor, list(10, { start: 8_200_000 }));
    const { jobId } = res.json<{ jobId: string }>();
    await pollUntilDone(editor, jobId);
    const other = await t.login("kexie");
    const peek = await other.get(`/api/patents/import-jobs/${jobId}`);
    expect(peek.statusCode).toBe(404);
    expect((await editor.get(`/api/patents/import-jobs/${jobId}`)).statusCode).toBe(200);
    expect((await editor.get("/api/patents/import-jobs/no-such-job")).statusCode).toBe(404);
  });

  it("requires a login and a ledger-writing role", async () => {
    const anon = t.anonymous();
    expect((await anon.upload("/api/patents/import-jobs", "a.csv", list(1))).statusCode).toBe(401);
    expect((await anon.get("/api/patents/import-jobs/x")).statusCode).toBe(401);
    const viewer = await t.login("juzhang");
    const before = await count();
    const res = await viewer.upload(
      "/api/patents/import-jobs",
      "a.csv",
      list(3, { start: 8_300_000 }),
    );
    expect(res.statusCode).toBe(403);
    expect(await count()).toBe(before);
  });

  it("takes lists over the upload limit up to the bulk limit, and refuses bigger ones", async () => {
    const small = await startTestApp(engine, {
      KEGUAN_DATA_DIR: dataDir,
      KEGUAN_UPLOAD_MAX_MB: 0.01,
      KEGUAN_BULK_IMPORT_MAX_MB: 1,
    });
    try {
      const c = await small.login("keyuan");
      const ordinary = await c.upload("/api/patents/import", "big.csv", list(2000));
      expect(ordinary.statusCode, ordinary.body).toBe(413);
      const job = await c.upload("/api/patents/import-jobs", "big.csv", list(2000));
      expect(job.statusCode, job.body).toBe(202);
      const done = (await pollUntilDone(c, job.json<{ jobId: string }>().jobId)).at(-1);
      expect(done?.state).toBe("done");
      const res = await c.upload("/api/patents/import-jobs", "huge.csv", list(20000));
      expect(res.statusCode, res.body).toBe(413);
      expect(await readdir(join(dataDir, "tmp"))).toEqual([]);
    } finally {
      await small.close();
    }
  });
});
