import { type Config, loadConfig } from "../core/config.ts";
import { type DatabaseHandle, openDatabase } from "../core/db/index.ts";
import { migrateToLatest } from "../core/db/migrate.ts";
import type { Db } from "../core/db/schema.ts";
import { AppError } from "../core/errors.ts";
import { getRegionByCode } from "../core/regions/regions.repository.ts";
import type { Scope } from "../core/scope.ts";

export async function openConfigured(config: Config = loadConfig()): Promise<DatabaseHandle> {
  const handle = config.DATABASE_URL
    ? await openDatabase({ kind: "postgres", url: config.DATABASE_URL })
    : await openDatabase({
        kind: "pglite",
        dataDir: config.KEGUAN_DATA_DIR,
        sharedBuffersMb: config.KEGUAN_PGLITE_SHARED_BUFFERS_MB,
      });
  await migrateToLatest(handle.db);
  return handle;
}

/** The CLI acts as a system administrator over a region (default: the top of the tree). */
export async function cliScope(db: Db, regionCode?: string): Promise<Scope> {
  const region = regionCode
    ? await getRegionByCode(db, regionCode)
    : await db
        .selectFrom("regions")
        .selectAll()
        .where("parent_id", "is", null)
        .orderBy("id")
        .executeTakeFirst();
  if (!region)
    throw new AppError("NOT_FOUND", { entity: regionCode ? `地区 ${regionCode}` : "地区" });
  return {
    userId: 0,
    username: "命令行",
    role: "admin",
    homeRegionId: region.id,
    homePath: region.path,
    homeLevel: region.level,
    regionId: region.id,
    regionPath: region.path,
    regionLevel: region.level,
    ip: null,
  };
}

export function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

export function has(args: string[], name: string): boolean {
  return args.includes(`--${name}`);
}
