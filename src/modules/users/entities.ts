import { z } from "zod";
import { defineEntity } from "../../core/entity/define.ts";

export const ROLE_OPTIONS = [
  { value: "admin", label: "管理员" },
  { value: "editor", label: "科员" },
  { value: "viewer", label: "领导" },
] as const;

export const userEntity = defineEntity({
  name: "user",
  label: "用户",
  table: "users",
  defaultSort: "username",
  extraSort: { updatedAt: "users.updated_at", lastLoginAt: "users.last_login_at" },
  fields: {
    username: {
      label: "用户名",
      type: "text",
      required: true,
      sortable: true,
      search: true,
      excel: ["用户名", "账号", "登录名"],
      help: "登录用，字母、数字、下划线或点，3～32 位",
    },
    displayName: {
      label: "姓名",
      type: "text",
      required: true,
      sortable: true,
      search: true,
      excel: ["姓名", "名称"],
    },
    role: {
      label: "角色",
      type: "enum",
      required: true,
      options: ROLE_OPTIONS,
      filter: "enum",
      sortable: true,
      excel: ["角色"],
    },
    regionId: {
      label: "所属地区",
      type: "region",
      required: true,
      filter: "region",
      excel: ["所属地区", "地区"],
    },
    unitId: { label: "所属单位", type: "unit", filter: "unit", excel: ["所属单位", "单位"] },
    phone: { label: "手机号码", type: "text", excel: ["手机号码", "手机", "电话"] },
    active: { label: "启用", type: "boolean", filter: "boolean", excel: ["是否启用", "启用"] },
  },
});

export const userInput = z.object({
  username: z
    .string()
    .trim()
    .min(3, "至少 3 位")
    .max(32, "最多 32 位")
    .regex(/^[A-Za-z0-9_.]+$/, "只能包含字母、数字、下划线和点"),
  displayName: z.string().trim().min(1).max(40),
  role: z.enum(["admin", "editor", "viewer"], { error: "请选择角色" }),
  regionId: z.coerce.number().int().positive(),
  unitId: z.coerce.number().int().positive().nullish(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-\s]{0,20}$/, "格式不正确")
    .nullish(),
  active: z.boolean().default(true),
});
export type UserInput = z.infer<typeof userInput>;

export const userUpdate = userInput.extend({ version: z.coerce.number().int().positive() });
