import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import type { Config } from "../core/config.ts";
import type { Db } from "../core/db/schema.ts";
import { polishSettings } from "../core/report/polish/settings.ts";
import { achievementEntities } from "../modules/achievements/entities.ts";
import { achievementRoutes } from "../modules/achievements/routes.ts";
import { dashboardRoutes } from "../modules/dashboard/routes.ts";
import { enterpriseEntity } from "../modules/enterprises/entities.ts";
import { enterpriseRecordRoutes } from "../modules/enterprises/records.routes.ts";
import { enterpriseRoutes } from "../modules/enterprises/routes.ts";
import {
  activityRoutes,
  commissionerRoutes,
  contractRoutes,
  fieldworkEntities,
} from "../modules/fieldwork/index.ts";
import { paymentEntity } from "../modules/funds/entities.ts";
import { fundRoutes } from "../modules/funds/routes.ts";
import { investmentEntity } from "../modules/investments/entities.ts";
import { investmentRoutes } from "../modules/investments/routes.ts";
import { designationEntity, pledgeEntity } from "../modules/ip-assets/entities.ts";
import { ipAssetsExcelRoutes } from "../modules/ip-assets/excel.routes.ts";
import { ipAssetsRoutes } from "../modules/ip-assets/routes.ts";
import { disputeEntity, enforcementEntity } from "../modules/ip-work/entities.ts";
import { ipWorkRoutes } from "../modules/ip-work/routes.ts";
import { patentEntity } from "../modules/patents/entities.ts";
import { patentMonthlyRoutes } from "../modules/patents/monthly.ts";
import { patentRoutes } from "../modules/patents/routes.ts";
import { platformEntities } from "../modules/platforms/entities.ts";
import { platformRoutes } from "../modules/platforms/routes.ts";
import { projectEntity } from "../modules/projects/entities.ts";
import { projectExtraRoutes } from "../modules/projects/extras.routes.ts";
import { projectRoutes } from "../modules/projects/routes.ts";
import { quakeEntities } from "../modules/quake/entities.ts";
import { quakeRoutes } from "../modules/quake/routes.ts";
import { reportDraftRoutes } from "../modules/report-drafts/report-drafts.routes.ts";
import {
  indicatorEntity,
  indicatorValueEntity,
  targetEntity,
} from "../modules/targets/entities.ts";
import { targetRoutes } from "../modules/targets/routes.ts";
import { calendarRoutes } from "../modules/tasks/calendar.routes.ts";
import { notificationRoutes } from "../modules/tasks/notifications.routes.ts";
import { taskRoutes } from "../modules/tasks/routes.ts";
import { unitEntity } from "../modules/units/entities.ts";
import { unitRoutes } from "../modules/units/routes.ts";
import { userEntity } from "../modules/users/entities.ts";
import { userRoutes } from "../modules/users/routes.ts";
import { installAuth } from "./auth-plugin.ts";
import { installErrorHandler } from "./error-handler.ts";
import { buildMetricRegistry, reportContributors } from "./registry.ts";
import { attachmentRoutes } from "./routes/attachments.routes.ts";
import { authRoutes } from "./routes/auth.routes.ts";
import { metricRoutes } from "./routes/metrics.routes.ts";
import { systemRoutes } from "./routes/system.routes.ts";

export const WEB_DIST = fileURLToPath(new URL("../../web/dist/", import.meta.url));

