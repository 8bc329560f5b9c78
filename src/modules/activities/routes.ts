import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../core/db/schema.ts";
import { withLiveOptions } from "../../core/entity/define.ts";
import { exportColumns, exportRow } from "../../core/entity/export.ts";
import { parseListQuery } from "../../core/entity/list.ts";
import { AppError } from "../../core/errors.ts";
import { requireAuth, requireLedgerWrite, scopeOf } from "../../server/auth-plugin.ts";
import { readUpload, sendXlsx } from "../../server/excel-reply.ts";
import { pageDto } from "../../server/presenters.ts";
import { regionPeriodQuery, resolveRegionPeriod } from "../fieldwork/region-period.ts";
import { activitySheet, importActivities } from "./activities.import.ts";
import { activityDto, presentActivity } from "./activities.presenter.ts";
import * as repo from "./activities.repository.ts";
import * as service from "./activities.service.ts";
import { activityDictionaryRoutes } from "./dictionaries.routes.ts";
import { activityEntity } from "./entities.ts";

const idParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ["activities"];

const campaignTotalsDto = z.object({
  period: z.object({ code: z.string(), label: z.string(), from: z.string(), to: z.string() }),
  region: z.object({ id: z.number(), name: z.string() }),
  kinds: z.array(z.object({ code: z.string(), label: z.string(), unit: z.string() })),
  rows: z.array(
    z.object({
      campaignCode: z.string().nullable(),
      campaignName: z.string(),
      count: z.number(),
      first: z.string(),
      last: z.string(),
      outputs: z.record(z.string(), z.number()),
    }),
  ),
  total: z.object({ count: z.number(), outputs: z.record(z.string(), z.number()) }),
});

