/** Values global-setup.ts hands to every test worker through vitest's provide/inject. */
declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the test server's maintenance database (for CREATE/DROP DATABASE). */
    keguanPgAdminUrl: string;
    /** Migrated database that per-test databases are cloned from. */
    keguanPgTemplate: string;
    /** File holding a migrated PGlite dump (uncompressed tar). */
    keguanPgliteSnapshot: string;
  }
}

export const TEMPLATE_DB = "keguan_template";

/** Same server, another database. */
export function databaseUrl(adminUrl: string, database: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}
