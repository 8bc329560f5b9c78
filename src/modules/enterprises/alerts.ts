import { sql } from "kysely";
import type { Conn } from "../../core/db/schema.ts";
import type { Scope } from "../../core/scope.ts";
import { type Hint, hteHints, type Stage, stageOf, type YearFigures } from "./pipeline.ts";
import { addMonths } from "./validity.ts";

export interface ExpiringAlert {
  qualificationId: number;
  enterpriseId: number;
  enterpriseName: string;
  kindName: string;
  number: string | null;
  expiresOn: string;
}

/**
 * Dated certificates (高企, 小巨人 …) whose last valid day falls from today to today + months,
 * unless the enterprise already holds a later certificate of the same kind (重新认定).
 */
export async function expiringCertificates(
  db: Conn,
  scope: Scope,
  today: string,
  months = 6,
): Promise<ExpiringAlert[]> {
  const r = await sql<ExpiringAlert>`
    select q.id as "qualificationId", e.id as "enterpriseId", e.name as "enterpriseName",
      k.name as "kindName", q.number, q.expires_on as "expiresOn"
    from enterprise_qualifications q
    join qualification_kinds k on k.code = q.kind_code
    join enterprises e on e.id = q.enterprise_id
    where not k.by_year and q.region_path like ${`${scope.regionPath}%`}
      and q.expires_on between ${today}::date and ${addMonths(today, months)}::date
      and not exists (select 1 from enterprise_qualifications q2
        where q2.enterprise_id = q.enterprise_id and q2.kind_code = q.kind_code
        and q2.expires_on > q.expires_on)
    order by q.expires_on, e.name
    limit 1000`.execute(db);
  return r.rows;
}

export interface TsmeAlert {
  enterpriseId: number;
  enterpriseName: string;
  lastNumber: string | null;
  lastYear: number;
}

/** 科技型中小企业 with a number last year and none this year (the year of `today`). */
export async function tsmeNotRenewed(db: Conn, scope: Scope, today: string): Promise<TsmeAlert[]> {
  const year = Number(today.slice(0, 4));
  const r = await sql<TsmeAlert>`
    select e.id as "enterpriseId", e.name as "enterpriseName", q.number as "lastNumber",
      q.year as "lastYear"
    from enterprise_qualifications q
    join qualification_kinds k on k.code = q.kind_code
    join enterprises e on e.id = q.enterprise_id
    where k.category = 'tsme' and q.year = ${year - 1}
      and q.region_path like ${`${scope.regionPath}%`}
      and not exists (select 1 from enterprise_qualifications q2
        join qualification_kinds k2 on k2.code = q2.kind_code
        where q2.enterprise_id = q.enterprise_id and k2.category = 'tsme' and q2.year = ${year})
    order by e.name
    limit 1000`.execute(db);
  return r.rows;
}

export interface PipelineItem {
  enterpriseId: number;
  enterpriseName: string;
  regionName: string;
  stage: Stage;
  hints: Hint[];
}

interface Facts {
  id: number;
  name: string;
  region_name: string;
  founded_on: string | null;
  certs: { issued_on: string | null; expires_on: string }[] | null;
  pending: number[] | null;
  reserve: number[] | null;
  latest: YearFigures | null;
}

/**
 * Every enterprise in scope with a 高企-related record (certificate, application, reserve
 * pool), its stage on `today` and hints from its latest yearly figures. Computed on the
 * server; the caller pages the result.
 */
export async function pipeline(db: Conn, scope: Scope, today: string): Promise<PipelineItem[]> {
  const year = Number(today.slice(0, 4));
  const r = await sql<Facts>`
    select e.id, e.name, r.name as region_name, e.founded_on,
      (select json_agg(json_build_object('issued_on', q.issued_on, 'expires_on', q.expires_on))
        from enterprise_qualifications q join qualification_kinds k on k.code = q.kind_code
        where q.enterprise_id = e.id and k.category = 'hte') as certs,
      (select json_agg(a.year) from enterprise_applications a
        join qualification_kinds k on k.code = a.kind_code
        where a.enterprise_id = e.id and k.category = 'hte' and a.result = '申报') as pending,
      (select json_agg(q.year) from enterprise_qualifications q
        join qualification_kinds k on k.code = q.kind_code
        where q.enterprise_id = e.id and k.category = 'reserve') as reserve,
      (select row_to_json(y) from (select year, revenue::float8 as revenue,
          rd_expense::float8 as rd_expense, hitech_income::float8 as hitech_income,
          employees, st_staff from enterprise_yearly
        where enterprise_id = e.id and year <= ${year} order by year desc limit 1) y) as latest
    from enterprises e join regions r on r.id = e.region_id
    where e.region_path like ${`${scope.regionPath}%`}
      and (exists (select 1 from enterprise_qualifications q
          join qualification_kinds k on k.code = q.kind_code
          where q.enterprise_id = e.id and k.category in ('hte', 'reserve'))
        or exists (select 1 from enterprise_applications a
          join qualification_kinds k on k.code = a.kind_code
          where a.enterprise_id = e.id and k.category = 'hte'))
    order by e.name`.execute(db);
  const out: PipelineItem[] = [];
  for (const f of r.rows) {
    const stage = stageOf(
      { certificates: f.certs ?? [], pendingYears: f.pending ?? [], reserveYears: f.reserve ?? [] },
      today,
    );
    if (!stage) continue;
    out.push({
      enterpriseId: f.id,
      enterpriseName: f.name,
      regionName: f.region_name,
      stage,
      hints: hteHints(f.latest, f.founded_on, today),
    });
  }
  return out;
}
