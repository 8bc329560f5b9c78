import { z } from "zod";
import { parseIsoDate } from "../../core/metrics/period.ts";

/** 'YYYY-MM-DD' that is a real calendar day (2024-13-01 and 2025-02-29 are refused). */
export const isoDateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD")
  .refine((s) => parseIsoDate(s) !== null, "不是有效的日期");
