import { type Run, runsText } from "../model.ts";
import type { ChatMessage } from "./client.ts";
import { isFact } from "./locate.ts";

export const SYSTEM_PROMPT = [
  "你是政府机关的公文写作助手。你的任务是润色一份政府机关工作总结中的一个段落，使其符合公文语体：用语规范、准确、简洁、庄重。",
  "要求：",
  "1. 不得增加、删除或改动任何数字、名称、日期和事实；",
  "2. 每个数字都必须与原文完全一致地保留（包括单位、小数位和百分号），不得换算、取整，也不得改写为汉字；",
  "3. 单位、企业、项目等名称必须逐字保留；",
  "4. 不得添加原文没有的内容、评价或数据，篇幅与原文相当；",
  "5. 只输出润色后的段落正文，不要标题、说明、引号或其他任何内容。",
].join("\n");

const LABEL = { number: "数据", name: "名称", date: "日期" } as const;

/** The facts the model is told to keep are the ones the acceptance check then requires. */
export function polishMessages(runs: readonly Run[]): ChatMessage[] {
  const facts = runs.filter(isFact).map((r) => `- ${LABEL[r.t]}：${r.text}`);
  const user = [
    "请润色下面这段文字：",
    runsText(runs),
    "",
    facts.length > 0
      ? `必须原样保留的事实（原文中的其他数字，如年份、月份，也须原样保留）：\n${facts.join("\n")}`
      : "原文中的数字（如年份、月份）须原样保留。",
  ].join("\n");
  return [
    { role: "system", content: SYSTEM_PROMPT },
    { role: "user", content: user },
  ];
}
