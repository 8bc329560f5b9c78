import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  type Table,
  TextRun,
} from "docx";
import { formatDateCn } from "../../core/metrics/format.ts";
import type { ReportDocument } from "../../core/report/model.ts";
import { numberHeadings } from "../../core/report/numbering.ts";
import {
  BODY_PT,
  type DocxLayoutOptions,
  PAGE_NUMBER_PT,
  type ResolvedLayout,
  resolveLayout,
} from "./layout.ts";
import {
  addresseeParagraph,
  blankLine,
  fontOf,
  renderBlock,
  signatureParagraphs,
  titleParagraph,
} from "./paragraphs.ts";

export interface DocxOptions extends DocxLayoutOptions {
  /** Blank lines between the body and the signature. */
  signatureGapLines?: number;
}

/** "— 1 —" in 4号 宋体: odd pages right with one character in, even pages left. */
function pageNumberFooter(layout: ResolvedLayout, side: "odd" | "even"): Footer {
  const oneChar = PAGE_NUMBER_PT * 20;
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === "odd" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === "odd" ? { right: oneChar } : { left: oneChar },
        spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
        children: [
          new TextRun({
            children: ["— ", PageNumber.CURRENT, " —"],
            font: fontOf(layout, layout.fonts.pageNumber),
            size: PAGE_NUMBER_PT * 2,
            snapToGrid: false,
          }),
        ],
      }),
    ],
  });
}

/** The document body: title, 主送, blocks with derived heading numbers, signature. */
function bodyChildren(
  doc: ReportDocument,
  layout: ResolvedLayout,
  opts: DocxOptions,
): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [titleParagraph(layout, doc.title), blankLine(layout)];
  if (doc.addressee) out.push(addresseeParagraph(layout, doc.addressee));
  const prefixes = numberHeadings(doc.blocks);
  doc.blocks.forEach((block, i) => {
    out.push(...renderBlock(layout, block, prefixes.get(i)));
  });
  if (doc.signature) {
    for (let i = 0; i < (opts.signatureGapLines ?? 2); i++) out.push(blankLine(layout));
    out.push(...signatureParagraphs(layout, doc.signature.unit, formatDateCn(doc.signature.date)));
  }
  return out;
}

/** Builds the docx object model of a report laid out per GB/T 9704-2012. */
export function buildDocx(doc: ReportDocument, opts: DocxOptions = {}): Document {
  const layout = resolveLayout(opts);
  return new Document({
    title: doc.title,
    creator: doc.signature?.unit ?? "科管",
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: {
            font: fontOf(layout, layout.fonts.body),
            size: BODY_PT * 2,
            language: { value: "zh-CN", eastAsia: "zh-CN" },
          },
          paragraph: {
            spacing: { line: layout.lineTwips, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
          },
        },
      },
      // LibreOffice sizes the character grid from the Normal style, not from docDefaults.
      paragraphStyles: [
        {
          id: "Normal",
          name: "Normal",
          run: { font: fontOf(layout, layout.fonts.body), size: BODY_PT * 2 },
        },
      ],
    },
    sections: [
      {
        properties: {
          page: { size: layout.page, margin: layout.margin },
          grid: {
            type: layout.gridType,
            linePitch: layout.lineTwips,
            charSpace: layout.charSpace,
          },
        },
        footers: {
          default: pageNumberFooter(layout, "odd"),
          even: pageNumberFooter(layout, "even"),
        },
        children: bodyChildren(doc, layout, opts),
      },
    ],
  });
}

/** The report as a .docx file. */
export async function renderDocx(doc: ReportDocument, opts: DocxOptions = {}): Promise<Buffer> {
  return Packer.toBuffer(buildDocx(doc, opts));
}
