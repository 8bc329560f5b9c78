/*
 * Demo projects for 夹江县, after shared/seeds/001: the two provincial projects with their
 * 立项编号 and support, the accepted 成果转化 and 专利实施 projects, the one passing its
 * mid-term check, and 县级重点科技计划 topics (14 carried into 2026, 20 new in 2026).
 */

/** [to, date] steps after 储备 (the first date is the 储备 date). */
export type Steps = [string, string][];

export interface DemoProject {
  name: string;
  level: "国家" | "省" | "市" | "县";
  programme: string;
  /** Enterprise name in the registry, or an institution's name. */
  undertaker: string;
  approvalNo?: string;
  fiscal: { national?: number; provincial?: number; city?: number; county?: number };
  self: number;
  startOn: string;
  endOn: string;
  year: number;
  steps: Steps;
  /** Acceptance conclusions when the steps end in an outcome. */
  acceptance?: { on: string; task: string; finance: string };
  midterm?: { on: string; result: string };
}

const KAIYADA = "乐山凯亚达光电科技有限公司";
const SHUIGONG = "中国水电建设集团夹江水工机械有限公司";
const CARBON = "新万兴碳纤维复合材料有限公司";
const MINGZHU = "四川明珠陶瓷有限公司";
const HUIFENG = "夹江汇丰纸业有限公司";

export const NAMED_PROJECTS: DemoProject[] = [
  {
    name: "面向产业化多组元透明导电氧化物技术的研究",
    level: "省",
    programme: "support",
    undertaker: KAIYADA,
    approvalNo: "2026GZ0272",
    fiscal: { provincial: 300000 },
    self: 600000,
    startOn: "2026-06-01",
    endOn: "2028-05-31",
    year: 2026,
    steps: [
      ["储备", "2025-09-10"],
      ["推荐申报", "2026-02-20"],
      ["立项", "2026-05-20"],
      ["实施中", "2026-06-01"],
    ],
  },
  {
    name: "大型升船机主提升系统制造关键技术研究及应用",
    level: "省",
    programme: "support",
    undertaker: SHUIGONG,
    approvalNo: "2026GZ0190",
    fiscal: { provincial: 1000000 },
    self: 2500000,
    startOn: "2026-06-01",
    endOn: "2028-12-31",
    year: 2026,
    steps: [
      ["储备", "2025-09-10"],
      ["推荐申报", "2026-02-20"],
      ["立项", "2026-05-20"],
      ["实施中", "2026-06-01"],
    ],
  },
  {
    name: "年产400万平方米高性能纤维织物预浸料项目",
    level: "省",
    programme: "transfer",
    undertaker: CARBON,
    approvalNo: "2025ZHCG0031",
    fiscal: { provincial: 500000 },
    self: 3000000,
    startOn: "2025-04-01",
    endOn: "2026-03-31",
    year: 2025,
    steps: [
      ["储备", "2025-01-08"],
      ["推荐申报", "2025-01-20"],
      ["立项", "2025-03-25"],
      ["实施中", "2025-04-01"],
      ["申请验收", "2026-03-20"],
      ["通过验收", "2026-04-22"],
    ],
    acceptance: { on: "2026-04-22", task: "通过", finance: "通过" },
  },
  ...[
    [MINGZHU, "波纹边凹凸面瓷砖制作模具专利组合实施项目", "2025ZL0012"],
    [SHUIGONG, "起重机钢丝绳绕返回偏角调整装置专利组合实施项目", "2025ZL0013"],
  ].map(
    ([who, name, no]): DemoProject => ({
      name: name ?? "",
      level: "省",
      programme: "patent",
      undertaker: who ?? "",
      approvalNo: no,
      fiscal: { provincial: 100000 },
      self: 200000,
      startOn: "2025-05-01",
      endOn: "2026-04-30",
      year: 2025,
      steps: [
        ["储备", "2025-01-08"],
        ["推荐申报", "2025-02-10"],
        ["立项", "2025-04-18"],
        ["实施中", "2025-05-01"],
        ["申请验收", "2026-04-28"],
        ["通过验收", "2026-05-26"],
      ],
      acceptance: { on: "2026-05-26", task: "通过", finance: "通过" },
    }),
  ),
  {
    name: "一种对制浆造纸产生的白泥回收利用的工艺专利实施项目",
    level: "省",
    programme: "patent",
    undertaker: HUIFENG,
    approvalNo: "2025ZL0027",
    fiscal: { provincial: 100000 },
    self: 150000,
    startOn: "2025-09-01",
    endOn: "2026-12-31",
    year: 2025,
    steps: [
      ["储备", "2025-03-02"],
      ["推荐申报", "2025-04-10"],
      ["立项", "2025-08-15"],
      ["实施中", "2025-09-01"],
      ["中期检查", "2026-06-18"],
    ],
    midterm: { on: "2026-06-18", result: "完成" },
  },
  {
    name: "一种恒液面涂胶系统专利组合实施项目",
    level: "省",
    programme: "patent",
    undertaker: CARBON,
    approvalNo: "2026ZL0008",
    fiscal: { provincial: 100000 },
    self: 100000,
    startOn: "2026-05-01",
    endOn: "2027-04-30",
    year: 2026,
    steps: [
      ["储备", "2025-11-05"],
      ["推荐申报", "2026-01-15"],
      ["立项", "2026-04-10"],
      ["实施中", "2026-05-01"],
    ],
  },
  {
    name: "夹江县国家知识产权强县工程试点县推进项目",
    level: "省",
    programme: "patent",
    undertaker: "夹江县科学技术和知识产权局",
    approvalNo: "2026ZL0009",
    fiscal: { provincial: 100000 },
    self: 0,
    startOn: "2026-05-01",
    endOn: "2027-04-30",
    year: 2026,
    steps: [
      ["储备", "2025-11-05"],
      ["推荐申报", "2026-01-15"],
      ["立项", "2026-04-10"],
      ["实施中", "2026-05-01"],
    ],
  },
  {
    name: "高性能铝合金型材挤压工艺优化",
    level: "省",
    programme: "key_rd",
    undertaker: "四川铭帝铝业有限公司",
    fiscal: {},
    self: 800000,
    startOn: "2026-07-01",
    endOn: "2028-06-30",
    year: 2026,
    steps: [
      ["储备", "2026-01-10"],
      ["推荐申报", "2026-03-25"],
    ],
  },
  ...[
    ["四川金辉卫浴有限公司", "节水型智能卫浴产品研发", ["立项", "2026-06-15"]],
    ["夹江县天农农资有限公司", "测土配方智能配肥服务示范", ["未立项", "2026-06-15"]],
    ["四川仟佛科技有限公司", "县域科技资源共享服务平台建设", null],
  ].map(
    ([who, name, end]): DemoProject => ({
      name: String(name),
      level: "市",
      programme: "support",
      undertaker: String(who),
      fiscal: end && end[0] === "立项" ? { city: 50000 } : {},
      self: 100000,
      startOn: "2026-07-01",
      endOn: "2027-06-30",
      year: 2026,
      steps: [
        ["储备", "2026-01-10"],
        ["推荐申报", "2026-03-10"],
        ...((Array.isArray(end) ? [end] : []) as [string, string][]),
      ],
    }),
  ),
];

