import { Tooltip } from "antd";
import { createContext, useContext } from "react";
import { Link } from "react-router";
import type { MetricInfo } from "./api.ts";
import type { Run, Scope } from "./model.ts";

/** Metric definitions by id, for the hover text of figures. */
export const MetricCatalog = createContext<Map<string, MetricInfo>>(new Map());

/** Where a named record opens. */
const RECORD_PAGES: Record<string, string> = {
  enterprise: "/enterprises",
  project: "/projects",
};

const span = (s: Scope) => `${s.regionName}，${s.from} 至 ${s.to}`;

function NumberRunView({ run }: { run: Extract<Run, { t: "number" }> }) {
  const catalog = useContext(MetricCatalog);
  const def = catalog.get(run.metric);
  const title = (
    <div style={{ fontSize: 12, lineHeight: 1.6 }}>
      <div>
        <b>数据来源：</b>
        {def?.label ?? run.metric}
        {run.base ? "（同比）" : ""}
      </div>
      <div>
        <b>范围：</b>
        {span(run.scope)}
      </div>
      {run.base && (
        <div>
          <b>对比：</b>
          {span(run.base)}
        </div>
      )}
      {def?.description && (
        <div>
          <b>口径：</b>
          {def.description}
        </div>
      )}
      <div style={{ opacity: 0.7 }}>指标编号 {run.metric}</div>
    </div>
  );
  return (
    <Tooltip title={title}>
      <span className="kg-report-num" data-metric={run.metric}>
        {run.text}
      </span>
    </Tooltip>
  );
}

export function RunsView({ runs }: { runs: readonly Run[] }) {
  return (
    <>
      {runs.map((run, i) => {
        const key = `${i}`;
        switch (run.t) {
          case "text":
            return <span key={key}>{run.text}</span>;
          case "number":
            return <NumberRunView key={key} run={run} />;
          case "name": {
            const page = RECORD_PAGES[run.ref.entity];
            return page ? (
              <Link key={key} to={`${page}/${run.ref.id}`} className="kg-report-name">
                {run.text}
              </Link>
            ) : (
              <span key={key}>{run.text}</span>
            );
          }
          case "date":
            return <span key={key}>{run.text}</span>;
        }
        return null;
      })}
    </>
  );
}
