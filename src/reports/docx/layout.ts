/*
 * GB/T 9704-2012 page layout for the DOCX renderer: A4, a 156 × 225 mm text block, 22 lines
 * of 28 characters in 3号 仿宋. Everything a bureau may want to change (margins, font names)
 * lives in one options object; the grid numbers are derived from it so they always agree.
 */

export interface DocxFonts {
  /** Body text, 1. and （1） headings: 仿宋_GB2312 on most office PCs, 仿宋 on newer ones. */
  body: string;
  /** Title (2号). */
  title: string;
  /** 一、 headings. */
  heading1: string;
  /** （一） headings. */
  heading2: string;
  /** Page numbers (4号 半角宋体). */
  pageNumber: string;
  /** Latin letters and digits; defaults to the run's CJK font. */
  latin?: string;
}

export interface DocxLayoutOptions {
  /** Margins in millimetres; GB/T 9704: top 37, bottom 35, left 28, right 26. */
  marginsMm?: Partial<{ top: number; bottom: number; left: number; right: number }>;
  /** Distance of the footer from the page bottom, mm (the number sits ~7 mm under the text). */
  footerMm?: number;
  linesPerPage?: number;
  charsPerLine?: number;
  fonts?: Partial<DocxFonts>;
  /** Table text size in points (tables keep normal line spacing). */
  tableFontPt?: number;
  /**
   * docGrid type. "lines" (default) pins 22 lines a page and leaves 28 characters a line to
   * the condensed character spacing, which Word, WPS and LibreOffice all honour.
   * "linesAndChars" adds Word's character grid (charSpace); LibreOffice lays that grid out
   * unevenly (some lines 14 characters, some 28), so it is opt-in.
   */
  gridType?: "lines" | "linesAndChars";
}

export const DEFAULT_FONTS: DocxFonts = {
  body: "仿宋_GB2312",
  title: "方正小标宋简体",
  heading1: "黑体",
  heading2: "楷体_GB2312",
  pageNumber: "宋体",
};

/** 3号, 2号, 4号 in points. */
export const BODY_PT = 16;
export const TITLE_PT = 22;
export const PAGE_NUMBER_PT = 14;

const A4_MM = { width: 210, height: 297 };
const PT_PER_MM = 72 / 25.4;

export interface ResolvedLayout {
  fonts: DocxFonts;
  /** Page size and margins in twips (1/20 pt). */
  page: { width: number; height: number };
  margin: {
    top: number;
    bottom: number;
    left: number;
    right: number;
    header: number;
    footer: number;
  };
  /** Fixed line height of body text, twips (225 mm / 22 = 28.99 pt, rounded down to 579). */
  lineTwips: number;
  /** Character pitch, twips (156 mm / 28 = 15.79 pt). */
  charTwips: number;
  /** docGrid charSpace: (pitch − 16 pt) × 4096, rounded so 28 characters still fit. */
  charSpace: number;
  /**
   * Run character spacing (negative: condensed) so a 3号 character is no wider than the grid
   * pitch: Word lays 28 per line from the grid alone, LibreOffice gives a character wider
   * than its cell two cells, and with this both print 28.
   */
  condenseTwips: number;
  tableFontPt: number;
  gridType: "lines" | "linesAndChars";
}

const twips = (mm: number): number => Math.round(mm * PT_PER_MM * 20);

export function resolveLayout(opts: DocxLayoutOptions = {}): ResolvedLayout {
  const m = { top: 37, bottom: 35, left: 28, right: 26, ...opts.marginsMm };
  const lines = opts.linesPerPage ?? 22;
  const chars = opts.charsPerLine ?? 28;
  const blockHeightPt = (A4_MM.height - m.top - m.bottom) * PT_PER_MM;
  const blockWidthPt = (A4_MM.width - m.left - m.right) * PT_PER_MM;
  // Rounded down: 22 lines of 29 pt would overflow the 637.8 pt block and leave 21.
  const lineTwips = Math.floor((blockHeightPt / lines) * 20);
  const pitchPt = blockWidthPt / chars;
  return {
    fonts: { ...DEFAULT_FONTS, ...opts.fonts },
    page: { width: twips(A4_MM.width), height: twips(A4_MM.height) },
    margin: {
      top: twips(m.top),
      bottom: twips(m.bottom),
      left: twips(m.left),
      right: twips(m.right),
      header: twips(15),
      footer: twips(opts.footerMm ?? Math.max(5, m.bottom - 7 - 6)),
    },
    lineTwips,
    charTwips: Math.floor(pitchPt * 20),
    charSpace: Math.floor((pitchPt - BODY_PT) * 4096),
    condenseTwips: Math.min(0, Math.floor((pitchPt - BODY_PT) * 20) - 1),
    tableFontPt: opts.tableFontPt ?? 12,
    gridType: opts.gridType ?? "lines",
  };
}

/** Display width in characters: CJK and full-width forms count 1, ASCII half. */
export function charWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) < 0x2e80 ? 0.5 : 1;
  return w;
}
