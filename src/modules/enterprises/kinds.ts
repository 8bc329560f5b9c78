import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../../core/audit/audit.repository.ts";
import type { Conn, Db, QualificationKind } from "../../core/db/schema.ts";
import { registerConstraintLabels } from "../../core/db-errors.ts";
import { defineEntity } from "../../core/entity/define.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import type { Scope } from "../../core/scope.ts";
import { requireRole, scopeOf } from "../../server/auth-plugin.ts";
import { camel } from "./presenter.ts";
import { getKind } from "./records.repository.ts";

registerConstraintLabels({ qualification_kinds_pkey: "该资质类型代码" });

const CATEGORIES = ["hte", "reserve", "tsme", "other"] as const;

const kindFields = {
  name: z.string().trim().min(1).max(60),
  category: z.enum(CATEGORIES, { error: "应为 hte、reserve、tsme 或 other" }),
  validYears: z.coerce.number().int().min(1).max(10),
  byYear: z.boolean(),
  numberLabel: z.string().trim().min(1).max(20).default("证书编号"),
  sort: z.coerce.number().int().min(0).max(9999).default(0),
  active: z.boolean().default(true),
};

export const kindCreateInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, "应为 2—40 位小写字母、数字或下划线，以字母开头"),
  ...kindFields,
});
export const kindUpdateInput = z.object(kindFields);

/** Field labels for field-named validation errors. */
export const kindLabels = defineEntity({
  name: "qualification_kind",
  label: "资质类型",
  table: "qualification_kinds",
  defaultSort: "sort",
  fields: {
    code: { label: "代码", type: "text" },
    name: { label: "名称", type: "text" },
    category: { label: "类别", type: "text" },
    validYears: { label: "有效年限", type: "integer" },
    byYear: { label: "按年度有效", type: "boolean" },
    numberLabel: { label: "编号名称", type: "text" },
    sort: { label: "排序", type: "integer" },
    active: { label: "启用", type: "boolean" },
  },
});

function columns(input: z.output<typeof kindUpdateInput>) {
  return {
    name: input.name,
    category: input.category,
    valid_years: input.validYears,
    by_year: input.byYear,
    number_label: input.numberLabel,
    sort: input.sort,
    active: input.active,
  };
}

/** Adds a kind to the dictionary; the code is its permanent key (qualifications reference it). */
export async function createKind(db: Conn, scope: Scope, raw: unknown): Promise<QualificationKind> {
  const input = parseInput(kindCreateInput, raw, kindLabels);
  if (await getKind(db, input.code)) throw new AppError("DUPLICATE", { what: "该资质类型代码" });
  const row = await db
    .insertInto("qualification_kinds")
    .values({ code: input.code, ...columns(input) })
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeAudit(db, scope, {
    action: "create",
    entity: "qualification_kinds",
    recordId: row.code,
    after: row,
  });
  return row;
}

/** Changes label or validity rule; existing qualifications keep the expiry computed at entry. */
export async function updateKind(
  db: Conn,
  scope: Scope,
  code: string,
  raw: unknown,
): Promise<QualificationKind> {
  const input = parseInput(kindUpdateInput, raw, kindLabels);
  const before = await getKind(db, code);
  if (!before) throw new AppError("NOT_FOUND", { entity: "资质类型" });
  const row = await db
    .updateTable("qualification_kinds")
    .set(columns(input))
    .where("code", "=", code)
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeAudit(db, scope, {
    action: "update",
    entity: "qualification_kinds",
    recordId: code,
    before,
    after: row,
  });
  return row;
}

/** POST/PUT of the dictionary; GET lives with the enterprise routes. Admins only. */
export function qualificationKindRoutes(db: Db) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["enterprises"];
    const preHandler = requireRole("admin");
    const body = z.record(z.string(), z.unknown());
    r.post(
      "/api/enterprises/qualification-kinds",
      { preHandler, schema: { tags, body } },
      async (req) => {
        const scope = scopeOf(req);
        const row = await db.transaction().execute((trx) => createKind(trx, scope, req.body));
        return camel(row);
      },
    );
    r.put(
      "/api/enterprises/qualification-kinds/:code",
      { preHandler, schema: { tags, body, params: z.object({ code: z.string().max(40) }) } },
      async (req) => {
        const scope = scopeOf(req);
        const row = await db
          .transaction()
          .execute((trx) => updateKind(trx, scope, req.params.code, req.body));
        return camel(row);
      },
    );
  };
}
