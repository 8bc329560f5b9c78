import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../src/core/auth/password.ts";
import { type Client, DEMO_PASSWORD, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

interface Inbox {
  items: { id: number; kind: string; taskId: number | null; readAt: string | null }[];
  unread: number;
}

const json = <T>(res: LightMyRequestResponse): T => res.json() as T;

describe.each(engines)("per-user read state of unit notifications on %s", (engine) => {
  let t: TestApp;
  let bureau: Client;
  let kexie: Client;
  let colleague: Client;
  let taskId = 0;

  const inbox = async (who: Client) => json<Inbox>(await who.get("/api/notifications?limit=200"));
  const readOne = async (who: Client, id: number) =>
    json<{ updated: number }>(await who.post(`/api/notifications/${id}/read`)).updated;

  beforeAll(async () => {
    t = await startTestApp(engine);
    const unit = await t.db
      .selectFrom("units")
      .select("id")
      .where("name", "=", "夹江县科学技术协会")
      .executeTakeFirstOrThrow();
    // A second user of 县科协: the unit's notices reach both.
    await t.db
      .insertInto("users")
      .values({
        username: "kexie2",
        display_name: "科协联络员",
        role: "editor",
        region_id: t.demo.county.id,
        region_path: t.demo.county.path,
        unit_id: unit.id,
        password_hash: await hashPassword(DEMO_PASSWORD),
      })
      .execute();
    [bureau, kexie, colleague] = await Promise.all([
      t.login("keyuan"),
      t.login("kexie"),
      t.login("kexie2"),
    ]);
    const res = await bureau.post("/api/tasks", {
      title: "两位联络员都要看到的任务",
      regionId: t.demo.county.id,
      source: "其他",
      leadUnitId: unit.id,
      deadlineKind: "workdays",
      deadlineWorkdays: 10,
    });
    expect(res.statusCode, res.body).toBe(200);
    taskId = json<{ id: number }>(res).id;
  });
  afterAll(() => t.close());

  it("marks a unit notice read only for the user who read it", async () => {
    const mine = await inbox(kexie);
    const theirs = await inbox(colleague);
    expect(mine.unread).toBe(theirs.unread);
    const notice = mine.items.find((n) => n.taskId === taskId && n.kind === "assigned");
    if (!notice) throw new Error("no 交办 notice for 县科协");
    expect(notice.readAt).toBeNull();

    expect(await readOne(kexie, notice.id)).toBe(1);
    expect(await readOne(kexie, notice.id)).toBe(0); // already read
    const after = await inbox(kexie);
    expect(after.unread).toBe(mine.unread - 1);
    expect(after.items.find((n) => n.id === notice.id)?.readAt).not.toBeNull();
    const colleagueAfter = await inbox(colleague);
    expect(colleagueAfter.unread).toBe(theirs.unread);
    expect(colleagueAfter.items.find((n) => n.id === notice.id)?.readAt).toBeNull();
    const unreadOnly = json<Inbox>(await kexie.get("/api/notifications?unread=1&limit=200"));
    expect(unreadOnly.items.map((n) => n.id)).not.toContain(notice.id);
    expect(unreadOnly.items.length).toBe(after.unread);
  });

  it("reads all for one user and never another unit's notices", async () => {
    const before = await inbox(colleague);
    expect(before.unread).toBeGreaterThan(0);
    const all = json<{ updated: number }>(await colleague.post("/api/notifications/read-all"));
    expect(all.updated).toBe(before.unread);
    expect((await inbox(colleague)).unread).toBe(0);
    expect((await inbox(kexie)).unread).toBeGreaterThan(0);
    const seen = new Set((await inbox(kexie)).items.map((n) => n.id));
    const others = (await t.db.selectFrom("notifications").select("id").execute()).filter(
      (n) => !seen.has(n.id),
    );
    expect(others.length).toBeGreaterThan(0);
    for (const n of others) expect(await readOne(kexie, n.id)).toBe(0);
  });
});
