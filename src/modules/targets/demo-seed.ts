import type { Conn, Region } from "../../core/db/schema.ts";

/*
 * Demo targets for 夹江县: 2026 targets chosen against the demo ledgers so that, in late
 * November 2026, some lights are 达标 (专利授权量, 技术合同登记额), some 正常 (发明专利申请量,
 * 争取资金, 高新技术产业总产值) and some 滞后 (专利申请量, 省级项目立项, 研发投入); two 2027
 * targets for the 工作打算; a few hand-entered statistics-bureau figures.
 */
const TARGETS: { code: string; year: number; value: number; setBy: string }[] = [
  { code: "invention_apps", year: 2026, value: 18, setBy: "市下达" },
  { code: "patent_apps", year: 2026, value: 130, setBy: "自定" },
  { code: "patent_grants", year: 2026, value: 45, setBy: "市下达" },
  { code: "contract_amount", year: 2026, value: 400, setBy: "市下达" },
  { code: "provincial_approvals", year: 2026, value: 6, setBy: "自定" },
  { code: "funds_secured", year: 2026, value: 300, setBy: "自定" },
  { code: "hitech_output", year: 2026, value: 20, setBy: "市下达" },
  { code: "rd_investment", year: 2026, value: 12000, setBy: "市下达" },
  { code: "invention_apps", year: 2027, value: 22, setBy: "市下达" },
  { code: "patent_grants", year: 2027, value: 50, setBy: "自定" },
];

const VALUES: { code: string; asOf: string; value: number; note: string }[] = [
  { code: "hitech_output", asOf: "2025-09-30", value: 13.6, note: "统计局1—9月快报" },
  { code: "hitech_output", asOf: "2025-12-31", value: 18.5, note: "统计局年报" },
  { code: "hitech_output", asOf: "2026-06-30", value: 9.2, note: "统计局1—6月快报" },
  { code: "hitech_output", asOf: "2026-09-30", value: 15.1, note: "统计局1—9月快报" },
  { code: "rd_investment", asOf: "2026-09-30", value: 8600, note: "统计局1—9月快报" },
];

export async function seedTargetsDemo(db: Conn, county: Region): Promise<void> {
  const indicators = await db.selectFrom("target_indicators").select(["id", "code"]).execute();
  const idOf = new Map(indicators.map((i) => [i.code, i.id]));
  const id = (code: string) => {
    const found = idOf.get(code);
    if (found === undefined) throw new Error(`Demo indicator "${code}" is missing`);
    return found;
  };
  await db
    .insertInto("targets")
    .values(
      TARGETS.map((t) => ({
        region_id: county.id,
        region_path: county.path,
        year: t.year,
        indicator_id: id(t.code),
        value: t.value,
        set_by: t.setBy,
        // 市下达 targets were entered by the city bureau.
        assigned_level: t.setBy === "市下达" ? county.level - 1 : county.level,
      })),
    )
    .execute();
  await db
    .insertInto("indicator_values")
    .values(
      VALUES.map((v) => ({
        indicator_id: id(v.code),
        region_id: county.id,
        region_path: county.path,
        year: Number(v.asOf.slice(0, 4)),
        as_of: v.asOf,
        value: v.value,
        note: v.note,
        entered_level: county.level,
      })),
    )
    .execute();
}
