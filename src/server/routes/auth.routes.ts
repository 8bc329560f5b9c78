import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AttemptLimiter } from "../../core/auth/rate-limit.ts";
import {
  type AuthConfig,
  authenticate,
  login,
  logout,
  switchRegion,
} from "../../core/auth/session.service.ts";
import type { Db } from "../../core/db/schema.ts";
import { AppError } from "../../core/errors.ts";
import { changeOwnPassword } from "../../modules/users/users.service.ts";
import { CSRF_COOKIE, requireAuth, SESSION_COOKIE } from "../auth-plugin.ts";
import { meDto, presentMe } from "../presenters.ts";

export function authRoutes(db: Db, cfg: AuthConfig & { KEGUAN_SECURE_COOKIES: boolean }) {
  // 20 login attempts a minute per client address, on top of per-account lockout.
  const limiter = new AttemptLimiter(20, 60_000);
  const cookieBase = { path: "/", sameSite: "strict" as const, secure: cfg.KEGUAN_SECURE_COOKIES };

  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.post(
      "/api/auth/login",
      {
        schema: {
          tags: ["auth"],
          body: z.object({
            username: z.string().trim().min(1).max(64),
            password: z.string().min(1).max(200),
          }),
          response: { 200: z.object({ user: meDto }) },
        },
      },
      async (req, reply) => {
        const wait = limiter.hit(req.ip);
        if (wait > 0) throw new AppError("RATE_LIMITED", { seconds: wait });
        // No transaction: a failed attempt must persist its failure count and lockout.
        const result = await login(db, cfg, {
          ...req.body,
          ip: req.ip,
          userAgent: req.headers["user-agent"] ?? null,
        });
        const maxAge = cfg.KEGUAN_SESSION_HOURS * 3600;
        reply.setCookie(SESSION_COOKIE, result.token, { ...cookieBase, httpOnly: true, maxAge });
        reply.setCookie(CSRF_COOKIE, result.csrfToken, { ...cookieBase, httpOnly: false, maxAge });
        const auth = await authenticate(db, cfg, result.token, req.ip);
        return { user: presentMe(auth) };
      },
    );

    r.post("/api/auth/logout", { schema: { tags: ["auth"] } }, async (req, reply) => {
      if (req.auth) await logout(db, req.auth.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      reply.clearCookie(CSRF_COOKIE, { path: "/" });
      return reply.status(204).send();
    });

    r.get(
      "/api/auth/me",
      { schema: { tags: ["auth"], response: { 200: z.object({ user: meDto }) } } },
      async (req) => ({
        user: presentMe(requireAuth(req)),
      }),
    );

    r.put(
      "/api/auth/region",
      {
        schema: {
          tags: ["auth"],
          body: z.object({ regionId: z.number().int() }),
          response: { 200: z.object({ user: meDto }) },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        await switchRegion(db, auth, req.body.regionId);
        const token = req.cookies[SESSION_COOKIE] ?? "";
        return { user: presentMe(await authenticate(db, cfg, token, req.ip)) };
      },
    );

    r.post(
      "/api/auth/password",
      {
        schema: {
          tags: ["auth"],
          body: z.object({
            oldPassword: z.string().min(1).max(200),
            newPassword: z.string().min(1).max(200),
          }),
        },
      },
      async (req, reply) => {
        const auth = requireAuth(req);
        await db.transaction().execute((trx) => changeOwnPassword(trx, auth.scope, req.body));
        return reply.status(204).send();
      },
    );
  };
}
