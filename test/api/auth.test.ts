import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

describe.each(engines)("auth on %s", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => t.close());

  it("logs in, answers /me with the user's region, and logs out for good", async () => {
    const c = await t.login("keyuan");
    const me = await c.get("/api/auth/me");
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({
      username: "keyuan",
      role: "editor",
      homeRegion: { name: "夹江县" },
    });
    expect((await c.post("/api/auth/logout")).statusCode).toBe(204);
    const after = await c.get("/api/auth/me");
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toBe("请先登录");
  });

  it("sets an httpOnly SameSite=Strict session cookie and a readable CSRF cookie", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "juzhang", password: DEMO_PASSWORD },
      remoteAddress: "10.1.1.1",
    });
    const setCookie = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
    const session = setCookie.find((c) => c.startsWith("kg_session="));
    const csrf = setCookie.find((c) => c.startsWith("kg_csrf="));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    expect(csrf).not.toMatch(/HttpOnly/i);
  });

  it("rejects a wrong password with one message that does not reveal whether the user exists", async () => {
    const a = await t
      .anonymous()
      .post("/api/auth/login", { username: "keyuan", password: "wrong-Pass1" });
    const b = await t
      .anonymous()
      .post("/api/auth/login", { username: "nobody", password: "wrong-Pass1" });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().error.message).toBe("用户名或密码错误");
    expect(b.json().error.message).toBe(a.json().error.message);
  });

  it("refuses writes without the CSRF header, and with a wrong one", async () => {
    const c = await t.login("admin");
    const body = { name: "CSRF测试单位", kind: "其他", regionId: t.demo.county.id };
    const missing = await c.request("POST", "/api/units", { body, csrf: false });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe("CSRF");
    const wrong = await c.request("POST", "/api/units", {
      body,
      csrf: false,
      headers: { "x-csrf-token": "forged" },
    });
    expect(wrong.statusCode).toBe(403);
    const names = await t.db
      .selectFrom("units")
      .select("name")
      .where("name", "=", "CSRF测试单位")
      .execute();
    expect(names).toHaveLength(0);
    expect((await c.post("/api/units", body)).statusCode).toBe(200);
  });

  it("expires sessions at their absolute end and after idling", async () => {
    const c = await t.login("kexie");
    expect((await c.get("/api/auth/me")).statusCode).toBe(200);
    const user = await t.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "kexie")
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable("sessions")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("user_id", "=", user.id)
      .execute();
    const expired = await c.get("/api/auth/me");
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.message).toBe("登录已过期，请重新登录");

    const c2 = await t.login("kexie");
    await t.db
      .updateTable("sessions")
      .set({ last_seen_at: new Date(Date.now() - 3 * 3_600_000) })
      .where("user_id", "=", user.id)
      .execute();
    expect((await c2.get("/api/auth/me")).statusCode).toBe(401);
  });

  it("locks an account after 5 wrong passwords, even against the right one, and admin reset unlocks", async () => {
    const anon = t.anonymous();
    for (let i = 0; i < 4; i++) {
      const r = await anon.post("/api/auth/login", {
        username: "jingyan",
        password: `Wrong${i}pass!`,
      });
      expect(r.statusCode).toBe(401);
    }
    const fifth = await anon.post("/api/auth/login", {
      username: "jingyan",
      password: "Wrong5pass!",
    });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.message).toMatch(/账号已锁定，请 15 分钟后再试/);
    const right = await anon.post("/api/auth/login", {
      username: "jingyan",
      password: DEMO_PASSWORD,
    });
    expect(right.statusCode).toBe(423);

    const city = await t.login("shiju");
    const user = await t.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "jingyan")
      .executeTakeFirstOrThrow();
    const reset = await city.post(`/api/users/${user.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    const pw = reset.json().password as string;
    const ok = await t.login("jingyan", pw);
    const me = (await ok.get("/api/auth/me")).json();
    expect(me.user.mustChangePassword).toBe(true);
  });

  it("rate-limits login attempts per client address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const r = await t.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: `ghost${i}`, password: "x" },
        remoteAddress: "10.77.0.1",
      });
      statuses.push(r.statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it("changes a password only with the old one and a strong new one", async () => {
    const c = await t.login("juzhang");
    const weak = await c.post("/api/auth/password", {
      oldPassword: DEMO_PASSWORD,
      newPassword: "12345678",
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toMatch(/密码不符合要求/);
    const badOld = await c.post("/api/auth/password", {
      oldPassword: "nope",
      newPassword: "Strong#Pass9",
    });
    expect(badOld.json().error.fields[0]).toMatchObject({
      field: "oldPassword",
      message: "不正确",
    });
    expect(
      (
        await c.post("/api/auth/password", {
          oldPassword: DEMO_PASSWORD,
          newPassword: "Strong#Pass9",
        })
      ).statusCode,
    ).toBe(204);
    await t.login("juzhang", "Strong#Pass9");
  });

  it("lets a city user switch to a county below, never to a region outside", async () => {
    const city = await t.login("shiju");
    const ok = await city.put("/api/auth/region", { regionId: t.demo.county.id });
    expect(ok.json().user.activeRegion.name).toBe("夹江县");
    const county = await t.login("keyuan");
    const bad = await county.put("/api/auth/region", { regionId: t.demo.neighbour.id });
    expect(bad.statusCode).toBe(403);
  });
});

describe.each(engines)("one-time passwords on %s", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => t.close());

  it("blocks everything but /api/auth until a new user changes the one-time password", async () => {
    const admin = await t.login("admin");
    const created = await admin.post("/api/users", {
      username: "newbie",
      displayName: "新同事",
      role: "editor",
      regionId: t.demo.county.id,
    });
    expect(created.statusCode).toBe(200);
    const oneTime = created.json().password as string;
    const audit = await t.db
      .selectFrom("audit_log")
      .select("after")
      .where("entity", "=", "user")
      .where("record_id", "=", String(created.json().id))
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).not.toContain("scrypt$");
    const c = await t.login("newbie", oneTime);
    const blocked = await c.get("/api/units");
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.message).toBe("请先修改初始密码");
    expect(
      (await c.post("/api/auth/password", { oldPassword: oneTime, newPassword: "New#Pass2026" }))
        .statusCode,
    ).toBe(204);
    expect((await c.get("/api/units")).statusCode).toBe(200);
  });
});
