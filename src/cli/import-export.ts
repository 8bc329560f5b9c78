import { createWriteStream } from "node:fs";
import { basename } from "node:path";
import { exportColumns, exportRow } from "../core/entity/export.ts";
import { parseListQuery } from "../core/entity/list.ts";
import { AppError } from "../core/errors.ts";
import { writeXlsx } from "../core/excel/index.ts";
import { unitEntity } from "../modules/units/entities.ts";
import { presentUnit } from "../modules/units/units.presenter.ts";
import { iterateUnits } from "../modules/units/units.repository.ts";
import { importUnits } from "../modules/units/units.service.ts";
import { userEntity } from "../modules/users/entities.ts";
import { presentUser } from "../modules/users/users.presenter.ts";
import { iterateUsers } from "../modules/users/users.repository.ts";
import { cliScope, flag, openConfigured } from "./context.ts";

export async function importCommand(args: string[]): Promise<void> {
  const [entity, file] = args;
  if (entity !== "unit" || !file) {
    throw new AppError("VALIDATION", {
      fields: [{ field: "import", message: "用法：import unit <文件>（用户请在界面中逐个创建）" }],
    });
  }
  const handle = await openConfigured();
  try {
    const scope = await cliScope(handle.db, flag(args, "region"));
    const r = await importUnits(handle.db, scope, { path: file }, { filename: basename(file) });
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
  if (!out || (entity !== "unit" && entity !== "user")) {
    throw new AppError("VALIDATION", {
      fields: [{ field: "export", message: "用法：export <unit|user> --out 文件.xlsx" }],
    });
  }
  const handle = await openConfigured();
  try {
    const scope = await cliScope(handle.db, flag(args, "region"));
    const def = entity === "unit" ? unitEntity : userEntity;
    const query = parseListQuery(def, {});
    const rows =
      entity === "unit"
        ? (async function* () {
            for await (const u of iterateUnits(handle.db, scope, query))
              yield exportRow(unitEntity, presentUnit(u));
          })()
        : (async function* () {
            for await (const u of iterateUsers(handle.db, scope, query))
              yield exportRow(userEntity, presentUser(u));
          })();
    await writeXlsx(createWriteStream(out), { name: def.label, columns: exportColumns(def), rows });
    console.log(`已导出到 ${out}`);
  } finally {
    await handle.close();
  }
}
