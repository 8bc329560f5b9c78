import { z } from "zod";

/** Request and response schemas shared by the targets routes and the indicator routes. */

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const versionQuery = z.object({ version: z.coerce.number().int().positive() });
export const body = z.record(z.string(), z.unknown());
export const year = z.coerce.number().int().min(2000).max(2100);
export const importResult = z.object({
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});
export const tags = ["targets"];
