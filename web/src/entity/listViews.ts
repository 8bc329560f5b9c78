/**
 * Named selections a list understands besides its field filters (`?view=hte_valid&from=…
 * &to=…`): the records a dashboard figure counts. The server applies each with the
 * metric's own predicate; here they get the words shown above the list.
 */

export interface ListView {
  /** The list (entity name) the view belongs to. */
  entity: string;
  name: string;
  from: string;
  to: string;
  /** The region a coverage view is about (where commissioners serve). */
  servedRegionId?: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string) {
  const m = DAY.exec(date);
  return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
}

const md = (p: { m: number; d: number }) => `${p.m}月${p.d}日`;

/** "2026年1月1日至6月30日" (years repeated only when they differ). */
export function periodText(from: string, to: string): string {
  const a = parts(from);
  const b = parts(to);
  if (!a || !b) return `${from}至${to}`;
  if (from === to) return `${a.y}年${md(a)}`;
  return a.y === b.y ? `${a.y}年${md(a)}至${md(b)}` : `${a.y}年${md(a)}至${b.y}年${md(b)}`;
}

/** "截至2026年6月30日". */
export function asOfText(to: string): string {
  const b = parts(to);
  return b ? `截至${b.y}年${md(b)}` : `截至${to}`;
}

const years = (v: ListView) => {
  const a = v.from.slice(0, 4);
  const b = v.to.slice(0, 4);
  return a === b ? `${a}年` : `${a}—${b}年`;
};

type Labels = Record<string, (v: ListView) => string>;

/** The views each list (by entity name) understands, with their words. */
const VIEWS: Record<string, Labels> = {
  enterprise: {
    hte_valid: (v) => `${v.to.slice(0, 4)}年有效高新技术企业（${asOfText(v.to)}）`,
    hte_applied: (v) => `${periodText(v.from, v.to)}申报高新技术企业认定的企业`,
    hte_passed: (v) => `${periodText(v.from, v.to)}申报并通过高新技术企业认定的企业`,
    reserve_added: (v) => `${years(v)}入省级高企培育库的企业`,
    tsme_registered: (v) => `${years(v)}入库的科技型中小企业`,
  },
  project: {
    applied: (v) => `${periodText(v.from, v.to)}推荐申报的项目`,
    approved: (v) => `${periodText(v.from, v.to)}立项的项目`,
    active: (v) => `在研项目（${asOfText(v.to)}）`,
    accepted: (v) => `${periodText(v.from, v.to)}通过验收的项目`,
  },
  commissioner: {
    in_service: (v) => `${periodText(v.from, v.to)}在岗的科技特派员`,
    covering: (v) => `${periodText(v.from, v.to)}在所选地区乡镇服务的科技特派员`,
  },
  task: {
    total: (v) => `${periodText(v.from, v.to)}在办或办结的任务`,
    closed: (v) => `${periodText(v.from, v.to)}按期办结的任务`,
    closed_late: (v) => `${periodText(v.from, v.to)}逾期办结的任务`,
    overdue: (v) => `逾期未办结的任务（${asOfText(v.to)}）`,
  },
};

/** The words for the tag above a list opened on a view. */
export function listViewLabel(v: ListView): string {
  return `仅显示：${VIEWS[v.entity]?.[v.name]?.(v) ?? periodText(v.from, v.to)}`;
}

/**
 * The view given in a page's URL, if it is one of this list's (a page with several lists
 * hands each only its own); a view needs its as-of day.
 */
export function listViewFromUrl(entity: string, params: URLSearchParams): ListView | undefined {
  const name = params.get("view");
  const to = params.get("to") ?? "";
  if (!name || !VIEWS[entity]?.[name] || !DAY.test(to)) return undefined;
  const from = params.get("from") ?? "";
  const served = params.get("servedRegionId") ?? "";
  return {
    entity,
    name,
    from: DAY.test(from) ? from : to,
    to,
    ...(/^\d+$/.test(served) ? { servedRegionId: served } : {}),
  };
}

/** The list-API parameters of a view. */
export function listViewQuery(v: ListView | undefined): Record<string, string> {
  if (!v) return {};
  return {
    view: v.name,
    from: v.from,
    to: v.to,
    ...(v.servedRegionId ? { servedRegionId: v.servedRegionId } : {}),
  };
}

/** The filters without any view parameters (when the user drops the view). */
export function withoutView<T>(filters: Record<string, T>): Record<string, T> {
  const { view: _v, from: _f, to: _t, servedRegionId: _s, ...rest } = filters;
  return rest;
}
