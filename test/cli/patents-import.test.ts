import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { withCheck } from "../../src/modules/patents/application-no.ts";

const dir = mkdtempSync(join(tmpdir(), "keguan-cli-patents-"));
const dataDir = join(dir, "data");

function keguan(args: string[]) {
  const r = spawnSync(process.execPath, ["bin/keguan.mjs", ...args], {
    encoding: "utf8",
    env: { ...process.env, KEGUAN_DATA_DIR: dataDir, KEGUAN_ADMIN_PASSWORD: "Cli@2026test" },
    timeout: 240_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function list(n: number): string {
  const lines = ["申请号,名称,申请人,申请日,法律状态"];
  for (let i = 1; i <= n; i++) {
    const no = withCheck(`20232${String(9_000_000 + i).padStart(7, "0")}`);
    lines.push(`${no},一种瓷砖切割装置（${i}）,夹江县测试陶瓷有限公司,2023-06-01,在审`);
  }
  return lines.join("\r\n");
}

describe("keguan import patent", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("imports a patent list, with progress on stderr and the counts on stdout", {
    timeout: 600_000,
  }, () => {
    expect(keguan(["seed-demo"]).code).toBe(0);
    const file = join(dir, "专利清单.csv");
    writeFileSync(file, list(30_000));
    const r = keguan(["import", "patent", file, "--region", "511126"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe("导入完成：共 30000 行，新增 30000，更新 0，未变 0");
    // Not a terminal: plain lines (one every five seconds, and where reading ended).
    const lines = r.stderr.trim().split("\n");
    expect(lines.at(-1)).toBe("已读取 30,000 行（100%）");
    expect(r.stderr).not.toContain("\r");
    expect(lines.every((l) => /^已读取 [\d,]+ 行（\d+%）$/.test(l))).toBe(true);

    const again = keguan(["import", "patent", file, "--region", "511126"]);
    expect(again.stdout.trim()).toBe("导入完成：共 30000 行，新增 0，更新 0，未变 30000");
  });
});
