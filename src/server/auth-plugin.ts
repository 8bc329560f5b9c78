import { timingSafeEqual } from "node:crypto";
import type {} from "@fastify/cookie";
import type { FastifyInstance, FastifyRequest } from "fastify";
import {
  type AuthConfig,
  type Authenticated,
  authenticate,
  canWriteLedgers,
} from "../core/auth/session.service.ts";
import type { Db, Role } from "../core/db/schema.ts";
import { AppError } from "../core/errors.ts";
import type { Scope } from "../core/scope.ts";

export const SESSION_COOKIE = "kg_session";
export const CSRF_COOKIE = "kg_csrf";
export const CSRF_HEADER = "x-csrf-token";

declare module "fastify" {
  interface FastifyRequest {
    auth: Authenticated | null;
  }
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A read-only route may declare `recentSession: true` to be answered from a session
 * authenticated in the last minute without asking the database (progress polls while an
 * import holds PGlite's only connection). Such routes must reveal nothing but the caller's
 * own transient state: a logout takes up to a minute to reach them.
 */
export interface RouteAuthConfig {
  recentSession?: boolean;
}

const RECENT_MS = 60_000;

class RecentSessions {
  private readonly byToken = new Map<string, { auth: Authenticated; at: number }>();

  get(token: string): Authenticated | null {
    const hit = this.byToken.get(token);
    if (!hit || Date.now() - hit.at > RECENT_MS) return null;
    return hit.auth;
  }

  set(token: string, auth: Authenticated): void {
    const now = Date.now();
    if (this.byToken.size > 1000) {
      for (const [k, v] of this.byToken) if (now - v.at > RECENT_MS) this.byToken.delete(k);
    }
    this.byToken.set(token, { auth, at: now });
  }
}

/**
 * Resolves the session on every /api request and enforces CSRF on every write: the
 * header must equal the session's token (double submit; the cookie only carries it to
 * the page script). Routes then declare who may call them with requireRole().
 */
export function installAuth(app: FastifyInstance, db: Db, cfg: AuthConfig): void {
  app.decorateRequest("auth", null);
  const recent = new RecentSessions();
  app.addHook("onRequest", async (req) => {
    if (!req.url.startsWith("/api/")) return;
    const token = req.cookies[SESSION_COOKIE];
    const config = req.routeOptions.config as RouteAuthConfig | undefined;
    if (token && req.method === "GET" && config?.recentSession) {
      req.auth = recent.get(token);
      if (req.auth) return;
    }
    if (token) {
      try {
        req.auth = await authenticate(db, cfg, token, req.ip);
        recent.set(token, req.auth);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (err.code === "SESSION_EXPIRED" && !req.url.startsWith("/api/auth/login")) throw err;
      }
    }
    // A one-time password must be replaced before anything else can be done.
    if (req.auth?.user.must_change_password && !req.url.startsWith("/api/auth/")) {
      throw new AppError("FORBIDDEN", { reason: "请先修改初始密码" });
    }
    if (!SAFE.has(req.method) && req.auth) {
      const header = req.headers[CSRF_HEADER];
      if (typeof header !== "string" || !sameToken(header, req.auth.csrfToken)) {
        throw new AppError("CSRF");
      }
    }
  });
}

export function requireAuth(req: Pick<FastifyRequest, "auth">): Authenticated {
  if (!req.auth) throw new AppError("UNAUTHENTICATED");
  return req.auth;
}

/** preHandler factory: the caller must be logged in with one of the roles. */
export function requireRole(...roles: Role[]) {
  return async (req: Pick<FastifyRequest, "auth">) => {
    const auth = requireAuth(req);
    if (!roles.includes(auth.user.role)) throw new AppError("FORBIDDEN", {});
  };
}

/** preHandler: ledger writes (editor/admin at county level or below). */
export async function requireLedgerWrite(req: Pick<FastifyRequest, "auth">): Promise<void> {
  const auth = requireAuth(req);
  if (!canWriteLedgers(auth.scope)) {
    throw new AppError("FORBIDDEN", {
      reason:
        auth.scope.role === "viewer"
          ? "领导账号为只读，不能修改数据"
          : "市级账号为只读汇总，不能修改县区数据",
    });
  }
}

export function scopeOf(req: Pick<FastifyRequest, "auth">): Scope {
  return requireAuth(req).scope;
}
