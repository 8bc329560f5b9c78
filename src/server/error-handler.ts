import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { mapDbError } from "../core/db-errors.ts";
import type { EntityDef } from "../core/entity/define.ts";
import { AppError, type FieldIssue, isAppError } from "../core/errors.ts";

/** Route config may name the entity so validation messages use its Chinese labels. */
export interface RouteEntityConfig {
  entity?: EntityDef;
}

/**
 * The one error handler: AppErrors go out as { error: {code, message, ...details} } with
 * their status; request validation becomes field-named Chinese messages; database errors
 * are mapped (unique → 409 ...); anything else is logged and answered with a generic 500.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    let appErr: AppError | null = null;
    if (isAppError(err)) appErr = err;
    else if (hasZodFastifySchemaValidationErrors(err)) {
      const entity = (req.routeOptions.config as RouteEntityConfig | undefined)?.entity;
      const fields: FieldIssue[] = err.validation.map((v) => {
        const field = v.instancePath.replace(/^\//, "").replaceAll("/", ".");
        const top = field.split(".")[0] ?? "";
        return { field, label: entity?.fields[top]?.label, message: v.message ?? "不正确" };
      });
      appErr = new AppError("VALIDATION", { fields });
    } else if (err.code === "FST_REQ_FILE_TOO_LARGE" || err.statusCode === 413) {
      appErr = new AppError("FILE_TOO_LARGE", {
        maxMb: Math.round((req.routeOptions.bodyLimit ?? 0) / 1048576) || 50,
      });
    } else if (err.statusCode === 400 && err.code?.startsWith("FST_")) {
      appErr = new AppError("VALIDATION", {
        fields: [{ field: "body", message: "请求格式不正确" }],
      });
    } else if (err.statusCode === 415) {
      appErr = new AppError("VALIDATION", {
        fields: [{ field: "body", message: "不支持的请求内容类型" }],
      });
    } else {
      appErr = mapDbError(err);
    }
    if (!appErr) {
      req.log.error({ err }, "unhandled error");
      appErr = new AppError("INTERNAL");
    } else if (appErr.status >= 500) {
      req.log.error({ err }, appErr.code);
    }
    void reply.status(appErr.status).send({ error: appErr.toJSON() });
  });
}
