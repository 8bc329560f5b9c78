import { Readable } from "node:stream";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliScope } from "../../src/cli/context.ts";
import type { DatabaseHandle } from "../../src/core/db/index.ts";
import { DEMO_TOWNS } from "../../src/core/demo/demo-county.ts";
import { seedDemo } from "../../src/core/demo/seed.ts";
import { importUnits } from "../../src/modules/units/units.service.ts";
import { type EngineName, freshDatabase } from "../support/db.ts";

const ROWS = 100_000;
// Characters that straddle chunk boundaries in both encodings: 3-byte CJK, 4-byte
// supplementary-plane CJK (𠀀𪚥), full-width punctuation, and CSV metacharacters.
const ALPHABET = "夹江陶瓷碳纤维铝业纸业茶叶科技创新研发中心𠀀𪚥𡈽（）【】《》，。、；：“”‘’—…·★";

function* rng(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield x;
  }
}

function makeRows(): { name: string; contact: string; town: string }[] {
  const r = rng(42);
  const pick = () => Array.from(ALPHABET)[(r.next().value as number) % Array.from(ALPHABET).length];
  return Array.from({ length: ROWS }, (_, i) => {
    const word = Array.from({ length: 6 + (i % 7) }, pick).join("");
    return {
      name: `${word}有限公司第${i}号`,
      contact: `${pick()}${pick()}, "${pick()}"`,
      town: DEMO_TOWNS[i % DEMO_TOWNS.length]?.name ?? "黄土镇",
    };
  });
}

function csvOf(rows: ReturnType<typeof makeRows>): string {
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  return `单位名称,单位类型,所属地区,联系人\r\n${rows.map((x) => `${q(x.name)},企业,${x.town},${q(x.contact)}`).join("\r\n")}\r\n`;
}

/** Delivers the file in odd-sized chunks so boundaries fall inside characters. */
function chunked(buf: Buffer, size: number): Readable {
  let off = 0;
  return new Readable({
    read() {
      if (off >= buf.length) return this.push(null);
      this.push(buf.subarray(off, off + size));
      off += size;
    },
  });
}

const cases: { engine: EngineName; encoding: "utf-8" | "gb18030" }[] = [
  { engine: "pglite", encoding: "utf-8" },
  { engine: "postgres", encoding: "gb18030" },
];

describe.each(cases)("100,000 Chinese rows, $encoding CSV into $engine", ({ engine, encoding }) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await freshDatabase(engine);
    await seedDemo(h.db, { password: "Test@2026demo" });
  }, 180_000);
  afterAll(async () => h.close());

  it("imports every row and reads each back byte for byte equal", {
    timeout: 600_000,
  }, async () => {
    const rows = makeRows();
    const text = csvOf(rows);
    const file = encoding === "utf-8" ? Buffer.from(text, "utf8") : iconv.encode(text, "gb18030");
    expect(iconv.decode(file, encoding === "utf-8" ? "utf8" : "gb18030")).toBe(text);
    const scope = await cliScope(h.db, "511126");
    const result = await importUnits(
      h.db,
      scope,
      { stream: chunked(file, 4093) },
      { filename: "units.csv", maxBytes: 64 * 1048576 },
    );
    expect(result).toEqual({ total: ROWS, created: ROWS, updated: 0, unchanged: 0 });
    const stored = await h.db
      .selectFrom("units")
      .select(["name", "contact"])
      .where("kind", "=", "企业")
      .execute();
    expect(stored).toHaveLength(ROWS);
    const byName = new Map(stored.map((s) => [s.name, s.contact]));
    let mismatches = 0;
    for (const row of rows) {
      const contact = byName.get(row.name);
      if (
        contact === undefined ||
        contact === null ||
        Buffer.compare(Buffer.from(contact), Buffer.from(row.contact)) !== 0
      )
        mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});
