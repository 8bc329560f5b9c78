import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

type Method = "POST" | "PUT" | "DELETE";

describe.each(engines)("roles on every write route (%s)", (engine) => {
  let t: TestApp;
  let clients: Record<"admin" | "editor" | "viewer" | "anonymous", Client>;
  let unitId: number;
  let userId: number;

  beforeAll(async () => {
    t = await startTestApp(engine);
    clients = {
      admin: await t.login("admin"),
      editor: await t.login("keyuan"),
      viewer: await t.login("juzhang"),
      anonymous: t.anonymous(),
    };
    unitId = (
      await t.db
        .selectFrom("units")
        .select("id")
        .where("name", "=", "夹江县教育局")
        .executeTakeFirstOrThrow()
    ).id;
    userId = (
      await t.db
        .selectFrom("users")
        .select("id")
        .where("username", "=", "kexie")
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => t.close());

  const routes: {
    name: string;
    method: Method;
    url: () => string;
    body: () => unknown;
    upload?: boolean;
  }[] = [
    {
      name: "create unit",
      method: "POST",
      url: () => "/api/units",
      body: () => ({ name: `角色测试${Math.random()}`, kind: "其他", regionId: t.demo.county.id }),
    },
    {
      name: "update unit",
      method: "PUT",
      url: () => `/api/units/${unitId}`,
      body: () => ({
        name: "夹江县教育局",
        kind: "政府部门",
        regionId: t.demo.county.id,
        version: 999,
      }),
    },
    {
      name: "delete unit",
      method: "DELETE",
      url: () => `/api/units/${unitId}?version=999`,
      body: () => undefined,
    },
    {
      name: "import units",
      method: "POST",
      url: () => "/api/units/import",
      body: () => undefined,
      upload: true,
    },
    {
      name: "create user",
      method: "POST",
      url: () => "/api/users",
      body: () => ({
        username: `u${Date.now()}`,
        displayName: "测试",
        role: "viewer",
        regionId: t.demo.county.id,
      }),
    },
    {
      name: "update user",
      method: "PUT",
      url: () => `/api/users/${userId}`,
      body: () => ({
        username: "kexie",
        displayName: "张丽",
        role: "editor",
        regionId: t.demo.county.id,
        version: 999,
      }),
    },
    {
      name: "delete user",
      method: "DELETE",
      url: () => `/api/users/${userId}?version=999`,
      body: () => undefined,
    },
    {
      name: "reset password",
      method: "POST",
      url: () => `/api/users/${userId}/reset-password`,
      body: () => ({}),
    },
  ];

  async function call(c: Client, r: (typeof routes)[number]) {
    if (r.upload)
      return c.upload(r.url(), "u.csv", Buffer.from("单位名称,单位类型\n角色导入,其他\n"));
    return c.request(r.method, r.url(), { body: r.body() });
  }

  for (const r of routes) {
    it(`${r.name}: anonymous 401, editor and viewer 403, admin allowed`, async () => {
      expect((await call(clients.anonymous, r)).statusCode).toBe(401);
      for (const role of ["editor", "viewer"] as const) {
        const res = await call(clients[role], r);
        expect(res.statusCode, role).toBe(403);
        expect(res.json().error.code).toBe("FORBIDDEN");
      }
      // Admin passes the role check: the outcome is the route's own (200/204, or 409 for the stale version 999).
      const admin = await call(clients.admin, r);
      expect([200, 204, 409]).toContain(admin.statusCode);
    });
  }

  it("viewers and editors can read units but not the user list or the audit log", async () => {
    expect((await clients.viewer.get("/api/units")).statusCode).toBe(200);
    expect((await clients.editor.get("/api/users")).statusCode).toBe(403);
    expect((await clients.viewer.get("/api/audit")).statusCode).toBe(403);
  });
});
