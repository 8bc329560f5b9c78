import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { type EngineName, engines, freshDatabase } from "../../../test/support/db.ts";
import type { DatabaseHandle } from "../db/index.ts";
import type { Db } from "../db/schema.ts";
import { backupDatabase, backupToFile } from "./backup.ts";
import type { BackupHeader } from "./format.ts";
import { restoreDatabase, restoreFromFile } from "./restore.ts";
import {
  backupLines,
  COMPARED,
  createExtraTables,
  fill,
  gzipLines,
  memorySink,
  snapshot,
} from "./test-fixture.ts";

const open: DatabaseHandle[] = [];
async function fresh(engine: EngineName, extra = true): Promise<Db> {
  const h = await freshDatabase(engine);
  open.push(h);
  if (extra) await createExtraTables(h.db);
  return h.db;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

async function filledBackup(engine: EngineName): Promise<{ db: Db; file: Buffer }> {
  const db = await fresh(engine);
  await fill(db);
  const sink = memorySink();
  await backupDatabase(db, sink.out, { pageSize: 2 });
  return { db, file: sink.data() };
}

async function countAll(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [table] of [...COMPARED, ["sessions", ""]]) {
    const r = await sql<{
      n: number;
    }>`select count(*)::int as n from ${sql.table(table ?? "")}`.execute(db);
    out[table ?? ""] = r.rows[0]?.n ?? -1;
  }
  return out;
}

const EMPTY = Object.fromEntries([...COMPARED.map(([t]) => [t, 0]), ["sessions", 0]]);

const pairs = engines.flatMap((from) => engines.map((to) => [from, to] as const));

