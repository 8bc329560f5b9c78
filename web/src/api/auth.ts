import { request } from "./client.ts";
import type { Me, Region } from "./types.ts";

export const authApi = {
  me: () => request<{ user: Me }>("/api/auth/me").then((r) => r.user),
  login: (username: string, password: string) =>
    request<{ user: Me }>("/api/auth/login", { method: "POST", body: { username, password } }).then(
      (r) => r.user,
    ),
  logout: () => request<void>("/api/auth/logout", { method: "POST" }),
  switchRegion: (regionId: number) =>
    request<{ user: Me }>("/api/auth/region", { method: "PUT", body: { regionId } }).then(
      (r) => r.user,
    ),
  changePassword: (oldPassword: string, newPassword: string) =>
    request<void>("/api/auth/password", { method: "POST", body: { oldPassword, newPassword } }),
  regions: (maxLevel = 5) =>
    request<{ items: Region[] }>("/api/regions", { query: { maxLevel } }).then((r) => r.items),
};
