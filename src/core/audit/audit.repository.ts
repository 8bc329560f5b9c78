import { type SqlBool, sql } from "kysely";
import { z } from "zod";
import type { AuditEntry, Conn } from "../db/schema.ts";
import { type ListPage, listQueryBase } from "../entity/list.ts";
import type { Scope } from "../scope.ts";

export type AuditAction =
  | "create"
  | "update"
  | "delete"
  | "import"
  | "login"
  | "logout"
  | "password";

export interface AuditInput {
  action: AuditAction;
  entity: string;
  recordId?: string | number | null;
  regionPath?: string | null;
  before?: unknown;
  after?: unknown;
}

export type Actor = Pick<Scope, "userId" | "username"> & { ip?: string | null };

/** Strips secrets before anything reaches the log. */
function clean(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  return JSON.stringify(v, (k, val) =>
    k === "password_hash" || k === "passwordHash" ? undefined : val,
  );
}

export async function writeAudit(db: Conn, actor: Actor | null, e: AuditInput): Promise<void> {
  await writeAuditMany(db, actor, [e]);
}

export async function writeAuditMany(
  db: Conn,
  actor: Actor | null,
  entries: AuditInput[],
): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) {
    const chunk = entries.slice(i, i + 1000);
    if (chunk.length === 0) break;
    await db
      .insertInto("audit_log")
      .values(
        chunk.map((e) => ({
          user_id: actor?.userId ?? null,
          username: actor?.username ?? null,
          ip: actor?.ip ?? null,
          action: e.action,
          entity: e.entity,
          record_id: e.recordId === undefined || e.recordId === null ? null : String(e.recordId),
          region_path: e.regionPath ?? null,
          before: clean(e.before),
          after: clean(e.after),
        })),
      )
      .execute();
  }
}

export const auditQuerySchema = listQueryBase.extend({
  entity: z.string().max(40).optional(),
  action: z.string().max(20).optional(),
  userId: z.coerce.number().int().optional(),
  recordId: z.string().max(40).optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** Audit rows of the caller's subtree (rows without a region — logins — only for the user's own). */
export async function listAudit(
  db: Conn,
  scope: Scope,
  q: AuditQuery,
): Promise<ListPage<AuditEntry>> {
  let qb = db.selectFrom("audit_log").selectAll();
  qb = qb.where((eb) =>
    eb.or([
      eb("region_path", "like", `${scope.regionPath}%`),
      eb.and([
        eb("region_path", "is", null),
        eb(
          "user_id",
          "in",
          eb.selectFrom("users").select("id").where("region_path", "like", `${scope.regionPath}%`),
        ),
      ]),
    ]),
  );
  if (q.entity) qb = qb.where("entity", "=", q.entity);
  if (q.action) qb = qb.where("action", "=", q.action);
  if (q.userId) qb = qb.where("user_id", "=", q.userId);
  if (q.recordId) qb = qb.where("record_id", "=", q.recordId);
  if (q.from) qb = qb.where(sql<SqlBool>`at >= ${q.from}::date`);
  if (q.to) qb = qb.where(sql<SqlBool>`at < ${q.to}::date + 1`);
  if (q.q)
    qb = qb.where((eb) =>
      eb.or([eb("username", "ilike", `%${q.q}%`), eb("record_id", "=", q.q ?? "")]),
    );
  const count = await qb
    .clearSelect()
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirst();
  const items = await qb
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total: count?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Deletes rows older than the retention period; returns how many went. */
export async function pruneAudit(db: Conn, retentionDays: number): Promise<number> {
  const r = await db
    .deleteFrom("audit_log")
    .where(sql<SqlBool>`at < now() - make_interval(days => ${retentionDays})`)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
