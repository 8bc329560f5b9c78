/** Chinese names for audit codes; unknown codes are shown as they are. */
export const auditActionLabels: Record<string, string> = {
  create: "新增",
  update: "修改",
  delete: "删除",
  import: "导入",
  export: "导出",
  login: "登录",
  login_failed: "登录失败",
  logout: "退出登录",
  password: "修改密码",
  change_password: "修改密码",
  reset_password: "重置密码",
  switch_region: "切换区域",
};

export const auditEntityLabels: Record<string, string> = {
  unit: "单位",
  user: "用户",
  region: "区域",
  session: "登录会话",
  auth: "登录认证",
  setting: "系统设置",
};

export const actionColors: Record<string, string> = {
  create: "green",
  update: "blue",
  delete: "red",
  import: "purple",
  login_failed: "orange",
  reset_password: "gold",
};

export function labelOf(map: Record<string, string>, code: string | null): string {
  if (!code) return "—";
  return map[code] ?? code;
}
