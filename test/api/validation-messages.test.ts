import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseInput } from "../../src/core/entity/validation.ts";
import { AppError } from "../../src/core/errors.ts";

function messages(schema: z.ZodType, input: unknown): string[] {
  try {
    parseInput(schema, input);
  } catch (err) {
    if (err instanceof AppError && err.code === "VALIDATION") {
      return (err.details as { fields: { message: string }[] }).fields.map((f) => f.message);
    }
    throw err;
  }
  return [];
}

describe("field messages", () => {
  const schema = z.object({ n: z.number().int(), s: z.string().min(1) });

  it("says 必填 for a missing or empty value", () => {
    expect(messages(schema, { n: 1 })).toEqual(["必填"]);
    expect(messages(schema, { n: 1, s: "" })).toEqual(["必填"]);
    expect(messages(schema, { s: "x" })).toEqual(["必填"]);
  });

  it("says 应为整数 for a fraction, not 必填", () => {
    expect(messages(schema, { n: 1.5, s: "x" })).toEqual(["应为整数"]);
  });
});
