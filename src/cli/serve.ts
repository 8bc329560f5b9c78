import { pruneAudit } from "../core/audit/audit.repository.ts";
import { bootstrap } from "../core/bootstrap.ts";
import { loadConfig } from "../core/config.ts";
import { vacuumEmbedded } from "../core/db/maintenance.ts";
import { keepImportWorkerWarm } from "../core/entity/import-in-worker.ts";
import { todayCst } from "../core/report/composer.ts";
import { patentParserRef } from "../modules/patents/import.ts";
import { scanTaskDeadlines } from "../modules/tasks/notifications.ts";
import { buildApp } from "../server/app.ts";
import { openConfigured } from "./context.ts";

export async function serve(): Promise<void> {
  const config = loadConfig();
  const handle = await openConfigured(config);
  const embedded = !config.DATABASE_URL;
  const boot = await bootstrap(handle.db, {
    demo: embedded && config.KEGUAN_DEMO,
    adminPassword: config.KEGUAN_ADMIN_PASSWORD,
  });
  const pruned = await pruneAudit(handle.db, config.KEGUAN_AUDIT_RETENTION_DAYS);
  // 临近/逾期 reminders: idempotent, so a restart or a second run the same day adds nothing.
  await scanTaskDeadlines(handle.db, todayCst());
  const timer = setInterval(() => {
    void pruneAudit(handle.db, config.KEGUAN_AUDIT_RETENTION_DAYS).catch(() => {});
    void scanTaskDeadlines(handle.db, todayCst()).catch(() => {});
    void vacuumEmbedded(handle.db).catch(() => {});
  }, 24 * 3_600_000);
  timer.unref();
  // On PostgreSQL big patent lists are parsed in a worker thread: one is kept started.
  const warm = embedded ? null : keepImportWorkerWarm([patentParserRef]);
  const app = await buildApp({ db: handle.db, config });
  await app.listen({ port: config.PORT, host: config.HOST });
  const url = `http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${config.PORT}`;
  const where = embedded ? `内置数据库 ${config.KEGUAN_DATA_DIR}` : "PostgreSQL（DATABASE_URL）";
  console.log(`\n科管 keguan 已启动：${url}  （${where}）`);
  if (pruned > 0) console.log(`已按保留期清理审计日志 ${pruned} 条`);
  for (const line of boot.messages) console.log(line);
  let closing = false;
  const stop = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    await warm?.stop();
    await handle.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}