export interface AppOptions {
  db: Db;
  config: Config;
  logger?: boolean;
  /** Serve the built web UI from web/dist (default: when it exists). */
  serveWeb?: boolean;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { db, config } = opts;
  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.KEGUAN_LOG_LEVEL },
    trustProxy: true,
    bodyLimit: 2 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  // API answers are per user and change with every write: never let a browser reuse one.
  app.addHook("onSend", async (req, reply, payload) => {
    if (req.url.startsWith("/api/") && !reply.hasHeader("cache-control")) {
      reply.header("cache-control", "no-store");
    }
    return payload;
  });
  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: config.KEGUAN_UPLOAD_MAX_MB * 1048576, files: 1 },
  });
  await app.register(swagger, {
    openapi: { info: { title: "科管 keguan API", version: "0.1.0" } },
    transform: jsonSchemaTransform,
  });
  installAuth(app, db, config);

  await app.register(authRoutes(db, config));
  await app.register(attachmentRoutes(db, config));
  await app.register(
    systemRoutes(db, [
      unitEntity,
      userEntity,
      enterpriseEntity,
      ...fieldworkEntities,
      projectEntity,
      paymentEntity,
      investmentEntity,
      patentEntity,
      ...quakeEntities,
      ...platformEntities,
      ...achievementEntities,
      enforcementEntity,
      disputeEntity,
      pledgeEntity,
      designationEntity,
      indicatorEntity,
      targetEntity,
      indicatorValueEntity,
    ]),
  );
  await app.register(unitRoutes(db, { uploadMaxMb: config.KEGUAN_UPLOAD_MAX_MB }));
  await app.register(
    patentRoutes(db, {
      uploadMaxMb: config.KEGUAN_UPLOAD_MAX_MB,
      bulkMaxMb: config.KEGUAN_BULK_IMPORT_MAX_MB,
      dataDir: config.KEGUAN_DATA_DIR,
    }),
  );
  await app.register(userRoutes(db));
  await app.register(activityRoutes(db, { uploadMaxMb: config.KEGUAN_UPLOAD_MAX_MB }));
  await app.register(contractRoutes(db, { uploadMaxMb: config.KEGUAN_UPLOAD_MAX_MB }));
  await app.register(commissionerRoutes(db, { uploadMaxMb: config.KEGUAN_UPLOAD_MAX_MB }));
  await app.register(enterpriseRoutes(db, { uploadMaxMb: config.KEGUAN_UPLOAD_MAX_MB }));
  await app.register(enterpriseRecordRoutes(db));
  await app.register(projectRoutes(db));
  await app.register(fundRoutes(db, { uploadMaxMb: config.KEGUAN_UPLOAD_MAX_MB }));
  await app.register(projectExtraRoutes(db, { uploadMaxMb: config.KEGUAN_UPLOAD_MAX_MB }));
  await app.register(investmentRoutes(db, { uploadMaxMb: config.KEGUAN_UPLOAD_MAX_MB }));
  await app.register(quakeRoutes(db, { uploadMaxMb: config.KEGUAN_UPLOAD_MAX_MB }));
  await app.register(platformRoutes(db, { uploadMaxMb: config.KEGUAN_UPLOAD_MAX_MB }));
  await app.register(achievementRoutes(db, { uploadMaxMb: config.KEGUAN_UPLOAD_MAX_MB }));
  await app.register(ipWorkRoutes(db, { uploadMaxMb: config.KEGUAN_UPLOAD_MAX_MB }));
  await app.register(ipAssetsRoutes(db));
  await app.register(ipAssetsExcelRoutes(db, { uploadMaxMb: config.KEGUAN_UPLOAD_MAX_MB }));
  await app.register(
    targetRoutes(db, buildMetricRegistry(), { uploadMaxMb: config.KEGUAN_UPLOAD_MAX_MB }),
  );
  await app.register(taskRoutes(db));
  await app.register(notificationRoutes(db));
  await app.register(calendarRoutes(db));
  const registry = buildMetricRegistry();
  await app.register(metricRoutes(db, registry, reportContributors));
  await app.register(patentMonthlyRoutes(db, registry));
  await app.register(
    reportDraftRoutes(db, { registry, contributors: reportContributors }, polishSettings(config)),
  );
  await app.register(dashboardRoutes(db, registry));

  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  app.get("/api/health", { schema: { hide: true } }, async () => ({ ok: true }));

  const serveWeb = opts.serveWeb ?? existsSync(WEB_DIST);
  if (serveWeb) {
    // Hashed assets never change: cache them for a year; .br/.gz files are built beside them.
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      preCompressed: true,
      setHeaders: (res, path) => {
        if (path.includes("/assets/"))
          res.header("cache-control", "public, max-age=31536000, immutable");
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes: every non-API GET falls back to the app shell.
    if (serveWeb && req.method === "GET" && !req.url.startsWith("/api/")) {
      return reply.sendFile("index.html");
    }
    const path = req.url.split("?")[0];
    return reply
      .status(404)
      .send({ error: { code: "NOT_FOUND", message: `接口不存在：${req.method} ${path}` } });
  });
  return app;
}
