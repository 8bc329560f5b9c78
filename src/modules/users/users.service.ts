import { writeAudit } from "../../core/audit/audit.repository.ts";
import {
  checkPasswordStrength,
  generatePassword,
  hashPassword,
  verifyPassword,
} from "../../core/auth/password.ts";
import type { Conn, User } from "../../core/db/schema.ts";
import { explainMissedWrite } from "../../core/entity/concurrency.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import { pathInScope, regionForWrite, type Scope } from "../../core/scope.ts";
import { type UserInput, userEntity, userInput, userUpdate } from "./entities.ts";
import * as repo from "./users.repository.ts";

const ENTITY = "user";
const LABEL = userEntity.label;

/** What the audit log keeps of a user: never the hash. */
function auditView(u: User) {
  const { password_hash: _h, ...rest } = u;
  return rest;
}

async function checkUnit(db: Conn, scope: Scope, unitId: number | null | undefined): Promise<void> {
  if (!unitId) return;
  const unit = await db
    .selectFrom("units")
    .select("region_path")
    .where("id", "=", unitId)
    .executeTakeFirst();
  if (!unit || !pathInScope(scope, unit.region_path)) {
    throw new AppError("VALIDATION", {
      fields: [{ field: "unitId", label: "所属单位", message: "单位不存在或不在您的数据范围内" }],
    });
  }
}

function toRow(input: UserInput, regionPath: string) {
  return {
    username: input.username,
    display_name: input.displayName,
    role: input.role,
    region_id: input.regionId,
    region_path: regionPath,
    unit_id: input.unitId ?? null,
    phone: input.phone ?? null,
    active: input.active,
  };
}

/** Creates a user with a one-time password they must change at first login. */
export async function createUser(
  db: Conn,
  scope: Scope,
  raw: unknown,
  opts: { password?: string } = {},
): Promise<{ user: User; password: string }> {
  const input = parseInput(userInput, raw, userEntity);
  const region = await regionForWrite(db, scope, input.regionId);
  await checkUnit(db, scope, input.unitId);
  const password = opts.password ?? generatePassword();
  checkPasswordStrength(password);
  const user = await repo.insertUser(db, {
    ...toRow(input, region.path),
    password_hash: await hashPassword(password),
    must_change_password: opts.password === undefined,
  });
  await writeAudit(db, scope, {
    action: "create",
    entity: ENTITY,
    recordId: user.id,
    regionPath: user.region_path,
    after: auditView(user),
  });
  return { user, password };
}

export async function updateUser(db: Conn, scope: Scope, id: number, raw: unknown): Promise<User> {
  const { version, ...input } = parseInput(userUpdate, raw, userEntity);
  const before = await repo.getUser(db, scope, id);
  if (!before) return explainMissedWrite(db, scope, "users", id, LABEL);
  if (id === scope.userId && (input.role !== before.role || !input.active)) {
    throw new AppError("FORBIDDEN", { reason: "不能修改自己的角色或停用自己的账号" });
  }
  const region = await regionForWrite(db, scope, input.regionId);
  await checkUnit(db, scope, input.unitId);
  const user = await repo.updateUser(db, scope, id, version, toRow(input, region.path));
  if (!user) return explainMissedWrite(db, scope, "users", id, LABEL);
  if (!user.active) await db.deleteFrom("sessions").where("user_id", "=", id).execute();
  const { region_name: _r, unit_name: _u, ...beforeRow } = before;
  await writeAudit(db, scope, {
    action: "update",
    entity: ENTITY,
    recordId: id,
    regionPath: user.region_path,
    before: auditView(beforeRow),
    after: auditView(user),
  });
  return user;
}

export async function deleteUser(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
): Promise<void> {
  if (id === scope.userId) throw new AppError("FORBIDDEN", { reason: "不能删除自己的账号" });
  const user = await repo.deleteUser(db, scope, id, version);
  if (!user) return explainMissedWrite(db, scope, "users", id, LABEL);
  await writeAudit(db, scope, {
    action: "delete",
    entity: ENTITY,
    recordId: id,
    regionPath: user.region_path,
    before: auditView(user),
  });
}

/** Admin reset: a new one-time password, shown once; the user must change it. */
export async function resetPassword(db: Conn, scope: Scope, id: number): Promise<string> {
  const user = await repo.getUser(db, scope, id);
  if (!user) throw new AppError("NOT_FOUND", { entity: LABEL });
  const password = generatePassword();
  await db
    .updateTable("users")
    .set({
      password_hash: await hashPassword(password),
      must_change_password: true,
      failed_logins: 0,
      locked_until: null,
    })
    .where("id", "=", id)
    .execute();
  await db.deleteFrom("sessions").where("user_id", "=", id).execute();
  await writeAudit(db, scope, {
    action: "password",
    entity: ENTITY,
    recordId: id,
    regionPath: user.region_path,
    after: { reset: true },
  });
  return password;
}

export async function changeOwnPassword(
  db: Conn,
  scope: Scope,
  body: { oldPassword: string; newPassword: string },
): Promise<void> {
  const user = await db
    .selectFrom("users")
    .selectAll()
    .where("id", "=", scope.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(body.oldPassword, user.password_hash))) {
    throw new AppError("VALIDATION", {
      fields: [{ field: "oldPassword", label: "原密码", message: "不正确" }],
    });
  }
  if (body.oldPassword === body.newPassword) {
    throw new AppError("PASSWORD_WEAK", { reason: "新密码不能与原密码相同" });
  }
  checkPasswordStrength(body.newPassword);
  await db
    .updateTable("users")
    .set({
      password_hash: await hashPassword(body.newPassword),
      must_change_password: false,
      version: user.version + 1,
    })
    .where("id", "=", user.id)
    .execute();
  await writeAudit(db, scope, {
    action: "password",
    entity: ENTITY,
    recordId: user.id,
    regionPath: user.region_path,
    after: { changed: true },
  });
}
