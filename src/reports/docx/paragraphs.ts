import {
  AlignmentType,
  BorderStyle,
  type IRunOptions,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import type {
  Block,
  HeadingLevel,
  TableCell as ModelCell,
  Run,
  TableBlock,
} from "../../core/report/model.ts";
import { runsText } from "../../core/report/model.ts";
import { BODY_PT, charWidth, type ResolvedLayout, TITLE_PT } from "./layout.ts";

/*
 * Model blocks to docx paragraphs and tables. Every run names its fonts explicitly (ascii,
 * hAnsi, eastAsia, cs): Word and WPS otherwise fall back to theme fonts and print 宋体 or
 * 等线 where 仿宋 was meant. Number runs are plain text here; their trace stays in the model.
 */

export function fontOf(layout: ResolvedLayout, cjk: string): NonNullable<IRunOptions["font"]> {
  const latin = layout.fonts.latin ?? cjk;
  return { ascii: latin, hAnsi: latin, eastAsia: cjk, cs: latin };
}

export function textRun(
  layout: ResolvedLayout,
  text: string,
  cjk: string,
  pt: number,
  bold = false,
  grid = true,
): TextRun {
  return new TextRun({
    text,
    font: fontOf(layout, cjk),
    size: pt * 2,
    bold,
    ...(pt === BODY_PT && grid ? { characterSpacing: layout.condenseTwips } : {}),
    ...(grid ? {} : { snapToGrid: false }),
  });
}

/** Fixed spacing: exactly one grid line per line of text, nothing before or after. */
function fixed(layout: ResolvedLayout) {
  return { line: layout.lineTwips, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
}

/** Two-character first-line indent: in grid characters for Word/WPS, in twips for others. */
function indented(layout: ResolvedLayout) {
  return { firstLine: layout.charTwips * 2, firstLineChars: 200 };
}

export function bodyParagraph(
  layout: ResolvedLayout,
  text: string | Run[],
  cjk?: string,
): Paragraph {
  const font = cjk ?? layout.fonts.body;
  const runs = typeof text === "string" ? [text] : text.map((r) => r.text);
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: fixed(layout),
    indent: indented(layout),
    // 公文 pages hold a full 22 lines; widow control would leave some at 21.
    widowControl: false,
    children: runs.map((t) => textRun(layout, t, font, BODY_PT)),
  });
}

export function titleParagraph(layout: ResolvedLayout, title: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: fixed(layout),
    children: [textRun(layout, title, layout.fonts.title, TITLE_PT)],
  });
}

export function blankLine(layout: ResolvedLayout): Paragraph {
  return new Paragraph({
    spacing: fixed(layout),
    children: [textRun(layout, "", layout.fonts.body, BODY_PT)],
  });
}

/** 主送机关: flush left, with a full-width colon. */
export function addresseeParagraph(layout: ResolvedLayout, addressee: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.LEFT,
    spacing: fixed(layout),
    children: [textRun(layout, `${addressee}：`, layout.fonts.body, BODY_PT)],
  });
}

/** A right-aligned line of the signature, `rightChars` grid characters from the margin. */
export function rightLine(layout: ResolvedLayout, text: string, rightChars: number): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.RIGHT,
    spacing: fixed(layout),
    indent: { right: Math.round(rightChars * layout.charTwips) },
    children: [textRun(layout, text, layout.fonts.body, BODY_PT)],
  });
}

/**
 * GB/T 9704 7.3.5.2 (no seal): the unit 右空二字, the date on the next line starting two
 * characters further right; a unit shorter than that pushes the date to 右空二字 instead.
 */
export function signatureParagraphs(
  layout: ResolvedLayout,
  unit: string,
  date: string,
): Paragraph[] {
  const uw = charWidth(unit);
  const dw = charWidth(date);
  let unitRight = 2;
  let dateRight = uw - 2 - dw + 2;
  if (dateRight < 2) {
    dateRight = 2;
    unitRight = dateRight + dw + 2 - uw;
  }
  return [rightLine(layout, unit, unitRight), rightLine(layout, date, dateRight)];
}

