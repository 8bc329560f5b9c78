import { z } from "zod";
import { AppError, type FieldIssue } from "../errors.ts";
import type { EntityDef } from "./define.ts";

// Chinese messages for every zod issue ("不能为空", "应为数字" ...), set once for the process.
z.config(z.locales.zhCN());

/** Zod issues → field-named Chinese issues using the entity's labels. */
export function fieldIssues(error: z.ZodError, def?: EntityDef): FieldIssue[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join(".");
    const top = String(issue.path[0] ?? "");
    const label = def?.fields[top]?.label;
    return { field, label, message: simplify(issue) };
  });
}

function simplify(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type") {
    // zod does not keep the input on issues; its message names what was received.
    if (issue.expected === "int") return "应为整数";
    if (/undefined|null/.test(issue.message)) return "必填";
  }
  if (issue.code === "too_small" && issue.origin === "string" && issue.minimum === 1) return "必填";
  return issue.message;
}

/** Parses input with the schema or throws a VALIDATION AppError naming each field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  def?: EntityDef,
): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new AppError("VALIDATION", { fields: fieldIssues(r.error, def) });
  return r.data;
}
