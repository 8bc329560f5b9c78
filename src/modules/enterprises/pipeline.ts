import { addMonths } from "./validity.ts";

/** Where an enterprise stands in 高企 cultivation, derived from its records on `today`. */
export type Stage = "储备" | "申报" | "有效" | "临期" | "到期";
export const STAGES: readonly Stage[] = ["储备", "申报", "有效", "临期", "到期"];

export interface StageFacts {
  /** 高企 certificates: issue and last valid day. */
  certificates: { issued_on: string | null; expires_on: string }[];
  /** Years of 高企 applications still awaiting a result (结果为“申报”). */
  pendingYears: number[];
  /** Years the enterprise sat in the provincial reserve pool (培育库). */
  reserveYears: number[];
}

export function stageOf(facts: StageFacts, today: string, warnMonths = 6): Stage | null {
  const thisYear = Number(today.slice(0, 4));
  const valid = facts.certificates.filter(
    (c) => (c.issued_on ?? "0000-00-00") <= today && c.expires_on >= today,
  );
  if (valid.length > 0) {
    // A re-recognised enterprise is judged by its newest certificate.
    const last = valid.reduce((a, b) => (b.expires_on > a.expires_on ? b : a));
    return last.expires_on <= addMonths(today, warnMonths) ? "临期" : "有效";
  }
  if (facts.pendingYears.some((y) => y >= thisYear - 1)) return "申报";
  if (facts.certificates.some((c) => c.expires_on < today)) return "到期";
  if (facts.reserveYears.some((y) => y >= thisYear - 1)) return "储备";
  return null;
}

export interface YearFigures {
  year: number;
  revenue: number | null;
  rd_expense: number | null;
  hitech_income: number | null;
  employees: number | null;
  st_staff: number | null;
}

export interface Hint {
  key: "rd_share" | "hitech_share" | "st_staff" | "registered";
  label: string;
  /** null: the data needed is missing. */
  met: boolean | null;
  detail: string;
}

/** R&D share of sales required by revenue band (高企认定管理办法): ≤5000万 5%, ≤2亿 4%, else 3%. */
export function requiredRdShare(revenue: number): number {
  if (revenue <= 50_000_000) return 0.05;
  if (revenue <= 200_000_000) return 0.04;
  return 0.03;
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/**
 * Hints (not verdicts) against the 高企 conditions visible in the registry, from the latest
 * year's figures: the real test uses three years of audited figures and more conditions.
 */
export function hteHints(
  latest: YearFigures | null,
  foundedOn: string | null,
  today: string,
): Hint[] {
  const hints: Hint[] = [];
  const rev = latest?.revenue ?? null;
  const rd = latest?.rd_expense ?? null;
  if (latest && rev !== null && rev > 0 && rd !== null) {
    const need = requiredRdShare(rev);
    const share = rd / rev;
    hints.push({
      key: "rd_share",
      label: "研发费用占销售收入比例",
      met: share >= need,
      detail: `${latest.year}年为${pct(share)}，按收入规模应不低于${pct(need)}`,
    });
  } else {
    hints.push({
      key: "rd_share",
      label: "研发费用占销售收入比例",
      met: null,
      detail: "缺少营业收入或研发费用数据",
    });
  }
  const hi = latest?.hitech_income ?? null;
  if (latest && rev !== null && rev > 0 && hi !== null) {
    const share = hi / rev;
    hints.push({
      key: "hitech_share",
      label: "高新技术产品（服务）收入占比",
      met: share >= 0.6,
      detail: `${latest.year}年为${pct(share)}，应不低于60%`,
    });
  } else {
    hints.push({
      key: "hitech_share",
      label: "高新技术产品（服务）收入占比",
      met: null,
      detail: "缺少高新技术产品收入数据",
    });
  }
  const emp = latest?.employees ?? null;
  const st = latest?.st_staff ?? null;
  if (latest && emp !== null && emp > 0 && st !== null) {
    const share = st / emp;
    hints.push({
      key: "st_staff",
      label: "科技人员占职工总数比例",
      met: share >= 0.1,
      detail: `${latest.year}年为${pct(share)}，应不低于10%`,
    });
  } else {
    hints.push({
      key: "st_staff",
      label: "科技人员占职工总数比例",
      met: null,
      detail: "缺少职工或科技人员数据",
    });
  }
  if (foundedOn) {
    const oneYear = addMonths(foundedOn, 12);
    hints.push({
      key: "registered",
      label: "注册成立一年以上",
      met: oneYear <= today,
      detail: `成立于${foundedOn}`,
    });
  } else {
    hints.push({ key: "registered", label: "注册成立一年以上", met: null, detail: "缺少成立日期" });
  }
  return hints;
}
