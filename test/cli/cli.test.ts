import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/core/db/index.ts";
import { freshDatabase } from "../support/db.ts";

const dir = mkdtempSync(join(tmpdir(), "keguan-cli-"));
const dataDir = join(dir, "data");

function keguan(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ["bin/keguan.mjs", ...args], {
    encoding: "utf8",
    env: {
      ...process.env,
      KEGUAN_DATA_DIR: dataDir,
      KEGUAN_ADMIN_PASSWORD: "Cli@2026test",
      ...env,
    },
    timeout: 180_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("the keguan command line", () => {
  let pg: DatabaseHandle | undefined;
  afterAll(async () => {
    await pg?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("seeds, exports and re-imports unchanged, backs up and restores into PostgreSQL", {
    timeout: 600_000,
  }, async () => {
    const seeded = keguan(["seed-demo"]);
    expect(seeded.out).toContain("已载入演示数据：乐山市夹江县");
    expect(seeded.code).toBe(0);

    const xlsx = join(dir, "企业.xlsx");
    const exported = keguan(["export", "enterprise", "--out", xlsx, "--region", "511126"]);
    expect(exported.out).toContain("已导出到");
    const imported = keguan(["import", "enterprise", xlsx, "--region", "511126"]);
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/导入完成：共 (\d+) 行，新增 0，更新 0，未变 \1/);

    const bad = keguan(["import", "unit", join(dir, "nope.csv")]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("错误：");

    const backup = join(dir, "keguan.bak");
    const b = keguan(["backup", "--out", backup]);
    expect(b.out).toContain("备份完成");

    pg = await freshDatabase("postgres");
    const url = pg.engine.kind === "postgres" ? pg.engine.url : "";
    const restored = keguan(["restore", "--in", backup], { DATABASE_URL: url });
    expect(restored.out).toContain("恢复完成");
    expect(restored.code).toBe(0);
    const again = keguan(["restore", "--in", backup], { DATABASE_URL: url });
    expect(again.code).toBe(1);
    expect(again.out).toContain("只能恢复到空数据库");

    const total = Number(/共 (\d+) 行/.exec(imported.out)?.[1]);
    const rows = await pg.db.selectFrom("enterprises").select("id").execute();
    expect(rows.length).toBe(total);
    const admin = await pg.db
      .selectFrom("users")
      .select("username")
      .where("username", "=", "admin")
      .execute();
    expect(admin).toHaveLength(1);
  });

  it("prints usage and exits 2 for an unknown command", () => {
    const r = keguan(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.out).toContain("用法：npx keguan <命令>");
  });
});
