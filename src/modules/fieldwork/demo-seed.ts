import type { Conn, Region } from "../../core/db/schema.ts";

/*
 * Demo field work for 夹江县, 2025–2026, at the scale of shared/seeds/001: a 科技之春 campaign
 * in March 2026 whose two 科技赶场 events add up to the seed's figures (9个乡镇, 1000人次
 * 咨询, 14场次 730人次 培训, 1100余册 图书, 3000余份 资料, 44块 展板 ...), the other
 * campaigns, 26 commissioners covering 12 of the 14 towns, and 30 technology contracts.
 * Deterministic: the same database content on every run; a handful of bulk inserts.
 */

type Outputs = Record<string, number>;
interface DemoActivity {
  title: string;
  type: string;
  campaign: string | null;
  edition?: number;
  heldOn: string;
  town: string;
  place: string;
  theme?: string;
  organiser: string;
  partners: string[];
  outputs: Outputs;
}

const PROPAGANDA = "中共夹江县委宣传部";
const BUREAU = "夹江县科学技术和知识产权局";
const CAST = "夹江县科学技术协会";
const AGRI = "夹江县农业农村局";
const HEALTH = "夹江县卫生健康局";
const EMERGENCY = "夹江县应急管理局";
const MARKET = "夹江县市场监督管理局";
const EDU = "夹江县教育局";

const SPRING_THEME = "创新驱动发展、科技富农惠民";

const ACTIVITIES: DemoActivity[] = [
  {
    title: "第三十一届“科技之春”集中科技赶场（马村镇）",
    type: "科技下乡",
    campaign: "spring",
    edition: 31,
    heldOn: "2026-03-02",
    town: "马村镇",
    place: "马村镇场镇",
    theme: SPRING_THEME,
    organiser: PROPAGANDA,
    partners: [BUREAU, CAST, AGRI, HEALTH],
    outputs: {
      staff: 80,
      teams: 11,
      towns: 5,
      consultations: 600,
      sessions: 8,
      trainees: 420,
      books: 600,
      charts: 70,
      materials: 1800,
      boards: 24,
      clinics: 500,
      donations: 1800,
    },
  },
  {
    title: "第三十一届“科技之春”集中科技赶场（木城镇）",
    type: "科技下乡",
    campaign: "spring",
    edition: 31,
    heldOn: "2026-03-04",
    town: "木城镇",
    place: "木城镇农贸市场",
    theme: SPRING_THEME,
    organiser: PROPAGANDA,
    partners: [BUREAU, CAST, AGRI, HEALTH],
    outputs: {
      staff: 70,
      teams: 10,
      towns: 4,
      consultations: 400,
      sessions: 6,
      trainees: 310,
      books: 530,
      charts: 50,
      materials: 1260,
      boards: 20,
      clinics: 300,
      donations: 1250,
    },
  },
  {
    title: "“春分”科普宣传活动",
    type: "科普宣传",
    campaign: "spring",
    edition: 31,
    heldOn: "2026-03-20",
    town: "漹城街道",
    place: "千佛广场",
    organiser: CAST,
    partners: [BUREAU],
    outputs: { participants: 600 },
  },
  {
    title: "文化科技卫生“三下乡”集中示范活动",
    type: "科技下乡",
    campaign: "sanxia",
    heldOn: "2026-01-16",
    town: "甘江镇",
    place: "甘江镇南安村",
    organiser: PROPAGANDA,
    partners: [BUREAU, HEALTH, AGRI],
    outputs: { materials: 1200, clinics: 260, consultations: 180 },
  },
  {
    title: "4·26知识产权宣传周集中宣传",
    type: "执法宣传",
    campaign: "ip426",
    heldOn: "2026-04-26",
    town: "漹城街道",
    place: "东风堰广场",
    organiser: BUREAU,
    partners: [MARKET],
    outputs: { materials: 800, consultations: 150, boards: 12 },
  },
  {
    title: "5·12防灾减灾日应急疏散演练",
    type: "演练",
    campaign: "dpr512",
    heldOn: "2026-05-12",
    town: "漹城街道",
    place: "夹江中学",
    organiser: EMERGENCY,
    partners: [BUREAU, EDU],
    outputs: { participants: 1200, materials: 500 },
  },
  {
    title: "2026年科技活动周科普宣传",
    type: "科普宣传",
    campaign: "week",
    heldOn: "2026-05-19",
    town: "漹城街道",
    place: "县鸽子花文体中心",
    theme: "创新引领 共享发展",
    organiser: BUREAU,
    partners: [CAST, EDU],
    outputs: { materials: 1000, participants: 2000, boards: 16 },
  },
  {
    title: "茶叶绿色高效栽培技术培训",
    type: "培训",
    campaign: null,
    heldOn: "2026-06-11",
    town: "界牌镇",
    place: "界牌镇便民服务中心",
    organiser: BUREAU,
    partners: [AGRI],
    outputs: { sessions: 1, trainees: 120 },
  },
  {
    title: "全国科普日主场活动",
    type: "科普宣传",
    campaign: "sciday",
    heldOn: "2026-09-19",
    town: "漹城街道",
    place: "千佛广场",
    organiser: CAST,
    partners: [BUREAU, EDU],
    outputs: { materials: 1500, books: 400, participants: 1800 },
  },
  {
    title: "第三十届“科技之春”科技赶场（黄土镇）",
    type: "科技下乡",
    campaign: "spring",
    edition: 30,
    heldOn: "2025-03-06",
    town: "黄土镇",
    place: "黄土镇场镇",
    theme: "科技助力乡村振兴",
    organiser: PROPAGANDA,
    partners: [BUREAU, CAST, AGRI],
    outputs: {
      staff: 120,
      towns: 7,
      consultations: 850,
      sessions: 10,
      trainees: 600,
      materials: 2600,
    },
  },
  {
    title: "2025年科技活动周科普宣传",
    type: "科普宣传",
    campaign: "week",
    heldOn: "2025-05-20",
    town: "漹城街道",
    place: "县鸽子花文体中心",
    organiser: BUREAU,
    partners: [CAST],
    outputs: { materials: 900, participants: 1500 },
  },
];

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许".split("");
const GIVEN = [
  "建华",
  "晓燕",
  "志强",
  "丽萍",
  "国平",
  "海涛",
  "春梅",
  "德明",
  "文静",
  "永军",
  "秀英",
  "明辉",
  "红霞",
];
const UNITS = [
  "夹江县农业农村局",
  "夹江县林业局",
  "四川农业大学",
  "乐山职业技术学院",
  "乐山市农业科学研究院",
  "夹江县茶叶产业服务中心",
];
const SPECIALTIES = [
  "茶叶栽培",
  "果树栽培",
  "畜禽养殖",
  "水产养殖",
  "粮油作物",
  "植物保护",
  "农产品加工",
];
const TEAMS = ["茶叶产业服务团", "水果产业服务团", "畜牧产业服务团", "粮油产业服务团"];
const TITLES = ["高级农艺师", "农艺师", "副教授", "助理研究员", "高级畜牧师"];
/** 华头镇 and 迎江镇 stay uncovered in 2026, so the coverage view has something to show. */
const UNCOVERED = new Set(["华头镇", "迎江镇"]);

