import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface PdfWord {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

export interface RenderedPdf {
  dir: string;
  pdf: string;
  info: string;
  /** `pdftotext -layout` text of each page. */
  pages: string[];
  words: PdfWord[];
  cleanup(): Promise<void>;
}

export const MM = 72 / 25.4;

/** Converts a DOCX with LibreOffice (own profile dir) and reads it back with poppler. */
export async function docxToPdf(docx: Buffer): Promise<RenderedPdf> {
  const dir = await mkdtemp(join(tmpdir(), "keguan-docx-"));
  const src = join(dir, "report.docx");
  await writeFile(src, docx);
  await run(
    "libreoffice",
    [
      `-env:UserInstallation=file://${dir}/lo-profile`,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      dir,
      src,
    ],
    { timeout: 60_000 },
  );
  const pdf = join(dir, "report.pdf");
  const info = (await run("pdfinfo", [pdf])).stdout;
  const count = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
  const pages: string[] = [];
  for (let p = 1; p <= count; p++)
    pages.push(
      (await run("pdftotext", ["-layout", "-f", String(p), "-l", String(p), pdf, "-"])).stdout,
    );
  await run("pdftotext", ["-bbox", pdf, join(dir, "bbox.html")]);
  const html = await readFile(join(dir, "bbox.html"), "utf8");
  const words: PdfWord[] = [];
  html
    .split(/<page /)
    .slice(1)
    .forEach((chunk, i) => {
      const re =
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
      for (let m = re.exec(chunk); m; m = re.exec(chunk)) {
        words.push({
          page: i + 1,
          xMin: Number(m[1]),
          yMin: Number(m[2]),
          xMax: Number(m[3]),
          yMax: Number(m[4]),
          text: m[5] ?? "",
        });
      }
    });
  return { dir, pdf, info, pages, words, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Distinct text lines of the given words (baselines closer than 4 pt are one line). */
export function lineCount(words: readonly PdfWord[]): number {
  const ys = [...new Set(words.map((w) => Math.round(w.yMax)))].sort((a, b) => a - b);
  let lines = 0;
  let last = Number.NEGATIVE_INFINITY;
  for (const y of ys) {
    if (y - last > 4) lines++;
    last = y;
  }
  return lines;
}
