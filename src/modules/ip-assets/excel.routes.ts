import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../core/db/schema.ts";
import { exportColumns, exportRow } from "../../core/entity/export.ts";
import type { ImportCounts } from "../../core/entity/import.ts";
import { parseListQuery } from "../../core/entity/list.ts";
import type { TableInput } from "../../core/excel/types.ts";
import type { Scope } from "../../core/scope.ts";
import { requireAuth, requireLedgerWrite, scopeOf } from "../../server/auth-plugin.ts";
import { readUpload, sendXlsx } from "../../server/excel-reply.ts";
import { iterate } from "../platforms/ledger/engine.ts";
import { importDesignations, importPledges } from "./ip-assets.import.ts";
import { type AssetLedger, designationLedger, pledgeLedger } from "./routes.ts";

const importResult = z.object({
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});
const tags = ["ip-assets"];

type ImportFile = (
  db: Db,
  scope: Scope,
  input: TableInput,
  opts: { filename: string; maxBytes?: number },
) => Promise<ImportCounts>;

/** Excel export, import template and import of the pledge and designation ledgers. */
export function ipAssetsExcelRoutes(db: Db, opts: { uploadMaxMb: number }) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    register(pledgeLedger, "知识产权质押融资", importPledges);
    register(designationLedger, "知识产权荣誉与试点示范", importDesignations);

    function register<Row>(l: AssetLedger<Row>, title: string, importFile: ImportFile) {
      const config = { entity: l.entity };
      r.get(
        `${l.base}/export`,
        { config, schema: { tags, querystring: z.record(z.string(), z.string()) } },
        async (req, reply) => {
          requireAuth(req);
          const scope = scopeOf(req);
          const query = parseListQuery(l.entity, req.query);
          const rows = (async function* () {
            for await (const row of iterate((q) => l.list(db, scope, q), query))
              yield exportRow(l.entity, l.present(row));
          })();
          return sendXlsx(reply, `${title}台账.xlsx`, {
            name: title,
            columns: exportColumns(l.entity),
            rows,
          });
        },
      );
      r.get(`${l.base}/template`, { config, schema: { tags } }, async (req, reply) => {
        requireAuth(req);
        return sendXlsx(reply, `${title}导入模板.xlsx`, {
          name: title,
          columns: exportColumns(l.entity).filter((c) => !l.exportOnly?.includes(c.key)),
          rows: [],
        });
      });
      r.post(
        `${l.base}/import`,
        {
          preHandler: requireLedgerWrite,
          config,
          schema: { tags, response: { 200: importResult } },
        },
        async (req) => {
          const file = await readUpload(req, opts.uploadMaxMb);
          return importFile(
            db,
            scopeOf(req),
            { buffer: file.buffer },
            { filename: file.filename, maxBytes: opts.uploadMaxMb * 1048576 },
          );
        },
      );
    }
  };
}