const CONTRACT_TYPES = [
  "技术开发（委托）",
  "技术开发（合作）",
  "技术转让",
  "技术许可",
  "技术咨询",
  "技术服务",
];
const SELLERS = [
  ["四川夹江汇丰纸业有限公司", "91511126MA62K0001X"],
  ["夹江县新万兴碳纤维复合材料有限公司", null],
  ["乐山凯亚达光电科技有限公司", null],
  ["四川农业大学", null],
  ["夹江县天福观光茶业有限公司", null],
] as const;
const BUYERS = [
  "四川峨眉山茶业集团有限公司",
  "乐山市沙湾区农业服务中心",
  "成都某新材料科技有限公司",
  "夹江县陶瓷产业协会",
  "眉山市某机械制造有限公司",
];

export async function seedFieldworkDemo(db: Conn, county: Region): Promise<void> {
  const regions = await db
    .selectFrom("regions")
    .selectAll()
    .where("path", "like", `${county.path}%`)
    .execute();
  const town = (name: string) => {
    const r = regions.find((x) => x.level === 4 && x.name === name);
    if (!r) throw new Error(`demo town ${name} missing`);
    return r;
  };
  const units = await db.selectFrom("units").select(["id", "name"]).execute();
  const unitId = (name: string) => units.find((u) => u.name === name)?.id ?? null;

  const inserted = await db
    .insertInto("activities")
    .values(
      ACTIVITIES.map((a) => ({
        region_id: town(a.town).id,
        region_path: town(a.town).path,
        title: a.title,
        type: a.type,
        campaign_code: a.campaign,
        edition: a.edition ?? null,
        held_on: a.heldOn,
        place: a.place,
        theme: a.theme ?? null,
        organiser_unit_id: unitId(a.organiser),
        notes: null,
      })),
    )
    .returning(["id", "title"])
    .execute();
  const idOf = (title: string) => inserted.find((x) => x.title === title)?.id ?? 0;
  await db
    .insertInto("activity_outputs")
    .values(
      ACTIVITIES.flatMap((a) =>
        Object.entries(a.outputs).map(([kind, value]) => ({
          activity_id: idOf(a.title),
          kind,
          value,
        })),
      ),
    )
    .execute();
  const partners = ACTIVITIES.flatMap((a) =>
    a.partners.flatMap((p) => {
      const id = unitId(p);
      return id ? [{ activity_id: idOf(a.title), unit_id: id }] : [];
    }),
  );
  if (partners.length > 0) await db.insertInto("activity_partners").values(partners).execute();

  const towns = regions.filter((r) => r.level === 4).sort((a, b) => a.sort - b.sort);
  const served = towns.filter((t) => !UNCOVERED.has(t.name));
  const people = Array.from({ length: 26 }, (_, i) => ({
    region_id: county.id,
    region_path: county.path,
    name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 5) % GIVEN.length]}`,
    unit_name: UNITS[i % UNITS.length] ?? null,
    title: TITLES[i % TITLES.length] ?? null,
    specialty: SPECIALTIES[i % SPECIALTIES.length] ?? null,
    phone: `1390833${String(1000 + i * 37).slice(-4)}`,
    level: i < 3 ? "省级" : i < 8 ? "市级" : "县级",
    team: TEAMS[i % TEAMS.length] ?? null,
    notes: null,
  }));
  const commissioners = await db
    .insertInto("commissioners")
    .values(people)
    .returning("id")
    .execute();
  const assignments = commissioners.flatMap((c, i) => {
    const t = served[i % served.length];
    if (!t) return [];
    const village = regions.find((r) => r.level === 5 && r.path.startsWith(t.path));
    const place = i % 3 === 0 && village ? village : t;
    const rows: {
      commissioner_id: number;
      region_id: number;
      region_path: string;
      starts_on: string;
      ends_on: string | null;
    }[] = [
      {
        commissioner_id: c.id,
        region_id: place.id,
        region_path: place.path,
        starts_on: "2026-03-01",
        ends_on: null,
      },
    ];
    // A third served in 2025 too, ending before the 2026 round (different town).
    const before = towns[(i + 5) % towns.length];
    if (i % 3 === 1 && before)
      rows.push({
        commissioner_id: c.id,
        region_id: before.id,
        region_path: before.path,
        starts_on: "2025-03-01",
        ends_on: "2025-12-31",
      });
    return rows;
  });
  await db.insertInto("commissioner_assignments").values(assignments).execute();
  const services = commissioners.slice(0, 20).flatMap((c, i) => {
    const t = served[i % served.length];
    if (!t) return [];
    return [0, 1].map((k) => ({
      commissioner_id: c.id,
      region_id: t.id,
      region_path: t.path,
      served_on: `2026-${String(4 + ((i + k * 3) % 6)).padStart(2, "0")}-${String(5 + ((i * 7) % 20)).padStart(2, "0")}`,
      content: k === 0 ? `${SPECIALTIES[i % SPECIALTIES.length]}现场技术指导` : "田间实用技术培训",
      people_reached: 20 + ((i * 13 + k * 7) % 40),
    }));
  });
  await db.insertInto("commissioner_services").values(services).execute();

  const contracts = Array.from({ length: 30 }, (_, i) => {
    const year = i < 12 ? 2025 : 2026;
    const n = i < 12 ? i : i - 12;
    const month = 1 + ((n * 7) % (year === 2025 ? 12 : 10));
    const day = 3 + ((n * 11) % 24);
    const [seller, code] = SELLERS[i % SELLERS.length] ?? SELLERS[0];
    const amount = (8 + ((i * 37) % 30)) * 10000;
    const type = CONTRACT_TYPES[i % CONTRACT_TYPES.length] ?? "技术服务";
    return {
      region_id: county.id,
      region_path: county.path,
      reg_no: `${year}5111260${String(n + 1).padStart(5, "0")}`,
      name: `${type.replace(/（.+）/, "")}项目合同${n + 1}号`,
      type,
      seller_name: seller,
      seller_credit_code: code,
      enterprise_id: null,
      buyer_name: BUYERS[i % BUYERS.length] ?? "某公司",
      amount,
      turnover: type.startsWith("技术开发") ? amount * 0.9 : amount,
      signed_on: `${year}-${String(month).padStart(2, "0")}-${String(Math.max(1, day - 2)).padStart(2, "0")}`,
      registered_on: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
      notes: null,
    };
  });
  await db.insertInto("tech_contracts").values(contracts).execute();
}
