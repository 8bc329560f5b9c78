import pg from "pg";

/** Type parsers that make pg return what PGlite returns (see schema.ts for the rules). */
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

export function createPgPool(connectionString: string, max = 10): pg.Pool {
  const types = {
    getTypeParser: (oid: number, format?: "text" | "binary") => {
      if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
      if (oid === DATE) return (v: string) => v;
      return pg.types.getTypeParser(oid, format);
    },
  };
  const pool = new pg.Pool({ connectionString, max, types: types as pg.CustomTypesConfig });
  // An idle client losing its backend (server restart, admin kill) must not crash the
  // process: the pool drops it and the next query gets a fresh connection.
  pool.on("error", (err) => {
    console.error(`PostgreSQL 连接中断：${err.message}`);
  });
  return pool;
}
