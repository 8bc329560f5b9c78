import { createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { DEMO_TOWNS } from "../src/core/demo/demo-county.ts";
import { type ExportColumn, writeXlsx } from "../src/core/excel/index.ts";
import { CREDIT_CODE_CHARSET, withCheckChar } from "../src/modules/enterprises/credit-code.ts";
import { INDUSTRIES } from "../src/modules/enterprises/industries.ts";
import { normaliseEnterpriseName } from "../src/modules/enterprises/name-normalise.ts";
import type { BenchDb } from "./engines.ts";

/** One generated enterprise, keyed by the Chinese headers the import expects. */
export interface BenchEnterprise {
  name: string;
  creditCode: string;
  town: string;
  industry: string;
  legalRep: string;
  contact: string;
  phone: string;
  address: string;
  foundedOn: string;
}

const COLUMNS: ExportColumn[] = [
  { key: "name", header: "企业名称", width: 40 },
  { key: "creditCode", header: "统一社会信用代码", width: 22 },
  { key: "town", header: "所在乡镇（街道）" },
  { key: "industry", header: "所属行业" },
  { key: "legalRep", header: "法定代表人" },
  { key: "contact", header: "联系人" },
  { key: "phone", header: "联系电话" },
  { key: "address", header: "地址", width: 40 },
  { key: "foundedOn", header: "成立日期" },
];

const PLACES = "青衣千佛东风金象石堰双桥南安长虹天福九龙林山兴隆罗坝朝阳太平光辉川主双溪兰坝";
const TRADES = ["科技", "纸业", "陶瓷", "茶业", "电子", "新材料", "生物", "机械", "食品", "环保"];
const FORMS = ["有限公司", "股份有限公司", "有限责任公司"];
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董";
const GIVEN = "敏伟芳娜秀英静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰华建国志红玉梅晓东";

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  const v = list[Math.floor(rand() * list.length)];
  if (v === undefined) throw new Error("empty list");
  return v;
}

/**
 * A valid, unique 统一社会信用代码 for serial `i` under `prefix` (10 characters): the
 * serial in base 31 fills the 7 characters before the check character.
 */
export function benchCreditCode(prefix: string, i: number): string {
  let body = "";
  let v = i;
  for (let k = 0; k < 7; k++) {
    body = CREDIT_CODE_CHARSET.charAt(v % 31) + body;
    v = Math.floor(v / 31);
  }
  return withCheckChar(prefix + body);
}

/** Distinct names (serial number) and codes; "BN" in the code keeps clear of demo "MA" codes. */
export function generateEnterprises(n: number, seed = 20261125): BenchEnterprise[] {
  const rand = mulberry32(seed);
  const out: BenchEnterprise[] = [];
  for (let i = 1; i <= n; i++) {
    const place = pick(rand, [...PLACES]) + pick(rand, [...PLACES]);
    const person = () =>
      pick(rand, [...SURNAMES]) +
      pick(rand, [...GIVEN]) +
      (rand() < 0.6 ? pick(rand, [...GIVEN]) : "");
    const town = pick(rand, DEMO_TOWNS).name;
    const y = 1995 + Math.floor(rand() * 30);
    const m = String(1 + Math.floor(rand() * 12)).padStart(2, "0");
    out.push({
      name: `夹江${place}${pick(rand, TRADES)}${pick(rand, FORMS)}第${i}号`,
      creditCode: benchCreditCode("91511126BN", i),
      town,
      industry: pick(rand, INDUSTRIES).label,
      legalRep: person(),
      contact: person(),
      phone: `1${3 + Math.floor(rand() * 7)}${String(Math.floor(rand() * 1e9)).padStart(9, "0")}`,
      address: `夹江县${town}${place}路${1 + Math.floor(rand() * 300)}号`,
      foundedOn: `${y}-${m}-15`,
    });
  }
  return out;
}

/** Writes the rows with the project's own XLSX writer. */
export async function writeEnterprisesXlsx(
  dir: string,
  rows: BenchEnterprise[],
): Promise<{ path: string; size: number; seconds: number }> {
  const path = join(dir, "enterprises.xlsx");
  const t0 = performance.now();
  await writeXlsx(createWriteStream(path), { name: "企业名录", columns: COLUMNS, rows });
  const seconds = (performance.now() - t0) / 1000;
  return { path, size: (await stat(path)).size, seconds };
}

const COPY_COLUMNS =
  "region_id, region_path, name, name_norm, credit_code, legal_rep, contact, phone, address, industry, founded_on";

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const INDUSTRY_CODE = new Map<string, string>(INDUSTRIES.map((i) => [i.label, i.value]));

function* copyChunks(
  rows: BenchEnterprise[],
  town: Map<string, { id: number; path: string }>,
): Generator<string> {
  let buf = "";
  for (const r of rows) {
    const region = town.get(r.town);
    if (!region) throw new Error(`unknown town ${r.town}`);
    const cells = [
      String(region.id),
      region.path,
      r.name,
      normaliseEnterpriseName(r.name),
      r.creditCode,
      r.legalRep,
      r.contact,
      r.phone,
      r.address,
      INDUSTRY_CODE.get(r.industry) ?? "",
      r.foundedOn,
    ];
    buf += `${cells.map(csvField).join(",")}\n`;
    if (buf.length > 256 * 1024) {
      yield buf;
      buf = "";
    }
  }
  if (buf) yield buf;
}

/**
 * The floor: the same rows, resolved and normalised in memory, COPYed straight into
 * `enterprises` (no parsing, validation, upsert lookups or audit).
 */
export async function copyEnterprises(
  bench: BenchDb,
  rows: BenchEnterprise[],
  town: Map<string, { id: number; path: string }>,
): Promise<void> {
  const { engine } = bench.handle;
  const copySql = `COPY enterprises (${COPY_COLUMNS}) FROM STDIN WITH (FORMAT csv)`;
  if (engine.kind === "postgres") {
    const client = await engine.pool.connect();
    try {
      await pipeline(Readable.from(copyChunks(rows, town)), client.query(copyFrom(copySql)));
    } finally {
      client.release();
    }
    return;
  }
  const blob = new Blob([...copyChunks(rows, town)], { type: "text/csv" });
  await engine.client.query(copySql.replace("STDIN", "'/dev/blob'"), [], { blob });
}