/** 县级重点科技计划 topics: the first 14 are carried over into 2026, the rest new in 2026. */
export const COUNTY_TOPICS = [
  "夹江手工书画纸传统工艺保护与创新",
  "茶叶清洁化连续加工技术示范",
  "陶瓷砖低温快烧节能技术研究",
  "建筑陶瓷废渣资源化利用",
  "碳纤维复合材料构件成型工艺改进",
  "水工机械焊接机器人应用",
  "高清洁柴油生产工艺优化",
  "优质晚熟柑橘标准化栽培示范",
  "石斛选育及仿野生栽培技术研究",
  "生猪健康养殖与粪污资源化利用",
  "铝型材表面处理废水循环利用",
  "竹浆纸节能蒸煮工艺研究",
  "茶园病虫害绿色防控技术示范",
  "农村电商冷链配送技术集成",
  "釉面砖数码喷墨装饰技术应用",
  "陶瓷窑炉余热回收利用",
  "书画纸防蛀防潮处理技术",
  "名优绿茶机械化采摘技术示范",
  "水稻-油菜轮作高效栽培技术",
  "食用菌工厂化栽培技术示范",
  "特色果蔬保鲜贮运技术研究",
  "中药材川芎规范化种植",
  "茶叶精深加工产品开发",
  "陶瓷大板干法制粉技术研究",
  "智能立体仓储系统研发",
  "起重设备远程监测系统开发",
  "农村生活污水生态处理技术",
  "高效节水灌溉技术示范",
  "特种纸功能涂层技术研究",
  "蜂产品质量安全控制技术",
  "林下中药材种植模式示范",
  "电动工具电机能效提升",
  "再生铝熔炼烟气净化技术",
  "智慧农业物联网监测示范",
];
