import { AppError } from "../core/errors.ts";
import { getRegionByCode } from "../core/regions/regions.repository.ts";
import { createUser, resetPassword } from "../modules/users/users.service.ts";
import { cliScope, flag, openConfigured } from "./context.ts";

export async function user(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const handle = await openConfigured();
  const { db } = handle;
  try {
    const scope = await cliScope(db);
    if (sub === "add") {
      const code = flag(rest, "region");
      const region = code ? await getRegionByCode(db, code) : undefined;
      if (code && !region) throw new AppError("NOT_FOUND", { entity: `地区 ${code}` });
      const password = flag(rest, "password");
      const r = await db.transaction().execute((trx) =>
        createUser(
          trx,
          scope,
          {
            username: flag(rest, "username"),
            displayName: flag(rest, "name"),
            role: flag(rest, "role"),
            regionId: region?.id ?? scope.regionId,
          },
          { password },
        ),
      );
      console.log(`已创建用户 ${r.user.username}${password ? "" : `，一次性密码：${r.password}`}`);
    } else if (sub === "reset") {
      const username = flag(rest, "username") ?? "";
      const u = await db
        .selectFrom("users")
        .select("id")
        .where("username", "=", username)
        .executeTakeFirst();
      if (!u) throw new AppError("NOT_FOUND", { entity: `用户 ${username}` });
      const pw = await db.transaction().execute((trx) => resetPassword(trx, scope, u.id));
      console.log(`已重置 ${username} 的密码，一次性密码：${pw}（已解除锁定）`);
    } else {
      throw new AppError("VALIDATION", {
        fields: [{ field: "user", message: "子命令应为 add 或 reset" }],
      });
    }
  } finally {
    await handle.close();
  }
}
