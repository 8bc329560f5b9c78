import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../core/db/schema.ts";
import { AppError } from "../../core/errors.ts";
import { periodFromInput } from "../../core/metrics/period.ts";
import type { ReportDocument } from "../../core/report/model.ts";
import { polishDocumentBlock } from "../../core/report/polish/polish.ts";
import type { PolishSettings } from "../../core/report/polish/settings.ts";
import { verifyNumberRuns } from "../../core/report/verify.ts";
import { CONTENT_TYPES, renderReport, reportFilename } from "../../reports/generate.ts";
import { requireAuth, requireRole, scopeOf } from "../../server/auth-plugin.ts";
import { reportDocumentSchema } from "./doc.schema.ts";
import {
  draftDto,
  draftSummaryDto,
  presentDraft,
  presentDraftSummary,
  presentVersion,
  versionDto,
} from "./report-drafts.presenter.ts";
import * as repo from "./report-drafts.repository.ts";
import * as service from "./report-drafts.service.ts";

const tags = ["reports"];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const versionBody = z.object({ version: z.number().int().positive() });
const blockDto = reportDocumentSchema.shape.blocks.element;
const polishDto = z.object({
  accepted: z.boolean(),
  reasons: z.array(z.string()),
  suggestion: z.string().nullable(),
  block: blockDto.nullable(),
  original: blockDto,
});

/** Report drafts: generate, edit, regenerate keeping edits, versions, export. */
export function reportDraftRoutes(
  db: Db,
  deps: service.ReportDeps,
  polish: PolishSettings | null = null,
) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const write = { preHandler: requireRole("admin", "editor") };

    r.get(
      "/api/report-drafts",
      { schema: { tags, response: { 200: z.object({ items: z.array(draftSummaryDto) }) } } },
      async (req) => ({
        items: (await repo.listDrafts(db, scopeOf(req))).map(presentDraftSummary),
      }),
    );

    r.post(
      "/api/report-drafts",
      {
        ...write,
        schema: {
          tags,
          body: z.object({
            regionId: z.number().int().positive(),
            period: z.string().max(30).optional(),
            from: z.string().optional(),
            to: z.string().optional(),
          }),
          response: { 201: z.object({ id: z.number() }) },
        },
      },
      async (req, reply) => {
        const period = periodFromInput(req.body);
        const id = await service.createDraft(db, scopeOf(req), deps, {
          regionId: req.body.regionId,
          period,
        });
        return reply.code(201).send({ id });
      },
    );

    r.get(
      "/api/report-drafts/:id",
      { schema: { tags, params: idParams, response: { 200: draftDto } } },
      async (req) => presentDraft(await service.getDraft(db, scopeOf(req), req.params.id)),
    );

    r.put(
      "/api/report-drafts/:id",
      {
        ...write,
        schema: {
          tags,
          params: idParams,
          body: versionBody.extend({
            doc: reportDocumentSchema,
            note: z.string().max(200).optional(),
          }),
          response: { 200: draftDto },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        await service.saveDraft(db, scope, req.params.id, req.body);
        return presentDraft(await service.getDraft(db, scope, req.params.id));
      },
    );

    r.post(
      "/api/report-drafts/:id/regenerate",
      {
        ...write,
        schema: { tags, params: idParams, body: versionBody, response: { 200: draftDto } },
      },
      async (req) => {
        const scope = scopeOf(req);
        await service.regenerateDraft(db, scope, deps, req.params.id, req.body);
        return presentDraft(await service.getDraft(db, scope, req.params.id));
      },
    );

    r.delete(
      "/api/report-drafts/:id",
      {
        ...write,
        schema: {
          tags,
          params: idParams,
          querystring: z.object({ version: z.coerce.number().int().positive() }),
        },
      },
      async (req, reply) => {
        await service.deleteDraft(db, scopeOf(req), req.params.id, req.query.version);
        return reply.code(204).send();
      },
    );

    r.get(
      "/api/report-drafts/:id/versions",
      {
        schema: {
          tags,
          params: idParams,
          response: { 200: z.object({ items: z.array(versionDto) }) },
        },
      },
      async (req) => {
        const draft = await service.getDraft(db, scopeOf(req), req.params.id);
        return {
          items: (await repo.listVersions(db, draft.id)).map((v) => presentVersion(v, false)),
        };
      },
    );

    r.get(
      "/api/report-drafts/:id/versions/:no",
      {
        schema: {
          tags,
          params: idParams.extend({ no: z.coerce.number().int().positive() }),
          response: { 200: versionDto },
        },
      },
      async (req) => {
        const draft = await service.getDraft(db, scopeOf(req), req.params.id);
        const v = await repo.findVersion(db, draft.id, req.params.no);
        if (!v) throw new AppError("NOT_FOUND", { entity: "版本" });
        return presentVersion(v, true);
      },
    );

    r.post(
      "/api/report-drafts/:id/restore",
      {
        ...write,
        schema: {
          tags,
          params: idParams,
          body: versionBody.extend({ no: z.number().int().positive() }),
          response: { 200: draftDto },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        await service.restoreVersion(db, scope, req.params.id, req.body);
        return presentDraft(await service.getDraft(db, scope, req.params.id));
      },
    );

    r.get(
      "/api/report-drafts/polish/status",
      { schema: { tags, response: { 200: z.object({ enabled: z.boolean() }) } } },
      async () => ({ enabled: polish !== null }),
    );

    // A suggestion only: nothing is saved until the editor adopts it and saves the draft.
    r.post(
      "/api/report-drafts/:id/polish",
      {
        ...write,
        schema: {
          tags,
          params: idParams,
          body: z.object({
            key: z.string().min(1).max(200),
            version: z.number().int().positive().optional(),
          }),
          response: { 200: polishDto },
        },
      },
      async (req) => {
        if (!polish) throw new AppError("NOT_CONFIGURED", { what: "文字润色服务" });
        const draft = await service.getDraft(db, scopeOf(req), req.params.id);
        if (req.body.version !== undefined && req.body.version !== draft.version)
          throw new AppError("VERSION_CONFLICT", { entity: "工作总结" });
        return polishDocumentBlock(polish, draft.edited as ReportDocument, req.body.key);
      },
    );

    r.get("/api/report-drafts/:id/verify", { schema: { tags, params: idParams } }, async (req) => {
      const draft = await service.getDraft(db, scopeOf(req), req.params.id);
      const check = await verifyNumberRuns(db, draft.edited as ReportDocument, deps.registry);
      return {
        checked: check.checked,
        mismatches: check.mismatches.map((m) => ({
          metric: m.run.metric,
          text: m.run.text,
          stated: m.run.value,
          actual: m.actual,
        })),
      };
    });

    for (const format of ["docx", "xlsx"] as const) {
      r.get(
        `/api/report-drafts/:id/${format}`,
        { schema: { tags, params: idParams } },
        async (req, reply) => {
          requireAuth(req);
          const draft = await service.getDraft(db, scopeOf(req), req.params.id);
          const doc = draft.edited as ReportDocument;
          const body = await renderReport(doc, format, { registry: deps.registry });
          return reply
            .header("content-type", CONTENT_TYPES[format])
            .header(
              "content-disposition",
              `attachment; filename="report.${format}"; filename*=UTF-8''${encodeURIComponent(reportFilename(doc, format))}`,
            )
            .header("cache-control", "no-store")
            .send(body);
        },
      );
    }
  };
}
