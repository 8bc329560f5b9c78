import { sql } from "kysely";
import type { Conn } from "../../core/db/schema.ts";
import { formatMoney } from "../../core/metrics/format.ts";
import type { MetricScope } from "../../core/metrics/metric.ts";
import { m, name, type Piece, type ReportContributor } from "../../core/report/contribution.ts";
import type { Block } from "../../core/report/model.ts";
import { wholeRegion } from "../fieldwork/wording.ts";
import { PAYMENT_KINDS } from "../funds/entities.ts";
import { fundPaidKindId } from "../funds/funds.metrics.ts";
import { PROJECT_LEVELS } from "./entities.ts";

const NAMED_AT_MOST = 5;

interface Named {
  id: number;
  name: string;
  undertaker: string;
  enterprise_id: number | null;
  level: string;
  programme: string;
  approval_no: string | null;
  fiscal: number;
}

/** Projects that moved into one of `to` in the period, biggest fiscal funds first. */
async function movedNames(db: Conn, s: MetricScope, to: string[], notLevel?: string) {
  const r = await sql<Named>`select distinct p.id, p.name, p.undertaker_name as undertaker,
      p.enterprise_id, p.level, g.name as programme, p.approval_no,
      (p.fund_national + p.fund_provincial + p.fund_city + p.fund_county) as fiscal
    from project_transitions t join projects p on p.id = t.project_id
    join project_programmes g on g.code = p.programme_code
    where t.region_path like ${`${s.regionPath}%`} and t.to_status in (${sql.join(to)})
      and t.occurred_on between ${s.from}::date and ${s.to}::date
      and (${notLevel ?? null}::text is null or p.level <> ${notLevel ?? null})
    order by fiscal desc, p.id limit ${NAMED_AT_MOST}`.execute(db);
  return r.rows.map((x) => ({ ...x, fiscal: Number(x.fiscal) }));
}

/** "乐山凯亚达光电科技有限公司的“面向…研究”" with both names traceable. */
function projectPieces(p: Named): Piece[] {
  const who: Piece = p.enterprise_id
    ? name(p.undertaker, { entity: "enterprise", id: p.enterprise_id })
    : p.undertaker;
  return [who, "的“", name(p.name, { entity: "project", id: p.id }), "”"];
}

/** "项目" after a name, unless the name already ends with it ("…实施项目"). */
const projectWord = (p: Named) => (p.name.endsWith("项目") ? "" : "项目");

function levelWord(level: string): string {
  return PROJECT_LEVELS.find((l) => l.value === level)?.label ?? level;
}

function asTemplate(pieces: Piece[]): [TemplateStringsArray, ...Piece[]] {
  const strings: string[] = [""];
  const values: Piece[] = [];
  for (const p of pieces) {
    if (typeof p === "string") strings[strings.length - 1] += p;
    else {
      values.push(p);
      strings.push("");
    }
  }
  const raw = Object.assign([...strings], { raw: [...strings] });
  return [raw as unknown as TemplateStringsArray, ...values];
}

/**
 * 科技项目 and 资金: the paragraphs a bureau writes on 申报, 立项 (with the fiscal support of
 * each named project), 实施/验收 and the money paid out. Each paragraph is left out when its
 * lead figure is zero; the section when all are.
 */
