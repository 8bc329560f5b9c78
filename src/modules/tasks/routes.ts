import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { loadCalendar } from "../../core/calendar/calendar.repository.ts";
import type { Db } from "../../core/db/schema.ts";
import { readListView } from "../../core/entity/list-view.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import { todayCst } from "../../core/report/composer.ts";
import { requireLedgerWrite, scopeOf } from "../../server/auth-plugin.ts";
import { isoDateString } from "../fieldwork/dates.ts";
import { applyAction } from "./actions.service.ts";
import { circularRoutes } from "./circular.routes.ts";
import { milestoneDoneInput, progressInput, taskLabels } from "./entities.ts";
import { availableActions, isTaskAction, REPORTABLE_STATUSES } from "./lifecycle.ts";
import { TASK_VIEWS } from "./list-views.ts";
import { rolesOn, taskCaller } from "./permissions.ts";
import { editable, editTask } from "./tasks.edit.ts";
import { taskFilterQuery } from "./tasks.filters.ts";
import { presentTask, taskDetailDto, taskDto } from "./tasks.presenter.ts";
import * as repo from "./tasks.repository.ts";
import * as service from "./tasks.service.ts";

const idParams = z.object({ id: z.coerce.number().int().positive() });
const asOfQuery = z.object({ asOf: isoDateString.optional() });
const listQuery = taskFilterQuery.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(repo.TASK_SORTS, { error: "只能按完成时限、交办日期或编号排序" }).default("dueOn"),
});
export function taskRoutes(db: Db) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["tasks"];
    const write = { preHandler: requireLedgerWrite };
    await app.register(circularRoutes(db));

    r.get(
      "/api/tasks/caller",
      {
        schema: {
          tags,
          response: {
            200: z.object({
              bureau: z.boolean(),
              unitId: z.number().nullable(),
              canWrite: z.boolean(),
            }),
          },
        },
      },
      async (req) => {
        const c = await taskCaller(db, scopeOf(req));
        return { bureau: c.bureau, unitId: c.unitId, canWrite: c.canWrite };
      },
    );

    r.get(
      "/api/tasks",
      {
        schema: {
          tags,
          description: "督办任务列表（分页）；筛选参数见 src/modules/tasks/tasks.filters.ts",
          querystring: z.record(z.string(), z.unknown()),
          response: {
            200: z.object({
              items: z.array(taskDto),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
            }),
          },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const q = parseInput(listQuery, req.query, taskLabels);
        const asOf = q.asOf ?? todayCst();
        const [caller, cal] = await Promise.all([taskCaller(db, scope), loadCalendar(db)]);
        const unit = q.mine === "1" ? (caller.unitId ?? -1) : caller.onlyUnitId;
        const page = await repo.listTasks(
          db,
          scope,
          {
            status: q.status,
            light: q.light,
            source: q.source,
            leadUnitId: q.leadUnitId,
            regionId: q.regionId,
            year: q.year,
            q: q.q,
            involvesUnitId: unit ?? undefined,
            asOf,
            view: readListView(req.query, TASK_VIEWS),
          },
          { page: q.page, pageSize: q.pageSize, sort: q.sort },
        );
        const ids = page.items.map((t) => t.id);
        const [co, pct] = await Promise.all([
          repo.coUnitsOf(db, ids),
          repo.latestPercents(db, ids),
        ]);
        const items = page.items.map((t) =>
          presentTask(
            t,
            { coUnits: co.get(t.id) ?? [], percent: pct.get(t.id) ?? null },
            asOf,
            cal,
          ),
        );
        return { ...page, items };
      },
    );

    r.get(
      "/api/tasks/:id",
      {
        schema: {
          tags,
          params: idParams,
          querystring: asOfQuery,
          response: { 200: taskDetailDto },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const id = req.params.id;
        const caller = await taskCaller(db, scope);
        const t = await repo.getTask(db, scope, id, caller.onlyUnitId);
        if (!t) throw new AppError("NOT_FOUND", { entity: taskLabels.label });
        const [co, pct, cal, milestones, transitions, progress] = await Promise.all([
          repo.coUnitsOf(db, [id]),
          repo.latestPercents(db, [id]),
          loadCalendar(db),
          repo.milestonesOf(db, id),
          repo.transitionsOf(db, id),
          repo.progressOf(db, id),
        ]);
        const coUnits = co.get(id) ?? [];
        const roles = rolesOn(
          caller,
          t,
          coUnits.map((u) => u.id),
        );
        const base = presentTask(
          t,
          { coUnits, percent: pct.get(id) ?? null },
          req.query.asOf ?? todayCst(),
          cal,
        );
        const reportable = (REPORTABLE_STATUSES as readonly string[]).includes(t.status);
        return {
          ...base,
          milestones: milestones.map((m) => ({
            id: m.id,
            title: m.title,
            dueOn: m.due_on,
            doneOn: m.done_on,
          })),
          transitions: transitions.map((x) => ({
            id: x.id,
            action: x.action,
            fromStatus: x.from_status,
            toStatus: x.to_status,
            occurredOn: x.occurred_on,
            at: x.at,
            userName: x.user_name,
            note: x.note,
          })),
          progress: progress.map((p) => ({
            id: p.id,
            unitId: p.unit_id,
            unitName: p.unit_name,
            reportedOn: p.reported_on,
            text: p.text,
            percent: p.percent,
            userName: p.user_name,
          })),
          can: {
            actions: availableActions(t.status, roles.actors),
            reportProgress: reportable && (roles.actors.includes("lead") || roles.cooperating),
            editMilestones: roles.actors.length > 0,
            delete: caller.bureau && t.status === "待签收",
            edit: caller.bureau && editable(t.status),
          },
        };
      },
    );

    r.post(
      "/api/tasks",
      {
        ...write,
        schema: { tags, body: z.record(z.string(), z.unknown()), response: { 200: idParams } },
      },
      async (req) => {
        const scope = scopeOf(req);
        const t = await db.transaction().execute((trx) => service.createTask(trx, scope, req.body));
        return { id: t.id };
      },
    );

    r.put(
      "/api/tasks/:id",
      {
        ...write,
        schema: {
          tags,
          params: idParams,
          body: z.record(z.string(), z.unknown()),
          response: { 200: z.object({ id: z.number(), version: z.number() }) },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const t = await db
          .transaction()
          .execute((trx) => editTask(trx, scope, req.params.id, req.body));
        return { id: t.id, version: t.version };
      },
    );

    r.delete(
      "/api/tasks/:id",
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
          .execute((trx) => service.deleteTask(trx, scope, req.params.id, req.query.version));
        return reply.status(204).send();
      },
    );

    r.post(
      "/api/tasks/:id/actions/:action",
      {
        ...write,
        schema: {
          tags,
          params: idParams.extend({ action: z.string() }),
          body: z.record(z.string(), z.unknown()),
          response: { 200: z.object({ id: z.number(), status: z.string(), version: z.number() }) },
        },
      },
      async (req) => {
        const { id, action } = req.params;
        if (!isTaskAction(action))
          throw new AppError("VALIDATION", {
            fields: [{ field: "action", label: "操作", message: `不支持的操作“${action}”` }],
          });
        const scope = scopeOf(req);
        const t = await db
          .transaction()
          .execute((trx) => applyAction(trx, scope, id, action, req.body));
        return { id: t.id, status: t.status, version: t.version };
      },
    );

    r.post(
      "/api/tasks/:id/progress",
      {
        ...write,
        schema: {
          tags,
          params: idParams,
          body: z.record(z.string(), z.unknown()),
          response: { 200: z.object({ id: z.number() }) },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const input = parseInput(progressInput, req.body, taskLabels);
        const row = await db
          .transaction()
          .execute((trx) => service.reportProgress(trx, scope, req.params.id, input));
        return { id: row.id };
      },
    );

    r.put(
      "/api/tasks/:id/milestones/:milestoneId",
      {
        ...write,
        schema: {
          tags,
          params: idParams.extend({ milestoneId: z.coerce.number().int().positive() }),
          body: z.record(z.string(), z.unknown()),
          response: { 200: z.object({ id: z.number(), doneOn: z.string().nullable() }) },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const { doneOn } = parseInput(milestoneDoneInput, req.body, taskLabels);
        const m = await db
          .transaction()
          .execute((trx) =>
            service.setMilestoneDone(trx, scope, req.params.id, req.params.milestoneId, doneOn),
          );
        return { id: m.id, doneOn: m.done_on };
      },
    );
  };
}
