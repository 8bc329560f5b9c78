import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

// Just the PNG signature and an empty IHDR length: enough for the content sniffing.
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

describe.each(engines)("activity photos on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let viewer: Client;
  let jingyan: Client;
  let city: Client;
  let url: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    [editor, viewer, jingyan, city] = await Promise.all([
      t.login("keyuan"),
      t.login("juzhang"),
      t.login("jingyan"),
      t.login("shiju"),
    ]);
    const res = await editor.post("/api/activities", {
      title: "科技之春现场咨询",
      type: "科普宣传",
      campaignCode: "spring",
      heldOn: "2026-03-06",
      regionId: t.demo.county.id,
      outputs: [{ kind: "materials", value: 500 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    url = `/api/attachments?ownerType=activity&ownerId=${res.json<{ id: number }>().id}`;
  });
  afterAll(() => t?.close());

  it("stores a photo on an activity and lists it for everyone in scope", async () => {
    const up = await editor.upload(url, "科技之春现场.png", PNG);
    expect(up.statusCode, up.body).toBe(201);
    const dto = up.json<{ id: number; mime: string; ownerType: string }>();
    expect(dto).toMatchObject({ mime: "image/png", ownerType: "activity" });

    for (const c of [editor, viewer, city]) {
      const list = await c.get(url);
      expect(list.statusCode).toBe(200);
      expect(list.json<{ id: number; filename: string }[]>()).toEqual([
        expect.objectContaining({ id: dto.id, filename: "科技之春现场.png" }),
      ]);
    }
    const inline = await viewer.get(`/api/attachments/${dto.id}/download?inline=1`);
    expect(inline.statusCode).toBe(200);
    expect(inline.headers["content-disposition"]).toMatch(/^inline;/);
    expect(inline.rawPayload.equals(PNG)).toBe(true);
  });

  it("hides a 夹江 activity from a 井研 user and refuses uploads by a viewer", async () => {
    expect((await jingyan.get(url)).statusCode).toBe(404);
    expect((await jingyan.upload(url, "a.png", PNG)).statusCode).toBe(404);
    const denied = await viewer.upload(url, "b.png", PNG);
    expect(denied.statusCode).toBe(403);
    expect((await editor.get(url)).json<unknown[]>()).toHaveLength(1);
  });

  it("answers 404 for an activity that does not exist", async () => {
    const res = await editor.get("/api/attachments?ownerType=activity&ownerId=999999");
    expect(res.statusCode).toBe(404);
  });
});