export const projectsReport: ReportContributor = {
  id: "projects",
  order: 10,
  title: "科技项目与资金",
  async contribute(ctx) {
    const v = (id: string) => ctx.value(id);
    const whole = wholeRegion(ctx.scope.regionName);
    const span = ctx.period.span;
    const blocks: Block[] = [];
    const para = async (key: string, pieces: Piece[]) =>
      blocks.push(await ctx.para(`projects.${key}`)(...asTemplate(pieces)));

    if ((await v("projects.applications")) > 0) {
      const pieces: Piece[] = [`${ctx.period.label}，${whole}共申报`];
      let first = true;
      for (const l of [...PROJECT_LEVELS].reverse()) {
        const id = `projects.applications.${l.code}`;
        if ((await v(id)) === 0) continue;
        pieces.push(first ? "" : "，", `${l.label}科技计划项目`, m(id));
        first = false;
      }
      const named = await movedNames(ctx.db, ctx.scope, ["推荐申报"], "县");
      if (named.length > 0) {
        pieces.push("。推荐");
        named.forEach((p, i) => {
          if (i > 0) pieces.push("，");
          pieces.push(...projectPieces(p), `申报${levelWord(p.level)}${p.programme}项目`);
        });
      }
      await para("apply", [...pieces, "。"]);
    }

    if ((await v("projects.approvals")) > 0) {
      const pieces: Piece[] = [
        `${span}获批立项科技项目`,
        m("projects.approvals"),
        "，争取财政科技经费",
        m("projects.funds_secured"),
      ];
      const named = await movedNames(ctx.db, ctx.scope, ["立项"], "县");
      named.forEach((p, i) => {
        pieces.push(i === 0 ? "。其中，" : "；", ...projectPieces(p));
        if (p.approval_no) pieces.push(`（立项编号${p.approval_no}）`);
        // The amount is the project's own approved figure: traced to the record, not a metric.
        if (p.fiscal > 0)
          pieces.push(
            `${projectWord(p)}，获得${levelWord(p.level)}财政`,
            name(formatMoney(p.fiscal, 4), { entity: "project", id: p.id }),
            "经费支持",
          );
        else pieces.push(`${projectWord(p)}列入${levelWord(p.level)}${p.programme}计划`);
      });
      await para("approve", [...pieces, "。"]);
    }

    if ((await v("projects.portfolio.county")) > 0)
      await para("county", [
        `下达县级重点项目共`,
        m("projects.portfolio.county"),
        "，其中结转",
        m("projects.carried.county"),
        "，新上项目",
        m("projects.new.county"),
        "。",
      ]);

    const active = await v("projects.active");
    const accepted = await v("projects.accepted");
    if (active > 0 || accepted > 0) {
      const pieces: Piece[] = [];
      if (active > 0) pieces.push(`${ctx.period.asOf}，${whole}在研科技项目`, m("projects.active"));
      const done = await movedNames(ctx.db, ctx.scope, ["通过验收", "整改后通过"]);
      if (accepted > 0) {
        pieces.push(pieces.length > 0 ? "；" : "", `${span}通过验收项目`, m("projects.accepted"));
        if (done.length > 0) {
          pieces.push("，");
          done.forEach((p, i) => {
            if (i > 0) pieces.push("、");
            pieces.push(...projectPieces(p), projectWord(p));
          });
          pieces.push(done.length > 1 ? "均已实施完毕并通过专家验收" : "已实施完毕并通过专家验收");
        }
      }
      // A project accepted in the same period is told once, as accepted.
      const doneIds = new Set(done.map((p) => p.id));
      const mids = (await movedNames(ctx.db, ctx.scope, ["中期检查"])).filter(
        (p) => !doneIds.has(p.id),
      );
      mids.forEach((p, i) => {
        pieces.push(i === 0 ? "；" : "、", ...projectPieces(p), projectWord(p));
      });
      if (mids.length > 0) pieces.push("顺利通过中期检查");
      if ((await v("projects.overdue")) > 0)
        pieces.push("；逾期未验收项目", m("projects.overdue"), "，已督促承担单位加快实施");
      await para("progress", [...pieces, "。"]);
    }

    if ((await v("funds.paid")) > 0) {
      const pieces: Piece[] = [`${span}，拨付各类科技资金`, m("funds.paid")];
      let first = true;
      for (const k of PAYMENT_KINDS) {
        if (k.value === "追回") continue;
        const id = fundPaidKindId(k.code);
        if ((await v(id)) === 0) continue;
        pieces.push(first ? "，其中" : "、", k.value, m(id));
        first = false;
      }
      if ((await v("funds.recovered")) > 0)
        pieces.push("；追回终止、撤销项目资金", m("funds.recovered"));
      await para("funds", [...pieces, "，确保专款专用。"]);
    }

    if (blocks.length === 0) return null;
    return { key: "projects", heading: "强化服务，认真做好科技项目工作", blocks };
  },
};