describe.each(pairs)("%s -> %s", (from, to) => {
  it("restores every row exactly and continues every sequence", async () => {
    const source = await fresh(from);
    await fill(source);
    const sink = memorySink();
    const progress: string[] = [];
    const made = await backupDatabase(source, sink.out, {
      pageSize: 2,
      onProgress: (table, rows) => progress.push(`${table}:${rows}`),
    });
    const file = sink.data();
    // Migrations seed dictionary tables, so totals come from the file's own header; the
    // fixture's tables must appear in it with exactly the rows the source holds.
    const lines = backupLines(file);
    const header = JSON.parse(lines[0] ?? "") as BackupHeader;
    const totalRows = header.tables.reduce((n, t) => n + t.rowCount, 0);
    expect(made).toEqual({ tables: header.tables.length, rows: totalRows, bytes: file.length });
    const counts = await countAll(source);
    for (const [table] of COMPARED) {
      expect(header.tables.find((t) => t.name === table)?.rowCount, table).toBe(counts[table]);
    }
    expect(progress).toContain("audit_log:5");
    expect(progress).toContain("audit_log:4");

    expect(header.format).toBe("keguan-backup");
    expect(header.migrations[0]).toBe("2026-11-25_001_foundation");
    expect(header.migrations).toEqual([...header.migrations].sort());
    const order = header.tables.map((t) => t.name);
    expect(order).not.toContain("sessions");
    expect(order.indexOf("regions")).toBeLessThan(order.indexOf("units"));
    expect(order.indexOf("units")).toBeLessThan(order.indexOf("users"));
    expect(header.tables.find((t) => t.name === "audit_log")?.rowCount).toBe(5);
    // The generated column is recomputed on restore, never stored.
    expect(
      header.tables.find((t) => t.name === "extra_types")?.columns.map((c) => c.name),
    ).not.toContain("doubled");

    const target = await fresh(to);
    // Batches of two: region 3 arrives in an INSERT without its parent 9.
    const loaded: string[] = [];
    const restored = await restoreDatabase(target, Readable.from([file]), {
      batchRows: 2,
      onProgress: (table, rows) => loaded.push(`${table}:${rows}`),
    });
    expect(restored).toEqual({ tables: made.tables, rows: made.rows });
    expect(loaded.filter((p) => p.startsWith("regions:"))).toEqual(["regions:2", "regions:4"]);
    const want = await snapshot(source);
    expect(want.regions).toHaveLength(4);
    expect(want.extra_types?.[0]).toContain("9007199254740993");
    expect(await snapshot(target)).toEqual(want);
    expect((await countAll(target)).sessions).toBe(0);

    // Ids continue above every restored id and after the source's own counter. Regions were
    // inserted with explicit ids, so only the target (max id 9) skips past them.
    const next = async (db: Db) => {
      const region = await db
        .insertInto("regions")
        .values({ code: "x", name: "新", level: 1, path: "/new/" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const unit = await db
        .insertInto("units")
        .values({ region_id: 5, region_path: "/5/", name: "新单位", kind: "k" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const audit = await db
        .insertInto("audit_log")
        .values({ action: "a", entity: "e" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const extra = await sql<{ id: number }>`
        insert into extra_types (note) values ('new') returning id`.execute(db);
      return [region.id, unit.id, audit.id, extra.rows[0]?.id];
    };
    const after = await next(target);
    expect(after).toEqual([10, 4, 6, 4]);
    expect(await next(source)).toEqual([1, 4, 6, 4]);
  });
});

describe.each(engines)("%s", (engine) => {
  it("leaves the target empty when the file is cut short or damaged", async () => {
    const { file } = await filledBackup(engine);
    const target = await fresh(engine);
    const lines = backupLines(file);

    // Cut mid-stream: gzip itself notices.
    const cut = file.subarray(0, Math.floor(file.length * 0.7));
    await expect(restoreDatabase(target, Readable.from([cut]))).rejects.toMatchObject({
      code: "FILE_UNREADABLE",
      message: "无法读取文件：备份文件已损坏或不完整（解压失败）",
    });
    expect(await countAll(target)).toEqual(EMPTY);

    // A well-formed gzip of only the first lines: earlier tables are loaded, then it stops.
    const partial = gzipLines(lines.slice(0, lines.length - 4));
    await expect(restoreDatabase(target, Readable.from([partial]))).rejects.toMatchObject({
      code: "FILE_UNREADABLE",
      // Which table is cut off depends on the schema's table order; any is fine.
      message: expect.stringMatching(/^无法读取文件：备份文件不完整（缺少数据表 [a-z_]+）$/),
    });
    expect(await countAll(target)).toEqual(EMPTY);

    // One audit row missing from the middle of the file.
    const auditRow = lines.findIndex((l) => l.includes("纯字符串"));
    const missing = gzipLines(lines.filter((_, i) => i !== auditRow));
    await expect(restoreDatabase(target, Readable.from([missing]))).rejects.toMatchObject({
      message: "无法读取文件：备份文件不完整（数据表 audit_log 应有 5 行，实际 4 行）",
    });
    expect(await countAll(target)).toEqual(EMPTY);

    // Everything present except the trailer.
    const noTrailer = gzipLines(lines.slice(0, -1));
    await expect(restoreDatabase(target, Readable.from([noTrailer]))).rejects.toMatchObject({
      message: "无法读取文件：备份文件不完整（缺少结尾标记）",
    });
    expect(await countAll(target)).toEqual(EMPTY);

    // A row the server cannot store (bad date) fails after earlier tables were inserted.
    const badIndex = lines.findIndex((l) => l.includes("2024-02-29"));
    const bad = [...lines];
    bad[badIndex] = (bad[badIndex] ?? "").replace("2024-02-29", "2023-02-29");
    await expect(restoreDatabase(target, Readable.from([gzipLines(bad)]))).rejects.toMatchObject({
      code: "BAD_STATE",
      message: expect.stringContaining("恢复失败：数据表 extra_types 的数据无法写入"),
    });
    expect(await countAll(target)).toEqual(EMPTY);

    await expect(
      restoreDatabase(target, Readable.from([Buffer.from("not a backup")])),
    ).rejects.toMatchObject({
      code: "FILE_UNREADABLE",
    });
    await expect(
      restoreDatabase(target, Readable.from([gzipLines(['{"a":1}'])])),
    ).rejects.toMatchObject({
      message: "无法读取文件：这不是 keguan 备份文件",
    });

    // The same target still takes the intact file afterwards.
    await restoreDatabase(target, Readable.from([file]));
    expect((await countAll(target)).audit_log).toBe(5);
  });

  it("refuses a database that holds data unless forced", async () => {
    const { db: source, file } = await filledBackup(engine);
    const target = await fresh(engine);
    await target
      .insertInto("regions")
      .values({ code: "999999", name: "已有地区", level: 3, path: "/999/" })
      .execute();
    await expect(restoreDatabase(target, Readable.from([file]))).rejects.toMatchObject({
      code: "BAD_STATE",
      message:
        "目标数据库已有数据（数据表：regions），只能恢复到空数据库；如确需覆盖现有数据，请使用 --force",
    });
    expect(await target.selectFrom("regions").select("name").execute()).toEqual([
      { name: "已有地区" },
    ]);

    // Forced onto the filled source itself, through files: the result is the backup again.
    const dir = mkdtempSync(join(tmpdir(), "keguan-backup-test-"));
    try {
      const path = join(dir, "keguan.backup.gz");
      const made = await backupToFile(source, path);
      expect(made.bytes).toBe(readFileSync(path).length);
      const before = await snapshot(source);
      await source.insertInto("settings").values({ key: "后加", value: "2" }).execute();
      await expect(restoreFromFile(source, path)).rejects.toMatchObject({ code: "BAD_STATE" });
      const forced = await restoreFromFile(source, path, { force: true });
      expect(forced.rows).toBeGreaterThanOrEqual(30);
      expect(await snapshot(source)).toEqual(before);
      expect((await countAll(source)).sessions).toBe(0);
      await expect(restoreFromFile(source, join(dir, "missing.gz"))).rejects.toMatchObject({
        code: "FILE_UNREADABLE",
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a backup made by a newer version", async () => {
    const { file } = await filledBackup(engine);
    const lines = backupLines(file);
    const header = JSON.parse(lines[0] ?? "") as BackupHeader;
    header.migrations.push("2099-01-01_001_future");
    const newer = gzipLines([JSON.stringify(header), ...lines.slice(1)]);
    const target = await fresh(engine);
    await expect(restoreDatabase(target, Readable.from([newer]))).rejects.toMatchObject({
      code: "BAD_STATE",
      message:
        "备份来自更新版本的 keguan（包含本程序没有的数据库迁移 2099-01-01_001_future），请先升级 keguan 后再恢复",
    });
    expect(await countAll(target)).toEqual(EMPTY);
  });
});
