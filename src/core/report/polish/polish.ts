import { AppError } from "../../errors.ts";
import { type ParagraphBlock, type ReportDocument, runsText } from "../model.ts";
import { judgeRewrite } from "./accept.ts";
import { chatComplete } from "./client.ts";
import { polishMessages } from "./prompt.ts";
import type { PolishSettings } from "./settings.ts";

export interface PolishOutcome {
  accepted: boolean;
  reasons: string[];
  /** What the service proposed (null when it gave nothing usable). */
  suggestion: string | null;
  /** The polished paragraph with its traced runs, when accepted. */
  block: ParagraphBlock | null;
  original: ParagraphBlock;
}

/** Asks the service for a rewrite of one paragraph and keeps it only if it passes the check. */
export async function polishParagraph(
  settings: PolishSettings,
  original: ParagraphBlock,
): Promise<PolishOutcome> {
  const refused = (reasons: string[], suggestion: string | null = null): PolishOutcome => ({
    accepted: false,
    reasons,
    suggestion,
    block: null,
    original,
  });
  if (runsText(original.runs).trim() === "") return refused(["本段没有文字，无需润色"]);
  const reply = await chatComplete(settings, polishMessages(original.runs));
  if (!reply.ok) return refused([reply.message]);
  const verdict = judgeRewrite(original.runs, reply.content);
  if (!verdict.accepted || !verdict.runs) return refused(verdict.reasons, verdict.text || null);
  return {
    accepted: true,
    reasons: [],
    suggestion: verdict.text,
    block: { ...original, runs: verdict.runs },
    original,
  };
}

/** Polishes the paragraph with this key in a stored document. */
export async function polishDocumentBlock(
  settings: PolishSettings,
  doc: ReportDocument,
  key: string,
): Promise<PolishOutcome> {
  const block = doc.blocks.find((b) => b.key === key);
  if (!block) throw new AppError("NOT_FOUND", { entity: "段落" });
  if (block.type !== "paragraph") {
    throw new AppError("VALIDATION", {
      fields: [{ field: "key", label: "段落", message: "只能润色正文段落" }],
    });
  }
  return polishParagraph(settings, block);
}
