import { createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { DEMO_TOWNS } from "../src/core/demo/demo-county.ts";
import { type ExportColumn, writeCsv, writeXlsx } from "../src/core/excel/index.ts";
import { UNIT_KINDS } from "../src/modules/units/entities.ts";

/** One generated unit, keyed by the Chinese headers the import expects. */
export interface BenchUnit {
  name: string;
  kind: string;
  town: string;
  contact: string;
  phone: string;
}

export const COLUMNS: ExportColumn[] = [
  { key: "name", header: "单位名称", width: 40 },
  { key: "kind", header: "单位类型" },
  { key: "town", header: "所属地区" },
  { key: "contact", header: "联系人" },
  { key: "phone", header: "联系电话" },
];

const PLACES =
  "青衣千佛东风金象石堰双桥南安长虹天福九龙林山兴隆罗坝朝阳太平光辉川主双溪兰坝石门瓦窑";
const TRADES = [
  "科技",
  "纸业",
  "陶瓷",
  "茶业",
  "农业开发",
  "电子信息",
  "新材料",
  "生物医药",
  "机械制造",
  "食品加工",
  "文化传媒",
  "建筑工程",
  "环保技术",
  "智能装备",
  "物流",
  "竹木制品",
];
const FORMS = ["有限公司", "股份有限公司", "有限责任公司", "专业合作社", "研究所", "服务中心"];
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董";
const GIVEN = "敏伟芳娜秀英静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰华建国志红玉梅晓东";

/** A small deterministic PRNG so that every run imports exactly the same file. */
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
 * `n` distinct units: the serial number in the name keeps names unique; the varied CJK
 * around it keeps the strings realistic in length and byte content (3 bytes/char UTF-8).
 */
export function generateUnits(n: number): BenchUnit[] {
  const rand = mulberry32(20261125);
  const places = [...PLACES];
  const surnames = [...SURNAMES];
  const given = [...GIVEN];
  const kinds = UNIT_KINDS.filter((k) => k !== "科技局");
  const out: BenchUnit[] = [];
  for (let i = 1; i <= n; i++) {
    const place = pick(rand, places) + pick(rand, places);
    const trade = pick(rand, TRADES);
    // Most imported units are enterprises; the rest spread over the other kinds.
    const kind = rand() < 0.8 ? "企业" : pick(rand, kinds);
    const givenName = pick(rand, given) + (rand() < 0.6 ? pick(rand, given) : "");
    out.push({
      name: `夹江县${place}${trade}${pick(rand, FORMS)}第${i}号`,
      kind,
      town: pick(rand, DEMO_TOWNS).name,
      contact: pick(rand, surnames) + givenName,
      phone: `1${3 + Math.floor(rand() * 7)}${String(Math.floor(rand() * 1e9)).padStart(9, "0")}`,
    });
  }
  return out;
}

export interface BenchFiles {
  xlsx: string;
  csvUtf8: string;
  csvGb18030: string;
  sizes: { xlsx: number; csvUtf8: number; csvGb18030: number };
  /** Seconds each writer took. */
  writeSeconds: { xlsx: number; csvUtf8: number; csvGb18030: number };
}

async function timed(write: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await write();
  return (performance.now() - t0) / 1000;
}

/** Writes the rows with the project's own export writers, as a user's re-import would be. */
export async function writeFiles(dir: string, rows: BenchUnit[]): Promise<BenchFiles> {
  const xlsx = join(dir, "units.xlsx");
  const csvUtf8 = join(dir, "units-utf8.csv");
  const csvGb18030 = join(dir, "units-gb18030.csv");
  const sheet = { name: "单位", columns: COLUMNS, rows };
  const writeSeconds = {
    xlsx: await timed(() => writeXlsx(createWriteStream(xlsx), sheet)),
    csvUtf8: await timed(() => writeCsv(createWriteStream(csvUtf8), sheet)),
    csvGb18030: await timed(() =>
      writeCsv(createWriteStream(csvGb18030), sheet, { encoding: "gb18030" }),
    ),
  };
  const size = async (p: string) => (await stat(p)).size;
  return {
    xlsx,
    csvUtf8,
    csvGb18030,
    sizes: {
      xlsx: await size(xlsx),
      csvUtf8: await size(csvUtf8),
      csvGb18030: await size(csvGb18030),
    },
    writeSeconds,
  };
}
