import { readdir } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";
import type { Db } from "./schema.ts";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../../migrations/", import.meta.url));

/** Loads migrations/*.ts in name order; names are date-prefixed so order is history. */
class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) =>
      /^\d{4}-\d{2}-\d{2}_.*\.ts$/.test(f),
    );
    const out: Record<string, Migration> = {};
    for (const file of files.sort()) {
      const mod = (await import(pathToFileURL(`${MIGRATIONS_DIR}${file}`).href)) as Migration;
      out[file.replace(/\.ts$/, "")] = mod;
    }
    return out;
  }
}

export function migrator(db: Db): Migrator {
  return new Migrator({
    db: db as unknown as Kysely<unknown>,
    provider: new FolderMigrationProvider(),
  });
}

/** Brings the schema to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : "";
    throw new Error(`数据库迁移失败${name}: ${String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
