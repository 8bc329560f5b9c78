import {
  DeleteOutlined,
  EditOutlined,
  FontSizeOutlined,
  HighlightOutlined,
  PlusOutlined,
  RollbackOutlined,
} from "@ant-design/icons";
import { Button, Popconfirm, Tag, Tooltip } from "antd";
import type { Block } from "./model.ts";
import { RunsView } from "./RunsView.tsx";

export type BlockStatus = "generated" | "edited" | "added";

interface BlockViewProps {
  block: Block;
  number?: string;
  status: BlockStatus;
  /** The block's key is listed in the last regenerate's changes. */
  flagged: boolean;
  editable: boolean;
  onEdit: () => void;
  onDelete: () => void;
  onInsert: (kind: "paragraph" | "heading") => void;
  onRevert?: () => void;
  /** Offered on paragraphs when the deployment has a polishing service. */
  onPolish?: () => void;
}

function Body({ block, number }: { block: Block; number?: string }) {
  switch (block.type) {
    case "heading":
      return (
        <div className={`kg-report-h${block.level}`}>
          {number}
          <RunsView runs={block.runs} />
        </div>
      );
    case "paragraph":
      return (
        <p className="kg-report-p">
          <RunsView runs={block.runs} />
        </p>
      );
    case "list":
      return (
        <div>
          {block.items.map((item, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows and cells are identified by position
            <p key={`${block.key}.${i}`} className="kg-report-p">
              {block.ordered ? `${i + 1}. ` : ""}
              <RunsView runs={item} />
            </p>
          ))}
        </div>
      );
    case "table":
      return (
        <div className="kg-report-table-wrap">
          {block.caption && (
            <div className="kg-report-caption">
              <RunsView runs={block.caption} />
            </div>
          )}
          {block.unitNote && <div className="kg-report-unit">{block.unitNote}</div>}
          <table className="kg-report-table">
            <thead>
              {block.header.map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows and cells are identified by position
                <tr key={`h${r}`}>
                  {row.map((c, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: rows and cells are identified by position
                    <th key={`h${r}.${i}`} colSpan={c.colSpan} rowSpan={c.rowSpan}>
                      <RunsView runs={c.runs} />
                    </th>
                  ))}
                </tr>
              ))}
            </thead>
            <tbody>
              {block.body.map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows and cells are identified by position
                <tr key={`b${r}`}>
                  {row.map((c, i) => (
                    <td
                      // biome-ignore lint/suspicious/noArrayIndexKey: rows and cells are identified by position
                      key={`b${r}.${i}`}
                      colSpan={c.colSpan}
                      rowSpan={c.rowSpan}
                      style={{ textAlign: c.align ?? "left" }}
                    >
                      <RunsView runs={c.runs} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case "chart":
      return <div className="kg-report-caption">〔图表：{block.title ?? block.spec}〕</div>;
  }
}

/** One block of the draft with its edit actions (shown on hover). */
export function BlockView(props: BlockViewProps) {
  const { block, status, flagged, editable } = props;
  const cls = ["kg-report-block", `kg-report-${status}`, flagged ? "kg-report-flagged" : ""];
  return (
    <div className={cls.join(" ")} data-key={block.key} id={`block-${block.key}`}>
      {status !== "generated" && (
        <Tag className="kg-report-tag" color={status === "added" ? "green" : "blue"}>
          {status === "added" ? "新增" : "已改写"}
        </Tag>
      )}
      <Body block={block} number={props.number} />
      {editable && (
        <div className="kg-report-actions">
          <Tooltip title="编辑">
            <Button size="small" icon={<EditOutlined />} onClick={props.onEdit} aria-label="编辑" />
          </Tooltip>
          <Tooltip title="在下方插入段落">
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => props.onInsert("paragraph")}
              aria-label="插入段落"
            />
          </Tooltip>
          <Tooltip title="在下方插入标题">
            <Button
              size="small"
              icon={<FontSizeOutlined />}
              onClick={() => props.onInsert("heading")}
              aria-label="插入标题"
            />
          </Tooltip>
          {props.onPolish && (
            <Tooltip title="润色文字（数据、名称、日期保持不变）">
              <Button
                size="small"
                icon={<HighlightOutlined />}
                onClick={props.onPolish}
                aria-label="润色"
              />
            </Tooltip>
          )}
          {props.onRevert && (
            <Tooltip title="恢复为系统生成的内容">
              <Button
                size="small"
                icon={<RollbackOutlined />}
                onClick={props.onRevert}
                aria-label="恢复生成内容"
              />
            </Tooltip>
          )}
          <Popconfirm
            title="删除这一段？"
            okText="删除"
            cancelText="取消"
            onConfirm={props.onDelete}
          >
            <Button size="small" danger icon={<DeleteOutlined />} aria-label="删除" />
          </Popconfirm>
        </div>
      )}
    </div>
  );
}
