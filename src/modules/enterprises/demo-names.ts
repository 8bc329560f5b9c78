/**
 * Demo enterprise names for 夹江县: the ones the 2016 summary (shared/seeds/001) names, and
 * generated ones per local industry. Fiction apart from the named ones.
 */
export interface DemoFirm {
  name: string;
  industry: string;
  /** Key of the industry profile used for figures. */
  profile: Profile;
  town?: string;
}

export type Profile =
  | "ceramic"
  | "machinery"
  | "carbon"
  | "aluminium"
  | "paper"
  | "tea"
  | "agri"
  | "service";

export const NAMED_FIRMS: DemoFirm[] = [
  { name: "乐山凯亚达光电科技有限公司", industry: "C", profile: "machinery", town: "漹城街道" },
  { name: "夹江汇丰纸业有限公司", industry: "C", profile: "paper", town: "甘江镇" },
  { name: "四川铭帝铝业有限公司", industry: "C", profile: "aluminium", town: "甘江镇" },
  {
    name: "中国水电建设集团夹江水工机械有限公司",
    industry: "C",
    profile: "machinery",
    town: "漹城街道",
  },
  { name: "新万兴碳纤维复合材料有限公司", industry: "C", profile: "carbon", town: "甘江镇" },
  { name: "四川明珠陶瓷有限公司", industry: "C", profile: "ceramic", town: "黄土镇" },
  { name: "四川金辉卫浴有限公司", industry: "C", profile: "ceramic", town: "黄土镇" },
  { name: "夹江县天农农资有限公司", industry: "F", profile: "service", town: "漹城街道" },
  { name: "四川仟佛科技有限公司", industry: "M", profile: "service", town: "漹城街道" },
  { name: "夹江川农化工有限公司", industry: "C", profile: "machinery", town: "界牌镇" },
];

const WORDS = [
  "华兴",
  "建辉",
  "金恒",
  "新中源",
  "广宇",
  "恒达",
  "嘉陶",
  "雅丽",
  "天盛",
  "宏宇",
  "瑞丰",
  "卓越",
  "金科",
  "鑫源",
  "福兴",
  "永泰",
  "兴业",
  "顺达",
  "博瑞",
  "瑞通",
  "天一",
  "鼎盛",
  "豪盛",
  "国邦",
  "新锐",
  "汇通",
  "万和",
  "锦华",
  "佳和",
  "正泰",
  "聚力",
  "恒丰",
  "盛世",
  "巨星",
  "长城",
  "新峨",
  "青衣",
  "平川",
  "千佛",
  "东风",
  "迎江",
  "天福",
  "九龙",
  "兴隆",
  "宏达",
  "安泰",
  "富民",
  "信达",
  "宝丰",
  "利民",
];

const PROFILES: {
  profile: Profile;
  industry: string;
  count: number;
  names: (w: string) => string;
}[] = [
  { profile: "ceramic", industry: "C", count: 72, names: (w) => `夹江${w}陶瓷有限公司` },
  { profile: "machinery", industry: "C", count: 24, names: (w) => `夹江县${w}机械制造有限公司` },
  { profile: "carbon", industry: "C", count: 8, names: (w) => `四川${w}新材料科技有限公司` },
  { profile: "aluminium", industry: "C", count: 8, names: (w) => `夹江${w}铝业有限公司` },
  { profile: "paper", industry: "C", count: 14, names: (w) => `夹江县${w}纸业有限责任公司` },
  { profile: "tea", industry: "C", count: 22, names: (w) => `夹江县${w}茶业有限公司` },
  { profile: "agri", industry: "A", count: 24, names: (w) => `夹江${w}农业开发有限公司` },
  { profile: "service", industry: "M", count: 14, names: (w) => `乐山${w}科技服务有限公司` },
];

/** Every demo firm: the named ones, then generated names in a fixed order. */
export function demoFirms(): DemoFirm[] {
  const out = [...NAMED_FIRMS];
  for (const p of PROFILES) {
    for (let i = 0; i < p.count; i++) {
      // Past the word list, a second round gets "新" so names stay unique.
      const w = `${WORDS[i % WORDS.length] ?? ""}${i >= WORDS.length ? "新" : ""}`;
      const name = p.names(w);
      out.push({ name, industry: p.industry, profile: p.profile });
    }
  }
  return out;
}