export function activityRoutes(db: Db, opts: { uploadMaxMb: number } = { uploadMaxMb: 50 }) {
  return async (app: FastifyInstance) => {
    await app.register(activityDictionaryRoutes(db));
    const r = app.withTypeProvider<ZodTypeProvider>();
    const config = { entity: activityEntity };
    const write = { preHandler: requireLedgerWrite, config };

    async function present(rows: repo.ActivityRow[]) {
      const children = await repo.loadChildren(
        db,
        rows.map((a) => a.id),
      );
      return rows.map((a) => presentActivity(a, children));
    }

    r.get(
      "/api/activities",
      {
        config,
        schema: {
          tags,
          querystring: z.record(z.string(), z.string()),
          response: { 200: pageDto(activityDto) },
        },
      },
      async (req) => {
        requireAuth(req);
        const def = await withLiveOptions(db, activityEntity);
        const query = parseListQuery(def, req.query);
        const page = await repo.listActivities(db, scopeOf(req), query);
        return { ...page, items: await present(page.items) };
      },
    );

    r.get("/api/activities/template", { config, schema: { tags } }, async (req, reply) => {
      requireAuth(req);
      return sendXlsx(reply, "科普活动导入模板.xlsx", {
        name: "科普活动",
        columns: exportColumns(await activitySheet(db)),
        rows: [],
      });
    });

    r.post(
      "/api/activities/import",
      { preHandler: requireLedgerWrite, config, schema: { tags } },
      async (req) => {
        const file = await readUpload(req, opts.uploadMaxMb);
        return importActivities(
          db,
          scopeOf(req),
          { buffer: file.buffer },
          { filename: file.filename, maxBytes: opts.uploadMaxMb * 1048576 },
        );
      },
    );

    r.get(
      "/api/activities/export",
      { config, schema: { tags, querystring: z.record(z.string(), z.string()) } },
      async (req, reply) => {
        requireAuth(req);
        const def = await withLiveOptions(db, activityEntity);
        const query = parseListQuery(def, req.query);
        const kinds = await repo.listOutputKinds(db);
        const scope = scopeOf(req);
        const rows = (async function* () {
          let batch: repo.ActivityRow[] = [];
          const flush = async function* () {
            for (const dto of await present(batch)) {
              const out = exportRow(def, dto);
              out.partners = dto.partnerNames.join("、");
              for (const o of dto.outputs) out[`output_${o.kind}`] = o.value;
              yield out;
            }
            batch = [];
          };
          for await (const a of repo.iterateActivities(db, scope, query)) {
            batch.push(a);
            if (batch.length >= 500) yield* flush();
          }
          yield* flush();
        })();
        return sendXlsx(reply, "科普活动台账.xlsx", {
          name: "科普活动",
          columns: [
            ...exportColumns(def),
            { key: "partners", header: "配合单位", width: 30 },
            ...kinds.map((k) => ({
              key: `output_${k.code}`,
              header: `${k.label}（${k.unit}）`,
              width: 12,
            })),
          ],
          rows,
        });
      },
    );

    r.get("/api/activities/dictionaries", { schema: { tags } }, async (req) => {
      requireAuth(req);
      const [campaigns, kinds] = await Promise.all([
        repo.listCampaigns(db),
        repo.listOutputKinds(db),
      ]);
      return {
        campaigns: campaigns.map((c) => ({
          code: c.code,
          name: c.name,
          usualMonth: c.usual_month,
          active: c.active,
        })),
        outputKinds: kinds.map((k) => ({
          code: k.code,
          label: k.label,
          unit: k.unit,
          active: k.active,
        })),
      };
    });

    r.get(
      "/api/activities/campaign-totals",
      { schema: { tags, querystring: regionPeriodQuery, response: { 200: campaignTotalsDto } } },
      async (req) => {
        const { region, period } = await resolveRegionPeriod(db, req, req.query);
        const [totals, campaigns, kinds] = await Promise.all([
          repo.campaignTotals(db, { regionPath: region.path }, period),
          repo.listCampaigns(db),
          repo.listOutputKinds(db),
        ]);
        const nameOf = new Map(campaigns.map((c) => [c.code, c.name]));
        const order = new Map(campaigns.map((c) => [c.code, c.sort]));
        const all: Record<string, number> = {};
        const rows = totals.counts
          .map((c) => {
            const outputs: Record<string, number> = {};
            for (const s of totals.sums.filter((s) => s.campaign_code === c.campaign_code)) {
              outputs[s.kind] = s.total;
              all[s.kind] = (all[s.kind] ?? 0) + s.total;
            }
            return {
              campaignCode: c.campaign_code,
              campaignName: c.campaign_code
                ? (nameOf.get(c.campaign_code) ?? c.campaign_code)
                : "日常活动",
              count: c.n,
              first: c.first,
              last: c.last,
              outputs,
            };
          })
          .sort(
            (a, b) =>
              (a.campaignCode ? (order.get(a.campaignCode) ?? 0) : 1e9) -
              (b.campaignCode ? (order.get(b.campaignCode) ?? 0) : 1e9),
          );
        return {
          period: { code: period.code, label: period.label, from: period.from, to: period.to },
          region: { id: region.id, name: region.name },
          kinds: kinds.map((k) => ({ code: k.code, label: k.label, unit: k.unit })),
          rows,
          total: { count: rows.reduce((n, x) => n + x.count, 0), outputs: all },
        };
      },
    );

    r.get(
      "/api/activities/:id",
      { config, schema: { tags, params: idParams, response: { 200: activityDto } } },
      async (req) => {
        const a = await repo.getActivity(db, scopeOf(req), req.params.id);
        if (!a) throw new AppError("NOT_FOUND", { entity: activityEntity.label });
        return (await present([a]))[0] ?? presentActivity(a, { outputs: [], partners: [] });
      },
    );

    async function reload(id: number, scope: ReturnType<typeof scopeOf>) {
      const a = await repo.getActivity(db, scope, id);
      if (!a) throw new AppError("NOT_FOUND", { entity: activityEntity.label });
      return (await present([a]))[0] ?? presentActivity(a, { outputs: [], partners: [] });
    }

    r.post(
      "/api/activities",
      {
        ...write,
        schema: { tags, body: z.record(z.string(), z.unknown()), response: { 200: activityDto } },
      },
      async (req) => {
        const scope = scopeOf(req);
        const a = await db
          .transaction()
          .execute((trx) => service.createActivity(trx, scope, req.body));
        return reload(a.id, scope);
      },
    );

    r.put(
      "/api/activities/:id",
      {
        ...write,
        schema: {
          tags,
          params: idParams,
          body: z.record(z.string(), z.unknown()),
          response: { 200: activityDto },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const a = await db
          .transaction()
          .execute((trx) => service.updateActivity(trx, scope, req.params.id, req.body));
        return reload(a.id, scope);
      },
    );

    r.delete(
      "/api/activities/:id",
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
          .execute((trx) => service.deleteActivity(trx, scope, req.params.id, req.query.version));
        return reply.status(204).send();
      },
    );
  };
}
