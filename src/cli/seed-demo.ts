import { bootstrap } from "../core/bootstrap.ts";
import { AppError } from "../core/errors.ts";
import { openConfigured } from "./context.ts";

export async function seedDemoCommand(): Promise<void> {
  const handle = await openConfigured();
  try {
    const any = await handle.db.selectFrom("regions").select("id").limit(1).executeTakeFirst();
    if (any)
      throw new AppError("BAD_STATE", { message: "数据库不是空的，演示数据只能载入空数据库" });
    const r = await bootstrap(handle.db, {
      demo: true,
      adminPassword: process.env.KEGUAN_ADMIN_PASSWORD,
    });
    for (const line of r.messages) console.log(line);
  } finally {
    await handle.close();
  }
}
