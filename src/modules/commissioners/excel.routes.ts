import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../core/db/schema.ts";
import { exportColumns, exportRow } from "../../core/entity/export.ts";
import { requireAuth, requireLedgerWrite, scopeOf } from "../../server/auth-plugin.ts";
import { readUpload, sendXlsx } from "../../server/excel-reply.ts";
import { assignmentSheetRows, importAssignments } from "./assignments.import.ts";
import * as assignments from "./commissioners.assignments.ts";
import { importCommissioners } from "./commissioners.import.ts";
import { assignmentDef } from "./entities.assignments.ts";
import { commissionerEntity } from "./entities.ts";

const tags = ["commissioners"];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const body = z.record(z.string(), z.unknown());
const importResult = z.object({
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});
const assignmentOut = (row: {
  id: number;
  region_id: number;
  starts_on: string;
  ends_on: string | null;
}) => ({ id: row.id, regionId: row.region_id, startsOn: row.starts_on, endsOn: row.ends_on });

/**
 * Excel import/template of the roster and of the assignments sheet, the assignments export,
 * and one-at-a-time assignment editing from a commissioner's record.
 */
export function commissionerExcelRoutes(db: Db, opts: { uploadMaxMb: number }) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const write = { preHandler: requireLedgerWrite, config: { entity: commissionerEntity } };
    const upload = async (req: Parameters<typeof readUpload>[0]) => {
      const file = await readUpload(req, opts.uploadMaxMb);
      return {
        input: { buffer: file.buffer },
        opts: { filename: file.filename, maxBytes: opts.uploadMaxMb * 1048576 },
      };
    };

    r.get("/api/commissioners/template", { schema: { tags } }, async (req, reply) => {
      requireAuth(req);
      return sendXlsx(reply, "科技特派员导入模板.xlsx", {
        name: "科技特派员",
        columns: exportColumns(commissionerEntity),
        rows: [],
      });
    });

    r.post(
      "/api/commissioners/import",
      { ...write, schema: { tags, response: { 200: importResult } } },
      async (req) => {
        const f = await upload(req);
        return importCommissioners(db, scopeOf(req), f.input, f.opts);
      },
    );

    r.get("/api/commissioners/assignments/template", { schema: { tags } }, async (req, reply) => {
      requireAuth(req);
      return sendXlsx(reply, "特派员服务安排导入模板.xlsx", {
        name: assignmentDef.label,
        columns: exportColumns(assignmentDef),
        rows: [],
      });
    });

    r.get("/api/commissioners/assignments/export", { schema: { tags } }, async (req, reply) => {
      requireAuth(req);
      const rows = await assignmentSheetRows(db, scopeOf(req));
      return sendXlsx(reply, "特派员服务安排.xlsx", {
        name: assignmentDef.label,
        columns: exportColumns(assignmentDef),
        rows: rows.map((row) => exportRow(assignmentDef, row)),
      });
    });

    r.post(
      "/api/commissioners/assignments/import",
      { ...write, schema: { tags, response: { 200: importResult } } },
      async (req) => {
        const f = await upload(req);
        return importAssignments(db, scopeOf(req), f.input, f.opts);
      },
    );

    r.post(
      "/api/commissioners/:id/assignments",
      { ...write, schema: { tags, params: idParams, body } },
      async (req) => {
        const scope = scopeOf(req);
        const row = await db
          .transaction()
          .execute((trx) => assignments.addAssignment(trx, scope, req.params.id, req.body));
        return assignmentOut(row);
      },
    );

    r.put(
      "/api/commissioner-assignments/:id",
      { ...write, schema: { tags, params: idParams, body } },
      async (req) => {
        const scope = scopeOf(req);
        const row = await db
          .transaction()
          .execute((trx) => assignments.updateAssignment(trx, scope, req.params.id, req.body));
        return assignmentOut(row);
      },
    );

    r.delete(
      "/api/commissioner-assignments/:id",
      { ...write, schema: { tags, params: idParams } },
      async (req, reply) => {
        const scope = scopeOf(req);
        await db
          .transaction()
          .execute((trx) => assignments.deleteAssignment(trx, scope, req.params.id));
        return reply.status(204).send();
      },
    );
  };
}
