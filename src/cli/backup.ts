import { backupToFile } from "../core/backup/backup.ts";
import { restoreFromFile } from "../core/backup/restore.ts";
import { AppError } from "../core/errors.ts";
import { flag, has, openConfigured } from "./context.ts";

function progress(table: string, rows: number): void {
  process.stderr.write(`\r  ${table}: ${rows} 行        `);
}

export async function backup(args: string[]): Promise<void> {
  const out = flag(args, "out");
  if (!out)
    throw new AppError("VALIDATION", {
      fields: [{ field: "--out", message: "请指定备份文件路径" }],
    });
  const handle = await openConfigured();
  try {
    const r = await backupToFile(handle.db, out, { onProgress: progress });
    console.log(
      `\n备份完成：${out}（${r.tables} 张表，${r.rows} 行，${(r.bytes / 1048576).toFixed(1)} MB）`,
    );
  } finally {
    await handle.close();
  }
}

export async function restore(args: string[]): Promise<void> {
  const input = flag(args, "in");
  if (!input)
    throw new AppError("VALIDATION", {
      fields: [{ field: "--in", message: "请指定备份文件路径" }],
    });
  const handle = await openConfigured();
  try {
    const r = await restoreFromFile(handle.db, input, {
      force: has(args, "force"),
      onProgress: progress,
    });
    console.log(`\n恢复完成：${r.tables} 张表，${r.rows} 行`);
  } finally {
    await handle.close();
  }
}
