import { formatDateCn } from "../metrics/format.ts";
import type { MetricRegistry } from "../metrics/registry.ts";
import type { Block, ReportDocument, Run, TableCell } from "./model.ts";
import { numberHeadings } from "./numbering.ts";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for element content and quoted attributes alike. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export interface HtmlOptions {
  /** Used for the hover text of figures ("指标：专利申请量"); falls back to the metric id. */
  registry?: MetricRegistry;
}

const STYLE = {
  doc: "font-family:'FangSong','仿宋',serif;font-size:16pt;line-height:1.8;max-width:42em;margin:0 auto",
  title: "font-size:22pt;text-align:center;font-weight:normal;margin:0 0 1em",
  para: "text-indent:2em;margin:0",
  heading: ["font-family:'SimHei','黑体',sans-serif", "font-family:'KaiTi','楷体',serif", "", ""],
  table: "border-collapse:collapse;margin:0.5em auto;font-size:12pt;line-height:1.4",
  cell: "border:1px solid #000;padding:2px 6px",
  signature: "text-align:right;margin:2em 2em 0 0",
};

function metricLabel(id: string, opts: HtmlOptions): string {
  return opts.registry?.hasMetric(id) ? opts.registry.getMetric(id).label : id;
}

function renderRun(run: Run, opts: HtmlOptions): string {
  switch (run.t) {
    case "text":
      return escapeHtml(run.text);
    case "number": {
      const s = run.scope;
      const base = run.base ? `；对比：${run.base.from}—${run.base.to}` : "";
      const title = `指标：${metricLabel(run.metric, opts)}${run.base ? "同比" : ""}；范围：${s.regionName} ${s.from}—${s.to}${base}`;
      return `<span class="kg-num" data-metric="${escapeHtml(run.metric)}" title="${escapeHtml(title)}">${escapeHtml(run.text)}</span>`;
    }
    case "name":
      return `<span class="kg-name" data-entity="${escapeHtml(run.ref.entity)}" data-id="${escapeHtml(String(run.ref.id))}">${escapeHtml(run.text)}</span>`;
    case "date":
      return `<span class="kg-date" data-date="${escapeHtml(run.date)}">${escapeHtml(run.text)}</span>`;
  }
}

function renderRuns(runs: readonly Run[], opts: HtmlOptions): string {
  return runs.map((r) => renderRun(r, opts)).join("");
}

function renderCell(tag: "th" | "td", cell: TableCell, opts: HtmlOptions): string {
  const attrs = [
    cell.colSpan && cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : "",
    cell.rowSpan && cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : "",
  ].join("");
  const align = cell.align ? `;text-align:${cell.align}` : "";
  return `<${tag}${attrs} style="${STYLE.cell}${align}">${renderRuns(cell.runs, opts)}</${tag}>`;
}

function renderBlock(block: Block, prefix: string | undefined, opts: HtmlOptions): string {
  const key = escapeHtml(block.key);
  switch (block.type) {
    case "heading": {
      const style = `${STYLE.para};${STYLE.heading[block.level - 1] ?? ""}`;
      const tag = `h${block.level + 1}`;
      return `<${tag} class="kg-h${block.level}" data-key="${key}" style="${style};font-size:16pt;font-weight:normal">${escapeHtml(prefix ?? "")}${renderRuns(block.runs, opts)}</${tag}>`;
    }
    case "paragraph":
      return `<p data-key="${key}" style="${STYLE.para}">${renderRuns(block.runs, opts)}</p>`;
    case "list": {
      const tag = block.ordered ? "ol" : "ul";
      const items = block.items.map((runs) => `<li>${renderRuns(runs, opts)}</li>`).join("");
      return `<${tag} data-key="${key}">${items}</${tag}>`;
    }
    case "table": {
      const caption = block.caption ? `<caption>${renderRuns(block.caption, opts)}</caption>` : "";
      const note = block.unitNote
        ? `<div style="text-align:right;font-size:12pt">${escapeHtml(block.unitNote)}</div>`
        : "";
      const head = block.header
        .map((row) => `<tr>${row.map((c) => renderCell("th", c, opts)).join("")}</tr>`)
        .join("");
      const body = block.body
        .map((row) => `<tr>${row.map((c) => renderCell("td", c, opts)).join("")}</tr>`)
        .join("");
      return `<div data-key="${key}">${note}<table style="${STYLE.table}">${caption}<thead>${head}</thead><tbody>${body}</tbody></table></div>`;
    }
    case "chart": {
      // Charts are drawn by the web client from the spec and data; the preview keeps the data.
      const data = escapeHtml(
        JSON.stringify({
          categories: block.categories,
          series: block.series.map((s) => ({ name: s.name, values: s.values.map((v) => v.value) })),
        }),
      );
      const title = block.title ? `<figcaption>${escapeHtml(block.title)}</figcaption>` : "";
      return `<figure class="kg-chart" data-key="${key}" data-spec="${escapeHtml(block.spec)}" data-chart="${data}">${title}</figure>`;
    }
  }
}

/** Renders a document to an HTML fragment for the preview pane. All text is escaped. */
export function renderHtml(doc: ReportDocument, opts: HtmlOptions = {}): string {
  const prefixes = numberHeadings(doc.blocks);
  const parts = [`<h1 style="${STYLE.title}">${escapeHtml(doc.title)}</h1>`];
  if (doc.addressee)
    parts.push(`<p class="kg-addressee" style="margin:0">${escapeHtml(doc.addressee)}：</p>`);
  doc.blocks.forEach((b, i) => {
    parts.push(renderBlock(b, prefixes.get(i), opts));
  });
  if (doc.signature) {
    parts.push(
      `<div class="kg-signature" style="${STYLE.signature}"><div>${escapeHtml(doc.signature.unit)}</div><div>${escapeHtml(formatDateCn(doc.signature.date))}</div></div>`,
    );
  }
  return `<article class="kg-report" style="${STYLE.doc}">${parts.join("")}</article>`;
}
