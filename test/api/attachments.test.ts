import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

const PDF = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(2048, 0x20)]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(512, 1)]);

/** Every stored file under the attachment directory (recursively). */
async function storedFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(join(e.parentPath, e.name));
  }
  return out;
}

describe.each(engines)("attachments on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let viewer: Client;
  let city: Client;
  let jingyan: Client;
  let projectId: number;
  let url: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    [editor, viewer, city, jingyan] = await Promise.all([
      t.login("keyuan"),
      t.login("juzhang"),
      t.login("shiju"),
      t.login("jingyan"),
    ]);
    const p = await t.db
      .selectFrom("projects")
      .select("id")
      .where("region_id", "=", t.demo.county.id)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    projectId = p.id;
    url = `/api/attachments?ownerType=project&ownerId=${projectId}`;
  });
  afterAll(() => t?.close());

  it("stores an upload outside the web root and gives the same bytes back", async () => {
    const res = await editor.upload(url, "项目任务书（2026）.pdf", PDF);
    expect(res.statusCode).toBe(201);
    const dto = res.json<{ id: number; filename: string; size: number; mime: string }>();
    expect(dto).toMatchObject({ filename: "项目任务书（2026）.pdf", size: PDF.length });
    expect(dto.mime).toBe("application/pdf");

    const files = await storedFiles(t.attachmentDir);
    expect(files).toHaveLength(1);
    expect(files[0]?.startsWith(t.attachmentDir)).toBe(true);

    const list = await viewer.get(url);
    expect(list.statusCode).toBe(200);
    expect(list.json<{ id: number }[]>().map((a) => a.id)).toEqual([dto.id]);

    const dl = await city.get(`/api/attachments/${dto.id}/download`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    expect(dl.headers["content-disposition"]).toContain(
      `filename*=UTF-8''${encodeURIComponent("项目任务书（2026）.pdf")}`,
    );
    expect(dl.headers["content-disposition"]).toMatch(/^attachment;/);
    expect(dl.headers["x-content-type-options"]).toBe("nosniff");

    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action"])
      .where("entity", "=", "attachment")
      .where("record_id", "=", String(dto.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["create"]);
  });

  it("shows images inline only when asked, and never other types", async () => {
    const img = (await editor.upload(url, "现场照片.png", PNG)).json<{ id: number }>();
    const inline = await editor.get(`/api/attachments/${img.id}/download?inline=1`);
    expect(inline.headers["content-disposition"]).toMatch(/^inline;/);
    const pdf = (await editor.upload(url, "a.pdf", PDF)).json<{ id: number }>();
    const asked = await editor.get(`/api/attachments/${pdf.id}/download?inline=1`);
    expect(asked.headers["content-disposition"]).toMatch(/^attachment;/);
  });

  it("refuses types off the allow-list and content that does not match its extension", async () => {
    const before = (await storedFiles(t.attachmentDir)).length;
    const exe = await editor.upload(url, "setup.exe", EXE);
    expect(exe.statusCode).toBe(415);
    expect(exe.json<{ error: { message: string } }>().error.message).toContain(
      "不支持的文件类型（.exe）",
    );
    const fake = await editor.upload(url, "通知.pdf", EXE);
    expect(fake.statusCode).toBe(415);
    expect(fake.json<{ error: { message: string } }>().error.message).toContain(
      "文件内容与扩展名 .pdf 不符",
    );
    const empty = await editor.upload(url, "空.txt", Buffer.alloc(0));
    expect(empty.statusCode).toBe(415);
    expect(await storedFiles(t.attachmentDir)).toHaveLength(before);
  });

  it("refuses a file over the size limit and keeps nothing of it", async () => {
    const before = (await storedFiles(t.attachmentDir)).length;
    const rows = await t.db.selectFrom("attachments").select("id").execute();
    const big = Buffer.concat([PDF, Buffer.alloc(20 * 1048576, 0x20)]);
    const res = await editor.upload(url, "大文件.pdf", big);
    expect(res.statusCode).toBe(413);
    expect(res.json<{ error: { message: string } }>().error.message).toContain("20 MB");
    expect(await storedFiles(t.attachmentDir)).toHaveLength(before);
    expect(await t.db.selectFrom("attachments").select("id").execute()).toHaveLength(rows.length);
  });

  it("strips path parts from the file name", async () => {
    const res = await editor.upload(url, "../../etc/passwd.txt", Buffer.from("hello"));
    expect(res.statusCode).toBe(201);
    expect(res.json<{ filename: string }>().filename).toBe("passwd.txt");
  });

  it("scopes files like their record", async () => {
    const [first] = (await editor.get(url)).json<{ id: number }[]>();
    const id = first?.id ?? 0;
    // Another county: the project and its files do not exist for them.
    expect((await jingyan.get(url)).statusCode).toBe(404);
    expect((await jingyan.get(`/api/attachments/${id}/download`)).statusCode).toBe(404);
    expect((await jingyan.del(`/api/attachments/${id}`)).statusCode).toBe(404);
    expect((await jingyan.upload(url, "x.pdf", PDF)).statusCode).toBe(404);
    // Read-only users see them but cannot change them.
    expect((await viewer.upload(url, "x.pdf", PDF)).statusCode).toBe(403);
    expect((await city.upload(url, "x.pdf", PDF)).statusCode).toBe(403);
    expect((await city.del(`/api/attachments/${id}`)).statusCode).toBe(403);
    // Unknown kinds of owner and anonymous callers.
    expect((await editor.get("/api/attachments?ownerType=nope&ownerId=1")).statusCode).toBe(404);
    expect((await t.anonymous().get(url)).statusCode).toBe(401);
  });

  it("deletes the row and the stored file", async () => {
    const res = await editor.upload(url, "待删除.pdf", PDF);
    const { id } = res.json<{ id: number }>();
    const before = (await storedFiles(t.attachmentDir)).length;
    expect((await editor.del(`/api/attachments/${id}`)).statusCode).toBe(204);
    expect(await storedFiles(t.attachmentDir)).toHaveLength(before - 1);
    expect((await editor.get(`/api/attachments/${id}/download`)).statusCode).toBe(404);
  });
});
