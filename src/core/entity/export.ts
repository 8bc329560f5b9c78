import type { ExportColumn } from "../excel/index.ts";
import { type EntityDef, excelHeaders, optionLabel } from "./define.ts";

/** Export columns of an entity: the first Excel header of each field, in declaration order. */
export function exportColumns(def: EntityDef): ExportColumn[] {
  return Object.entries(def.fields)
    .filter(([key, f]) => excelHeaders(key, f).length > 0)
    .map(([key, f]) => ({
      key,
      header: excelHeaders(key, f)[0] ?? f.label,
      width: f.width ? Math.round(f.width / 7) : Math.max(10, f.label.length * 2 + 4),
      numFmt: f.type === "money" ? "#,##0.00" : undefined,
    }));
}

/**
 * A presented record (camelCase DTO) as spreadsheet values: enum labels, 是/否, and the
 * region/unit names the DTO carries (regionName, unitName) instead of ids — so an
 * exported file imports back unchanged.
 */
export function exportRow(def: EntityDef, dto: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, f] of Object.entries(def.fields)) {
    const v = dto[key];
    switch (f.type) {
      case "enum":
        out[key] = optionLabel(f, typeof v === "string" ? v : null);
        break;
      case "boolean":
        out[key] = v === true ? "是" : v === false ? "否" : null;
        break;
      case "region":
        out[key] = dto.regionName ?? v;
        break;
      case "unit":
        out[key] = dto.unitName ?? v;
        break;
      case "enterprise":
        out[key] = dto.enterpriseName ?? v;
        break;
      default:
        out[key] = v;
    }
  }
  return out;
}
