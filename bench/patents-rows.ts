import { createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { DEMO_TOWNS } from "../src/core/demo/demo-county.ts";
import { type ExportColumn, writeCsv, writeXlsx } from "../src/core/excel/index.ts";
import { withCheck } from "../src/modules/patents/application-no.ts";
import type { BenchDb } from "./engines.ts";

/** One generated list row, keyed by the Chinese headers of a bureau's patent list. */
export interface BenchPatent {
  申请号: string;
  专利名称: string;
  申请人: string;
  发明人: string;
  申请日: string;
  授权公告日: string | null;
  法律状态: string;
  失效日: string | null;
  地址: string;
  /** Not in the file: what COPY stores, resolved in memory. */
  type: "发明" | "实用新型" | "外观设计";
  applicantType: "企业" | "大专院校" | "个人";
}

const HEADERS = [
  "申请号",
  "专利名称",
  "申请人",
  "发明人",
  "申请日",
  "授权公告日",
  "法律状态",
  "失效日",
  "地址",
] as const;
export const PATENT_COLUMNS: ExportColumn[] = HEADERS.map((h) => ({ key: h, header: h }));

const PLACES = "青衣千佛东风金象石堰双桥南安长虹天福九龙林山兴隆罗坝朝阳太平光辉川主双溪兰坝";
const TRADES = ["科技", "纸业", "陶瓷", "茶业", "电子", "新材料", "生物", "机械", "食品", "环保"];
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董";
const GIVEN = "敏伟芳娜秀英静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰华建国志红玉梅晓东";
const ADJ = ["高效", "节能", "便携式", "自动", "智能", "环保型", "多功能", "可调节", "复合"];
const THING = [
  "陶瓷砖压制装置",
  "竹浆纸烘干设备",
  "茶叶揉捻机",
  "碳纤维预浸料",
  "铝型材挤压模具",
  "污水处理系统",
  "包装盒",
  "手工纸抄造槽",
  "检测夹具",
];
const UNIS = ["西南交通大学", "四川大学", "乐山师范学院", "西南科技大学"];
const TYPE_DIGIT = { 发明: "1", 实用新型: "2", 外观设计: "3" } as const;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const day = (y: number, offset: number) =>
  new Date(Date.UTC(y, 0, 1 + offset)).toISOString().slice(0, 10);

/**
 * `n` distinct patents with valid check characters (serial 8,000,000 + i: clear of the demo), filed 2016–2025,
 * about 60% granted (a tenth of those since lapsed), the rest pending.
 */
export function generatePatents(n: number, seed = 20261126): BenchPatent[] {
  const rand = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const person = () =>
    pick([...SURNAMES]) + pick([...GIVEN]) + (rand() < 0.6 ? pick([...GIVEN]) : "");
  const out: BenchPatent[] = [];
  for (let i = 1; i <= n; i++) {
    const year = 2016 + (i % 10);
    const r = rand();
    const type = r < 0.3 ? "发明" : r < 0.85 ? "实用新型" : "外观设计";
    const a = rand();
    const applicantType = a < 0.8 ? "企业" : a < 0.9 ? "大专院校" : "个人";
    const place = pick([...PLACES]) + pick([...PLACES]);
    const applicant =
      applicantType === "企业"
        ? `夹江${place}${pick(TRADES)}有限公司`
        : applicantType === "大专院校"
          ? pick(UNIS)
          : person();
    const filed = day(year, Math.floor(rand() * 360));
    const granted = rand() < 0.6 ? day(year + 1, Math.floor(rand() * 300)) : null;
    const lapsed = granted && rand() < 0.1 ? day(year + 2, 200) : null;
    const town = pick(DEMO_TOWNS).name;
    out.push({
      申请号: withCheck(`${year}${TYPE_DIGIT[type]}${String(8_000_000 + i)}`),
      专利名称: `一种${pick(ADJ)}${pick(THING)}`,
      申请人: applicant,
      发明人: `${person()};${person()}`,
      申请日: filed,
      授权公告日: granted,
      法律状态: lapsed ? "失效" : granted ? "有效" : "在审",
      失效日: lapsed,
      地址: `四川省乐山市夹江县${town}${place}路${1 + Math.floor(rand() * 300)}号`,
      type,
      applicantType,
    });
  }
  return out;
}

export interface BenchFile {
  label: string;
  path: string;
  size: number;
  seconds: number;
}

/** The list as XLSX and as CSV (UTF-8 and GB18030), with the project's own writers. */
export async function writePatentFiles(
  dir: string,
  rows: BenchPatent[],
  xlsxRows: number,
): Promise<BenchFile[]> {
  const files: BenchFile[] = [];
  const timed = async (label: string, name: string, write: (path: string) => Promise<void>) => {
    const path = join(dir, name);
    const t0 = performance.now();
    await write(path);
    files.push({
      label,
      path,
      size: (await stat(path)).size,
      seconds: (performance.now() - t0) / 1000,
    });
  };
  await timed("XLSX", "patents.xlsx", (p) =>
    writeXlsx(createWriteStream(p), {
      name: "专利",
      columns: PATENT_COLUMNS,
      rows: rows.slice(0, xlsxRows),
    }),
  );
  await timed("CSV UTF-8", "patents-utf8.csv", (p) =>
    writeCsv(createWriteStream(p), { name: "专利", columns: PATENT_COLUMNS, rows }),
  );
  await timed("CSV GB18030", "patents-gb18030.csv", (p) =>
    writeCsv(
      createWriteStream(p),
      { name: "专利", columns: PATENT_COLUMNS, rows },
      { encoding: "gb18030" },
    ),
  );
  return files;
}

const COPY_COLUMNS =
  "region_id, region_path, application_no, patent_type, title, applicants, first_applicant, applicant_type, service_invention, inventors, address, filed_on, granted_on, legal_status, status_on, lapsed_on";

const field = (s: string | null) =>
  s === null ? "" : /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;

function* copyChunks(rows: BenchPatent[], regionOf: (i: number) => { id: number; path: string }) {
  let buf = "";
  for (const [i, r] of rows.entries()) {
    const region = regionOf(i);
    const cells = [
      String(region.id),
      region.path,
      r.申请号,
      r.type,
      r.专利名称,
      r.申请人,
      r.申请人,
      r.applicantType,
      r.applicantType === "个人" ? "f" : "t",
      r.发明人,
      r.地址,
      r.申请日,
      r.授权公告日,
      r.法律状态,
      r.失效日 ?? r.授权公告日,
      r.失效日,
    ];
    buf += `${cells.map(field).join(",")}\n`;
    if (buf.length > 256 * 1024) {
      yield buf;
      buf = "";
    }
  }
  if (buf) yield buf;
}

/** The floor: the same rows, resolved in memory, COPYed straight into `patents`. */
export async function copyPatents(
  bench: BenchDb,
  rows: BenchPatent[],
  regionOf: (i: number) => { id: number; path: string },
): Promise<void> {
  const { engine } = bench.handle;
  const copySql = `COPY patents (${COPY_COLUMNS}) FROM STDIN WITH (FORMAT csv)`;
  if (engine.kind === "postgres") {
    const client = await engine.pool.connect();
    try {
      await pipeline(Readable.from(copyChunks(rows, regionOf)), client.query(copyFrom(copySql)));
    } finally {
      client.release();
    }
    return;
  }
  const blob = new Blob([...copyChunks(rows, regionOf)], { type: "text/csv" });
  await engine.client.query(copySql.replace("STDIN", "'/dev/blob'"), [], { blob });
}
