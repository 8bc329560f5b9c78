import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../../../test/support/db.ts";
import { copyInFor, copyText } from "./copy.ts";
import type { DatabaseHandle } from "./index.ts";

describe("COPY text format", () => {
  it("escapes backslash, tab, newline and carriage return, and writes null as \\N", () => {
    const row = { a: "a\tb", b: "c\nd\re", c: "x\\y", d: null, e: 3, f: true, g: false };
    const columns = ["a", "b", "c", "d", "e", "f", "g"] as const;
    expect(copyText(columns, [row, row])).toBe(
      "a\\tb\tc\\nd\\re\tx\\\\y\t\\N\t3\tt\tf\n".repeat(2),
    );
    // Columns in the order given, whatever the object's own order.
    expect(copyText(["g", "a"], [row])).toBe("f\ta\\tb\n");
    expect(copyText(columns, [])).toBe("");
  });
});

describe("COPY on the embedded database", () => {
  it("is not offered: imports there insert with unnest", async () => {
    const h = await freshDatabase("pglite");
    try {
      await h.db.transaction().execute(async (trx) => {
        expect(await copyInFor(h.db, trx)).toBeNull();
      });
    } finally {
      await h.close();
    }
  });
});

describe("COPY inside a PostgreSQL transaction", () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await freshDatabase("postgres");
    await sql`create table copy_probe (id int4, label text, flag bool, day date)`.execute(h.db);
  });
  afterAll(async () => {
    await h?.close();
  });
  const rows = () =>
    h.db
      .selectFrom("copy_probe" as never)
      .select(["id", "label", "flag", "day"] as never[])
      .orderBy("id" as never)
      .execute();
  const tricky = [
    { id: 1, label: "申请人\t甲\n乙\\丙", flag: true, day: "2026-11-26" },
    { id: 2, label: null, flag: false, day: null },
    { id: 3, label: "\\N", flag: null, day: "2020-02-29" },
  ];

  it("writes the rows unchanged, on the transaction's own connection", async () => {
    await h.db.transaction().execute(async (trx) => {
      const copy = await copyInFor(h.db, trx);
      expect(copy).not.toBeNull();
      await copy?.("copy_probe", ["id", "label", "flag", "day"], tricky);
      // Seen inside the transaction: the COPY ran on its connection.
      expect(
        await trx
          .selectFrom("copy_probe" as never)
          .select(sql`count(*)::int`.as("n"))
          .executeTakeFirst(),
      ).toEqual({ n: 3 });
    });
    expect(await rows()).toEqual([
      { id: 1, label: "申请人\t甲\n乙\\丙", flag: true, day: "2026-11-26" },
      { id: 2, label: null, flag: false, day: null },
      { id: 3, label: "\\N", flag: null, day: "2020-02-29" },
    ]);
  });

  it("is rolled back with its transaction", async () => {
    const failure = new Error("later step failed");
    await expect(
      h.db.transaction().execute(async (trx) => {
        const copy = await copyInFor(h.db, trx);
        await copy?.(
          "copy_probe",
          ["id", "label", "flag", "day"],
          [{ id: 9, label: "x", flag: true, day: null }],
        );
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect((await rows()).map((r) => (r as { id: number }).id)).toEqual([1, 2, 3]);
  });
});
