import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { engines, freshDatabase, pgliteSnapshot } from "../../../test/support/db.ts";
import { type DatabaseHandle, isEmbedded, openDatabase } from "./index.ts";
import { DatabaseEngineError, DEFAULT_SHARED_BUFFERS_MB } from "./pglite-client.ts";
import type { Db } from "./schema.ts";

const LOCKED = /^数据目录 .+ 正被另一个 keguan 进程（PID \d+）使用，请先停止该进程$/;

describe.each(engines)("%s", (engine) => {
  let h: DatabaseHandle;
  beforeEach(async () => {
    h = await freshDatabase(engine);
  });
  afterEach(async () => {
    await h.close();
  });

  it("returns the same JavaScript types as the other driver", async () => {
    const at = new Date("2026-03-01T08:30:00.123+08:00");
    const r = await sql<Record<string, unknown>>`
      select '2026-03-01'::date as d, ${"2026-12-31"}::date as d_param,
        9007199254740991::int8 as big, '12345.678'::numeric as num, 42 as i,
        true as b, ${at}::timestamptz as ts, '{"a":[1,"二"]}'::jsonb as j,
        (select count(*) from regions) as n, null::text as nothing`.execute(h.db);
    expect(r.rows).toEqual([
      {
        d: "2026-03-01",
        d_param: "2026-12-31",
        big: 9007199254740991,
        num: 12345.678,
        i: 42,
        b: true,
        ts: at,
        j: { a: [1, "二"] },
        n: 0,
        nothing: null,
      },
    ]);
    const row = r.rows[0];
    expect(row?.ts).toBeInstanceOf(Date);
    expect(typeof row?.big).toBe("number");

    await h.db
      .insertInto("audit_log")
      .values({ action: "create", entity: "unit", after: '{"名称":"科技局"}' })
      .execute();
    const audit = await h.db
      .selectFrom("audit_log")
      .select(["id", "at", "after", "before"])
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ id: 1, at: expect.any(Date), after: { 名称: "科技局" }, before: null });
  });

  it("rolls a transaction back when its callback throws or a statement fails", async () => {
    const thrown = h.db.transaction().execute(async (trx) => {
      await trx.insertInto("settings").values({ key: "a", value: "1" }).execute();
      throw new Error("abort");
    });
    await expect(thrown).rejects.toThrow("abort");
    const failed = h.db.transaction().execute(async (trx) => {
      await trx.insertInto("settings").values({ key: "b", value: "2" }).execute();
      await trx.insertInto("settings").values({ key: "b", value: "3" }).execute();
    });
    await expect(failed).rejects.toMatchObject({ code: "23505" });
    expect(await h.db.selectFrom("settings").select("key").execute()).toEqual([]);
    // The connection is usable again after both rollbacks.
    await h.db.insertInto("settings").values({ key: "c", value: "3" }).execute();
    expect(await h.db.selectFrom("settings").select("key").execute()).toEqual([{ key: "c" }]);
  });

  it("keeps concurrent statements out of an open transaction", async () => {
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    let started: () => void = () => {};
    const inside = new Promise<void>((resolve) => {
      started = resolve;
    });
    let seenInside: string[] = [];
    const trx = h.db.transaction().execute(async (t) => {
      await t.insertInto("settings").values({ key: "inside", value: "0" }).execute();
      started();
      await gate;
      seenInside = (await t.selectFrom("settings").select("key").execute()).map((r) => r.key);
      throw new Error("rollback");
    });
    await inside;
    const outside = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0
        ? sql<{ n: number }>`select ${i}::int as n`.execute(h.db).then((r) => r.rows[0]?.n)
        : h.db
            .insertInto("settings")
            .values({ key: `out-${i}`, value: String(i) })
            .execute()
            .then(() => i),
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    open();
    await expect(trx).rejects.toThrow("rollback");
    // Every caller gets its own answer back, in spite of the shared connection.
    expect(await Promise.all(outside)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    // A statement that leaked into the transaction would have been rolled back with it.
    const keys = (await h.db.selectFrom("settings").select("key").orderBy("key").execute()).map(
      (r) => r.key,
    );
    expect(keys).toEqual(Array.from({ length: 25 }, (_, k) => `out-${2 * k + 1}`).sort());
    // PGlite has one session: outside statements must wait for the transaction to end.
    if (engine === "pglite") expect(seenInside).toEqual(["inside"]);
  });

  it("reports unique violations with code and constraint name", async () => {
    const region = { code: "330100", name: "杭州市", level: 2, path: "/1/", parent_id: null };
    const { id } = await h.db
      .insertInto("regions")
      .values(region)
      .returning("id")
      .executeTakeFirstOrThrow();
    const dup = await h.db
      .insertInto("regions")
      .values({ ...region, path: "/2/" })
      .execute()
      .catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(engine === "pglite" ? DatabaseEngineError : pg.DatabaseError);
    expect(dup).toMatchObject({ code: "23505", constraint: "regions_code_key", table: "regions" });

    const user = {
      display_name: "张三",
      password_hash: "x",
      role: "admin" as const,
      region_id: id,
      region_path: "/1/",
    };
    await h.db
      .insertInto("users")
      .values({ ...user, username: "ZhangSan" })
      .execute();
    const dupUser = await h.db
      .insertInto("users")
      .values({ ...user, username: "zhangsan" })
      .execute()
      .catch((e: unknown) => e);
    expect(dupUser).toMatchObject({ code: "23505", constraint: "users_username_key" });
  });
});

