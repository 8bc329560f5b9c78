import { generatePassword, hashPassword } from "./auth/password.ts";
import type { Db } from "./db/schema.ts";
import { seedDemo } from "./demo/seed.ts";
import { insertRegion } from "./regions/regions.repository.ts";

export interface BootstrapResult {
  /** Lines to print once: what was created and how to log in. */
  messages: string[];
}

/**
 * First start: an empty database gets either the demo county (embedded database, demo
 * on) or a bare root region and an admin account. The admin password comes from
 * KEGUAN_ADMIN_PASSWORD or is generated and printed once; generated ones must be changed.
 */
export async function bootstrap(
  db: Db,
  opts: { demo: boolean; adminPassword?: string },
): Promise<BootstrapResult> {
  const existing = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (existing) return { messages: [] };
  return db.transaction().execute(async (trx) => {
    if (opts.demo) {
      const demoPassword = opts.adminPassword ?? generatePassword();
      const r = await seedDemo(trx, { password: demoPassword });
      const lines = r.logins.map(
        (l) => `  ${l.username.padEnd(8)} ${l.displayName}（${l.region}，${roleLabel(l.role)}）`,
      );
      return {
        messages: [
          `已载入演示数据：${r.city.name}${r.county.name}（含乡镇、村、单位和各角色用户）`,
          "演示账号（密码相同）：",
          ...lines,
          `  密码：${demoPassword}`,
        ],
      };
    }
    const password = opts.adminPassword ?? generatePassword();
    let root = await trx
      .selectFrom("regions")
      .selectAll()
      .where("parent_id", "is", null)
      .orderBy("id")
      .executeTakeFirst();
    root ??= await insertRegion(trx, { parentId: null, code: "000000", name: "本级", level: 3 });
    await trx
      .insertInto("users")
      .values({
        username: "admin",
        display_name: "系统管理员",
        role: "admin",
        region_id: root.id,
        region_path: root.path,
        password_hash: await hashPassword(password),
        must_change_password: opts.adminPassword === undefined,
      })
      .execute();
    return {
      messages: [
        "已创建管理员账号 admin",
        opts.adminPassword
          ? "  密码：取自 KEGUAN_ADMIN_PASSWORD"
          : `  一次性密码：${password}（首次登录后须修改）`,
      ],
    };
  });
}

function roleLabel(role: string): string {
  return role === "admin" ? "管理员" : role === "editor" ? "科员" : "领导";
}
