import { createWriteStream } from "node:fs";
import { basename } from "node:path";
import { exportColumns } from "../core/entity/export.ts";
import { AppError } from "../core/errors.ts";
import { writeXlsx } from "../core/excel/index.ts";
import { cliScope, flag, openConfigured } from "./context.ts";
import { entityIo } from "./entity-io.ts";
import { progressPrinter } from "./progress.ts";

const names = Object.keys(entityIo).join("|");

export async function importCommand(args: string[]): Promise<void> {
  const [entity, file] = args;
  const io = entity ? entityIo[entity] : undefined;
  if (!io?.importFile || !file) {
    const importable = Object.entries(entityIo)
      .filter(([, v]) => v.importFile)
      .map(([k]) => k)
      .join("|");
    throw new AppError("VALIDATION", {
      fields: [
        { field: "import", message: `用法：import <${importable}> <文件> [--region 地区代码]` },
      ],
    });
  }
  const handle = await openConfigured();
  try {
    const scope = await cliScope(handle.db, flag(args, "region"));
    const progress = progressPrinter();
    const r = await io
      .importFile(
        handle.db,
        scope,
        { path: file },
        { filename: basename(file), onProgress: progress.update },
      )
      .finally(progress.finish);
    console.log(
      `导入完成：共 ${r.total} 行，新增 ${r.created}，更新 ${r.updated}，未变 ${r.unchanged}`,
    );
  } finally {
    await handle.close();
  }
}

export async function exportCommand(args: string[]): Promise<void> {
  const [entity] = args;
  const out = flag(args, "out");
  const io = entity ? entityIo[entity] : undefined;
  if (!out || !io) {
    throw new AppError("VALIDATION", {
      fields: [
        { field: "export", message: `用法：export <${names}> --out 文件.xlsx [--region 地区代码]` },
      ],
    });
  }
  const handle = await openConfigured();
  try {
    const scope = await cliScope(handle.db, flag(args, "region"));
    await writeXlsx(createWriteStream(out), {
      name: io.def.label,
      columns: exportColumns(io.def),
      rows: io.rows(handle.db, scope),
    });
    console.log(`已导出到 ${out}`);
  } finally {
    await handle.close();
  }
}