function headingFont(layout: ResolvedLayout, level: HeadingLevel): string {
  if (level === 1) return layout.fonts.heading1;
  if (level === 2) return layout.fonts.heading2;
  return layout.fonts.body;
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "000000" };

/** Table text: 仿宋 in a smaller size, single line spacing, off the character grid. */
function cellParagraph(
  layout: ResolvedLayout,
  text: string,
  bold: boolean,
  align?: ModelCell["align"],
): Paragraph {
  const alignment =
    align === "right"
      ? AlignmentType.RIGHT
      : align === "left"
        ? AlignmentType.LEFT
        : AlignmentType.CENTER;
  return new Paragraph({
    alignment,
    spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
    children: [textRun(layout, text, layout.fonts.body, layout.tableFontPt, bold, false)],
  });
}

function row(layout: ResolvedLayout, cells: ModelCell[], header: boolean): TableRow {
  return new TableRow({
    tableHeader: header,
    cantSplit: true,
    children: cells.map(
      (c) =>
        new TableCell({
          columnSpan: c.colSpan,
          rowSpan: c.rowSpan,
          margins: { left: 80, right: 80, top: 40, bottom: 40 },
          verticalAlign: VerticalAlign.CENTER,
          children: [cellParagraph(layout, runsText(c.runs), header, c.align)],
        }),
    ),
  });
}

function captionParagraph(layout: ResolvedLayout, text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: true,
    spacing: fixed(layout),
    children: [textRun(layout, text, layout.fonts.body, BODY_PT, true)],
  });
}

function tableBlock(layout: ResolvedLayout, block: TableBlock): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  if (block.caption) out.push(captionParagraph(layout, runsText(block.caption)));
  if (block.unitNote) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        keepNext: true,
        spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 60 },
        children: [
          textRun(layout, block.unitNote, layout.fonts.body, layout.tableFontPt, false, false),
        ],
      }),
    );
  }
  out.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: {
        top: BORDER,
        bottom: BORDER,
        left: BORDER,
        right: BORDER,
        insideHorizontal: BORDER,
        insideVertical: BORDER,
      },
      rows: [
        ...block.header.map((r) => row(layout, r, true)),
        ...block.body.map((r) => row(layout, r, false)),
      ],
    }),
  );
  return out;
}

/** Renders one block; `prefix` is its heading number from numbering.ts. */
export function renderBlock(
  layout: ResolvedLayout,
  block: Block,
  prefix?: string,
): (Paragraph | Table)[] {
  switch (block.type) {
    case "heading":
      return [
        bodyParagraph(
          layout,
          `${prefix ?? ""}${runsText(block.runs)}`,
          headingFont(layout, block.level),
        ),
      ];
    case "paragraph":
      return [bodyParagraph(layout, block.runs)];
    case "list":
      return block.items.map((runs, i) =>
        bodyParagraph(layout, block.ordered ? `${i + 1}.${runsText(runs)}` : runsText(runs)),
      );
    case "table":
      return tableBlock(layout, block);
    case "chart":
      // Charts print as their data table: the figures stay on paper without an image renderer.
      return tableBlock(layout, {
        type: "table",
        key: block.key,
        caption: block.title ? [{ t: "text", text: block.title }] : undefined,
        header: [
          [
            { runs: [] },
            ...block.series.map((s) => ({ runs: [{ t: "text" as const, text: s.name }] })),
          ],
        ],
        body: block.categories.map((cat, i) => [
          { runs: [{ t: "text" as const, text: cat }], align: "left" as const },
          ...block.series.map((s) => ({
            runs: [{ t: "text" as const, text: s.values[i]?.text ?? "" }],
          })),
        ]),
      });
  }
}