const INDEX_URL = new URL("./index.ts", import.meta.url).href;
const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** Opens the data folder from another Node process; resolves with its exit code and stderr. */
function openInChild(dataDir: string): Promise<{ code: number | null; stderr: string }> {
  const script = `import(${JSON.stringify(INDEX_URL)})
    .then((m) => m.openDatabase({ kind: "pglite", dataDir: process.env.KEGUAN_LOCK_DIR }))
    .then((h) => h.close())
    .then(() => process.exit(0), (e) => { console.error(e.message); process.exit(3); });`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "-e", script], {
      cwd: REPO_ROOT,
      env: { ...process.env, KEGUAN_LOCK_DIR: dataDir },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr: stderr.trim() }));
  });
}

describe("data folder lock", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "keguan-lock-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a second open in the same process until the first closes", async () => {
    const first = await openDatabase({ kind: "pglite", dataDir: dir, snapshot: pgliteSnapshot() });
    try {
      await expect(openDatabase({ kind: "pglite", dataDir: dir })).rejects.toThrow(LOCKED);
    } finally {
      await first.close();
    }
    const again = await openDatabase({ kind: "pglite", dataDir: dir });
    try {
      // Same folder, same data: the migrated tables were written to disk.
      expect(await again.db.selectFrom("regions").select("id").execute()).toEqual([]);
    } finally {
      await again.close();
    }
  });

  it("refuses another process while the folder is open, and lets it in afterwards", async () => {
    const first = await openDatabase({ kind: "pglite", dataDir: dir, snapshot: pgliteSnapshot() });
    let blocked: { code: number | null; stderr: string };
    try {
      blocked = await openInChild(dir);
    } finally {
      await first.close();
    }
    expect(blocked.stderr).toMatch(LOCKED);
    expect(blocked.stderr).toContain(`PID ${process.pid}`);
    expect(blocked.code).toBe(3);
    expect(await openInChild(dir)).toEqual({ code: 0, stderr: "" });
  });

  it("takes over a lock left by a process that is gone", async () => {
    const dead = spawnSync(process.execPath, ["-e", ""]);
    expect(dead.status).toBe(0);
    const lockFile = join(dir, "keguan.lock");
    writeFileSync(lockFile, String(dead.pid));
    const h = await openDatabase({ kind: "pglite", dataDir: dir, snapshot: pgliteSnapshot() });
    try {
      expect(readFileSync(lockFile, "utf8")).toBe(String(process.pid));
    } finally {
      await h.close();
    }
  });
});

describe("embedded database settings", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "keguan-settings-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const setting = async (db: Db, name: string) =>
    (await sql<{ v: string }>`select current_setting(${name}) as v`.execute(db)).rows[0]?.v;

  it("creates a new folder (in a process of its own) and opens it with a small buffer pool", async () => {
    const h = await openDatabase({ kind: "pglite", dataDir: dir });
    try {
      expect(existsSync(join(dir, "pg", "PG_VERSION"))).toBe(true);
      expect(await setting(h.db, "shared_buffers")).toBe(`${DEFAULT_SHARED_BUFFERS_MB}MB`);
      expect(isEmbedded(h.db)).toBe(true);
    } finally {
      await h.close();
    }
    const again = await openDatabase({ kind: "pglite", dataDir: dir, sharedBuffersMb: 64 });
    try {
      expect(await setting(again.db, "shared_buffers")).toBe("64MB");
    } finally {
      await again.close();
    }
  });
});
