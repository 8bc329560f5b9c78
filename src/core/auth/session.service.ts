import { createHash, randomBytes } from "node:crypto";
import { writeAudit } from "../audit/audit.repository.ts";
import type { Config } from "../config.ts";
import type { Conn, Region, User } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import { getRegion } from "../regions/regions.repository.ts";
import { LEDGER_WRITE_MAX_LEVEL, type Scope } from "../scope.ts";
import { hashPassword, verifyPassword } from "./password.ts";

export type AuthConfig = Pick<
  Config,
  | "KEGUAN_SESSION_HOURS"
  | "KEGUAN_SESSION_IDLE_MINUTES"
  | "KEGUAN_LOGIN_MAX_FAILURES"
  | "KEGUAN_LOGIN_LOCK_MINUTES"
>;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  user: User;
}

// A hash to verify against when the user does not exist, so timing does not reveal
// which usernames are real (same cost as real hashes).
let dummyHash: Promise<string> | undefined;

export async function login(
  db: Conn,
  cfg: AuthConfig,
  opts: { username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const user = await db
    .selectFrom("users")
    .selectAll()
    .where((eb) => eb(eb.fn("lower", ["username"]), "=", opts.username.trim().toLowerCase()))
    .executeTakeFirst();
  if (!user) {
    dummyHash ??= hashPassword("keguan-dummy-password");
    await verifyPassword(opts.password, await dummyHash);
    throw new AppError("LOGIN_FAILED");
  }
  const now = new Date();
  if (user.locked_until && user.locked_until > now) {
    const minutes = Math.ceil((user.locked_until.getTime() - now.getTime()) / 60_000);
    throw new AppError("ACCOUNT_LOCKED", { minutes });
  }
  if (!(await verifyPassword(opts.password, user.password_hash))) {
    const failures = user.failed_logins + 1;
    const lock = failures >= cfg.KEGUAN_LOGIN_MAX_FAILURES;
    await db
      .updateTable("users")
      .set({
        failed_logins: lock ? 0 : failures,
        locked_until: lock
          ? new Date(now.getTime() + cfg.KEGUAN_LOGIN_LOCK_MINUTES * 60_000)
          : null,
      })
      .where("id", "=", user.id)
      .execute();
    if (lock) throw new AppError("ACCOUNT_LOCKED", { minutes: cfg.KEGUAN_LOGIN_LOCK_MINUTES });
    throw new AppError("LOGIN_FAILED");
  }
  if (!user.active) throw new AppError("ACCOUNT_DISABLED");
  await db
    .updateTable("users")
    .set({ failed_logins: 0, locked_until: null, last_login_at: now })
    .where("id", "=", user.id)
    .execute();
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  await db
    .insertInto("sessions")
    .values({
      id: hashToken(token),
      user_id: user.id,
      csrf_token: csrfToken,
      active_region_id: user.region_id,
      ip: opts.ip,
      user_agent: opts.userAgent?.slice(0, 300) ?? null,
      expires_at: new Date(now.getTime() + cfg.KEGUAN_SESSION_HOURS * 3_600_000),
    })
    .execute();
  await writeAudit(
    db,
    { userId: user.id, username: user.username, ip: opts.ip },
    {
      action: "login",
      entity: "session",
      recordId: user.id,
    },
  );
  // Old sessions are swept at login time: cheap and keeps the table small.
  await db.deleteFrom("sessions").where("expires_at", "<", now).execute();
  return { token, csrfToken, user };
}

export interface Authenticated {
  user: User;
  sessionId: string;
  csrfToken: string;
  scope: Scope;
  homeRegion: Region;
  activeRegion: Region;
}

/** Resolves a session cookie to the user and their scope; expired or idle sessions fail. */
export async function authenticate(
  db: Conn,
  cfg: AuthConfig,
  token: string,
  ip: string | null,
): Promise<Authenticated> {
  const id = hashToken(token);
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .selectAll("users")
    .select([
      "sessions.csrf_token",
      "sessions.active_region_id",
      "sessions.last_seen_at",
      "sessions.expires_at",
    ])
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  if (!row) throw new AppError("UNAUTHENTICATED");
  const now = Date.now();
  const idleMs = cfg.KEGUAN_SESSION_IDLE_MINUTES * 60_000;
  if (
    row.expires_at.getTime() <= now ||
    row.last_seen_at.getTime() + idleMs <= now ||
    !row.active
  ) {
    await db.deleteFrom("sessions").where("id", "=", id).execute();
    throw new AppError("SESSION_EXPIRED");
  }
  // Touch at most once a minute.
  if (now - row.last_seen_at.getTime() > 60_000) {
    await db
      .updateTable("sessions")
      .set({ last_seen_at: new Date(now) })
      .where("id", "=", id)
      .execute();
  }
  const { csrf_token, active_region_id, last_seen_at: _l, expires_at: _e, ...user } = row;
  const homeRegion = await getRegion(db, user.region_id);
  const activeRegion =
    active_region_id === user.region_id ? homeRegion : await getRegion(db, active_region_id);
  if (!homeRegion || !activeRegion) throw new AppError("UNAUTHENTICATED");
  // A session's active region can never escape the user's subtree, even if data changed.
  const active = activeRegion.path.startsWith(homeRegion.path) ? activeRegion : homeRegion;
  return {
    user,
    sessionId: id,
    csrfToken: csrf_token,
    homeRegion,
    activeRegion: active,
    scope: {
      userId: user.id,
      username: user.username,
      role: user.role,
      homeRegionId: homeRegion.id,
      homePath: homeRegion.path,
      homeLevel: homeRegion.level,
      regionId: active.id,
      regionPath: active.path,
      regionLevel: active.level,
      ip,
    },
  };
}

export async function logout(db: Conn, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

export async function switchRegion(db: Conn, auth: Authenticated, regionId: number): Promise<void> {
  const region = await getRegion(db, regionId);
  if (!region?.path.startsWith(auth.homeRegion.path)) {
    throw new AppError("OUT_OF_SCOPE", { what: "所选地区" });
  }
  await db
    .updateTable("sessions")
    .set({ active_region_id: regionId })
    .where("id", "=", auth.sessionId)
    .execute();
}

/** Ledgers are edited at county level and below; city users get a read-only roll-up. */
export function canWriteLedgers(scope: Scope): boolean {
  return scope.role !== "viewer" && scope.homeLevel >= LEDGER_WRITE_MAX_LEVEL;
}
