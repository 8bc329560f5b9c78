import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Conn, Db, Project } from "../../core/db/schema.ts";
import { exportColumns, exportRow } from "../../core/entity/export.ts";
import { parseListQuery } from "../../core/entity/list.ts";
import { readListView } from "../../core/entity/list-view.ts";
import { AppError } from "../../core/errors.ts";
import type { Scope } from "../../core/scope.ts";
import { requireAuth, requireLedgerWrite, scopeOf } from "../../server/auth-plugin.ts";
import { sendXlsx } from "../../server/excel-reply.ts";
import { pageDto } from "../../server/presenters.ts";
import { projectEntity } from "./entities.ts";
import { PROJECT_VIEWS } from "./list-views.ts";
import { presentProject, projectDto } from "./projects.presenter.ts";
import * as repo from "./projects.repository.ts";
import * as service from "./projects.service.ts";
import * as records from "./records.service.ts";

const idParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ["projects"];
const today = () => new Date().toISOString().slice(0, 10);
const body = z.record(z.string(), z.unknown());
const listExtra = z.object({
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  enterpriseId: z.coerce.number().int().positive().optional(),
});

const historyDto = z.object({
  transitions: z.array(
    z.object({
      id: z.number(),
      from: z.string().nullable(),
      to: z.string(),
      on: z.string(),
      note: z.string().nullable(),
      userName: z.string().nullable(),
    }),
  ),
  midterms: z.array(
    z.object({
      id: z.number(),
      checkedOn: z.string(),
      result: z.string(),
      delayReason: z.string().nullable(),
      notes: z.string().nullable(),
    }),
  ),
  acceptances: z.array(
    z.object({
      id: z.number(),
      acceptedOn: z.string(),
      taskConclusion: z.string(),
      financeConclusion: z.string(),
      outcome: z.string(),
      rectifyBy: z.string().nullable(),
      notes: z.string().nullable(),
    }),
  ),
});

export function projectRoutes(db: Db) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const config = { entity: projectEntity };
    const write = { preHandler: requireLedgerWrite, config };

    async function present(scope: Scope, p: Project) {
      return presentProject((await repo.getProject(db, scope, p.id)) ?? p, today());
    }

    r.get(
      "/api/projects",
      {
        config,
        schema: {
          tags,
          querystring: z.record(z.string(), z.string()),
          response: { 200: pageDto(projectDto) },
        },
      },
      async (req) => {
        requireAuth(req);
        const extra = listExtra.safeParse(req.query);
        if (!extra.success)
          throw new AppError("VALIDATION", {
            fields: [{ field: "year", label: "年度/企业", message: "应为数字" }],
          });
        const query = parseListQuery(projectEntity, req.query);
        const view = readListView(req.query, PROJECT_VIEWS);
        const page = await repo.listProjects(db, scopeOf(req), query, { ...extra.data, view });
        const d = today();
        return { ...page, items: page.items.map((p) => presentProject(p, d)) };
      },
    );

    r.get(
      "/api/projects/export",
      { config, schema: { tags, querystring: z.record(z.string(), z.string()) } },
      async (req, reply) => {
        requireAuth(req);
        const extra = {
          ...listExtra.parse(req.query),
          view: readListView(req.query, PROJECT_VIEWS),
        };
        const query = parseListQuery(projectEntity, req.query);
        const d = today();
        const rows = (async function* () {
          for (let page = 1; ; page++) {
            const r = await repo.listProjects(
              db,
              scopeOf(req),
              { ...query, page, pageSize: 1000 },
              extra,
            );
            for (const p of r.items) yield exportRow(projectEntity, presentProject(p, d));
            if (r.items.length < 1000) return;
          }
        })();
        return sendXlsx(reply, "科技项目台账.xlsx", {
          name: "科技项目",
          columns: exportColumns(projectEntity),
          rows,
        });
      },
    );

    r.get("/api/projects/programmes", { config, schema: { tags } }, async (req) => {
      requireAuth(req);
      return repo.listProgrammes(db);
    });

    r.get(
      "/api/projects/:id",
      { config, schema: { tags, params: idParams, response: { 200: projectDto } } },
      async (req) => {
        const p = await repo.getProject(db, scopeOf(req), req.params.id);
        if (!p) throw new AppError("NOT_FOUND", { entity: projectEntity.label });
        return presentProject(p, today());
      },
    );

    r.get(
      "/api/projects/:id/history",
      { config, schema: { tags, params: idParams, response: { 200: historyDto } } },
      async (req) => {
        const p = await repo.getProject(db, scopeOf(req), req.params.id);
        if (!p) throw new AppError("NOT_FOUND", { entity: projectEntity.label });
        const [t, mids, accs] = await Promise.all([
          repo.listTransitions(db, p.id),
          repo.listMidterms(db, p.id),
          repo.listAcceptances(db, p.id),
        ]);
        return {
          transitions: t.map((x) => ({
            id: x.id,
            from: x.from_status,
            to: x.to_status,
            on: x.occurred_on,
            note: x.note,
            userName: x.user_name,
          })),
          midterms: mids.map((x) => ({
            id: x.id,
            checkedOn: x.checked_on,
            result: x.result,
            delayReason: x.delay_reason,
            notes: x.notes,
          })),
          acceptances: accs.map((x) => ({
            id: x.id,
            acceptedOn: x.accepted_on,
            taskConclusion: x.task_conclusion,
            financeConclusion: x.finance_conclusion,
            outcome: x.outcome,
            rectifyBy: x.rectify_by,
            notes: x.notes,
          })),
        };
      },
    );

    r.post(
      "/api/projects",
      { ...write, schema: { tags, body, response: { 200: projectDto } } },
      async (req) => {
        const scope = scopeOf(req);
        const p = await db
          .transaction()
          .execute((trx) => service.createProject(trx, scope, req.body));
        return present(scope, p);
      },
    );

    r.put(
      "/api/projects/:id",
      { ...write, schema: { tags, params: idParams, body, response: { 200: projectDto } } },
      async (req) => {
        const scope = scopeOf(req);
        const p = await db
          .transaction()
          .execute((trx) => service.updateProject(trx, scope, req.params.id, req.body));
        return present(scope, p);
      },
    );

    const action = (
      path: string,
      fn: (trx: Conn, scope: Scope, id: number, raw: unknown) => Promise<Project>,
    ) =>
      r.post(
        `/api/projects/:id/${path}`,
        { ...write, schema: { tags, params: idParams, body, response: { 200: projectDto } } },
        async (req) => {
          const scope = scopeOf(req);
          const p = await db
            .transaction()
            .execute((trx) => fn(trx, scope, req.params.id, req.body));
          return present(scope, p);
        },
      );
    action("transition", service.transitionProject);
    action("midterm", records.recordMidterm);
    action("acceptance", records.recordAcceptance);

    r.delete(
      "/api/projects/:id",
      {
        ...write,
        schema: {
          tags,
          params: idParams,
          querystring: z.object({ version: z.coerce.number().int().positive() }),
        },
      },
      async (req, reply) => {
        const scope = scopeOf(req);
        await db
          .transaction()
          .execute((trx) => service.deleteProject(trx, scope, req.params.id, req.query.version));
        return reply.status(204).send();
      },
    );
  };
}
