import { z } from "zod";
import type { Authenticated } from "../core/auth/session.service.ts";
import { canWriteLedgers } from "../core/auth/session.service.ts";
import type { Region } from "../core/db/schema.ts";

export const regionDto = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  code: z.string(),
  name: z.string(),
  level: z.number(),
  path: z.string(),
});
export type RegionDto = z.infer<typeof regionDto>;

export function presentRegion(r: Region): RegionDto {
  return {
    id: r.id,
    parentId: r.parent_id,
    code: r.code,
    name: r.name,
    level: r.level,
    path: r.path,
  };
}

export const meDto = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(["admin", "editor", "viewer"]),
  unitId: z.number().nullable(),
  mustChangePassword: z.boolean(),
  homeRegion: regionDto,
  activeRegion: regionDto,
  canWriteLedgers: z.boolean(),
});

export function presentMe(a: Authenticated): z.infer<typeof meDto> {
  return {
    id: a.user.id,
    username: a.user.username,
    displayName: a.user.display_name,
    role: a.user.role,
    unitId: a.user.unit_id,
    mustChangePassword: a.user.must_change_password,
    homeRegion: presentRegion(a.homeRegion),
    activeRegion: presentRegion(a.activeRegion),
    canWriteLedgers: canWriteLedgers(a.scope),
  };
}

export const errorDto = z.object({
  error: z.object({ code: z.string(), message: z.string() }).passthrough(),
});

export function pageDto<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number(),
    page: z.number(),
    pageSize: z.number(),
  });
}
