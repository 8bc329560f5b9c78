import { z } from "zod";
import type { User } from "../../core/db/schema.ts";
import type { UserRow } from "./users.repository.ts";

export const userDto = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(["admin", "editor", "viewer"]),
  regionId: z.number(),
  regionName: z.string().nullable(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.date().nullable(),
  version: z.number(),
  updatedAt: z.date(),
});
export type UserDto = z.infer<typeof userDto>;

/** Never exposes the password hash or the failure counter. */
export function presentUser(u: User | UserRow): UserDto {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    regionId: u.region_id,
    regionName: "region_name" in u ? u.region_name : null,
    unitId: u.unit_id,
    unitName: "unit_name" in u ? u.unit_name : null,
    phone: u.phone,
    active: u.active,
    locked: u.locked_until !== null && u.locked_until > new Date(),
    mustChangePassword: u.must_change_password,
    lastLoginAt: u.last_login_at,
    version: u.version,
    updatedAt: u.updated_at,
  };
}
