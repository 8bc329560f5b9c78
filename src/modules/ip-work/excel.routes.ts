import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../core/db/schema.ts";
import type { EntityDef } from "../../core/entity/define.ts";
import { exportColumns, exportRow } from "../../core/entity/export.ts";
import type { ImportCounts } from "../../core/entity/import.ts";
import { type ListPage, type ListQuery, parseListQuery } from "../../core/entity/list.ts";
import type { TableInput } from "../../core/excel/types.ts";
import type { Scope } from "../../core/scope.ts";
import { requireAuth, requireLedgerWrite, scopeOf } from "../../server/auth-plugin.ts";
import { readUpload, sendXlsx } from "../../server/excel-reply.ts";
import { disputeEntity, enforcementEntity } from "./entities.ts";
import { importActions, importDisputes } from "./ip-work.import.ts";
import { presentAction, presentDispute } from "./ip-work.presenter.ts";
import * as repo from "./ip-work.repository.ts";

const importResult = z.object({
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});
const tags = ["ip-work"];

interface Ledger<T> {
  base: string;
  entity: EntityDef;
  /** File and sheet name stem, e.g. "知识产权执法行动". */
  title: string;
  list: (db: Db, scope: Scope, query: ListQuery) => Promise<ListPage<T>>;
  present: (row: T) => Record<string, unknown>;
  importFile: (
    db: Db,
    scope: Scope,
    input: TableInput,
    opts: { filename: string; maxBytes?: number },
  ) => Promise<ImportCounts>;
}

const enforcementLedger: Ledger<repo.EnforcementRow> = {
  base: "/api/ip/enforcement",
  entity: enforcementEntity,
  title: "知识产权执法行动",
  list: repo.listActions,
  present: presentAction,
  importFile: importActions,
};

const disputeLedger: Ledger<repo.DisputeRow> = {
  base: "/api/ip/disputes",
  entity: disputeEntity,
  title: "专利纠纷案件",
  list: repo.listDisputes,
  present: presentDispute,
  importFile: importDisputes,
};

/** Excel export, import template and import of both IP-work ledgers. */
export function ipWorkExcelRoutes(db: Db, opts: { uploadMaxMb: number }) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    register(enforcementLedger);
    register(disputeLedger);

    function register<T>(l: Ledger<T>) {
      const config = { entity: l.entity };
      r.get(
        `${l.base}/export`,
        { config, schema: { tags, querystring: z.record(z.string(), z.string()) } },
        async (req, reply) => {
          requireAuth(req);
          const scope = scopeOf(req);
          const query = parseListQuery(l.entity, req.query);
          const rows = (async function* () {
            for await (const row of repo.iterate((q) => l.list(db, scope, q), query))
              yield exportRow(l.entity, l.present(row));
          })();
          return sendXlsx(reply, `${l.title}台账.xlsx`, {
            name: l.title,
            columns: exportColumns(l.entity),
            rows,
          });
        },
      );
      r.get(`${l.base}/template`, { config, schema: { tags } }, async (req, reply) => {
        requireAuth(req);
        return sendXlsx(reply, `${l.title}导入模板.xlsx`, {
          name: l.title,
          columns: exportColumns(l.entity),
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
          return l.importFile(
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
