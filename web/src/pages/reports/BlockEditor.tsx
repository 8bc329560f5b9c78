import { Button, Input, Select, Space } from "antd";
import { useState } from "react";
import { type Block, type Run, runsText } from "./model.ts";

interface BlockEditorProps {
  block: Block;
  onDone: (block: Block) => void;
  onCancel: () => void;
}

/** Text unchanged keeps the runs (and their traced figures); changed text becomes plain text. */
function retext<T extends { runs: Run[] }>(item: T, text: string): T {
  return runsText(item.runs) === text ? item : { ...item, runs: [{ t: "text", text }] };
}

/** Edits one block in place: paragraphs and headings as text, tables cell by cell. */
export function BlockEditor({ block, onDone, onCancel }: BlockEditorProps) {
  const [draft, setDraft] = useState<Block>(block);
  const buttons = (
    <Space style={{ marginTop: 8 }}>
      <Button type="primary" size="small" onClick={() => onDone(draft)}>
        确定
      </Button>
      <Button size="small" onClick={onCancel}>
        取消
      </Button>
    </Space>
  );

  if (draft.type === "paragraph" || draft.type === "heading") {
    return (
      <div className="kg-report-editing">
        {draft.type === "heading" && (
          <Select
            size="small"
            value={draft.level}
            style={{ width: 120, marginBottom: 8 }}
            onChange={(level) => setDraft({ ...draft, level })}
            options={[
              { value: 1, label: "一级标题 一、" },
              { value: 2, label: "二级标题 （一）" },
              { value: 3, label: "三级标题 1." },
              { value: 4, label: "四级标题 （1）" },
            ]}
          />
        )}
        <Input.TextArea
          autoFocus
          aria-label="段落内容"
          autoSize={{ minRows: draft.type === "heading" ? 1 : 3 }}
          value={runsText(draft.runs)}
          onChange={(e) => setDraft(retext(draft, e.target.value))}
        />
        {buttons}
      </div>
    );
  }

  if (draft.type === "list") {
    const text = draft.items.map(runsText).join("\n");
    return (
      <div className="kg-report-editing">
        <Input.TextArea
          autoFocus
          autoSize={{ minRows: 3 }}
          value={text}
          onChange={(e) =>
            setDraft({
              ...draft,
              items: e.target.value.split("\n").map((line, i) => {
                const old = draft.items[i];
                return old && runsText(old) === line ? old : [{ t: "text" as const, text: line }];
              }),
            })
          }
        />
        {buttons}
      </div>
    );
  }

  if (draft.type === "table") {
    const setCell = (part: "header" | "body", r: number, c: number, text: string) => {
      const rows = draft[part].map((row, ri) =>
        ri !== r ? row : row.map((cell, ci) => (ci !== c ? cell : retext(cell, text))),
      );
      setDraft({ ...draft, [part]: rows });
    };
    const grid = (part: "header" | "body") =>
      draft[part].map((row, r) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows and cells are identified by position
        <tr key={`${part}${r}`}>
          {row.map((cell, c) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows and cells are identified by position
            <td key={`${r}.${c}`} colSpan={cell.colSpan} rowSpan={cell.rowSpan}>
              <Input
                size="small"
                value={runsText(cell.runs)}
                onChange={(e) => setCell(part, r, c, e.target.value)}
              />
            </td>
          ))}
        </tr>
      ));
    return (
      <div className="kg-report-editing">
        <table className="kg-report-table">
          <thead>{grid("header")}</thead>
          <tbody>{grid("body")}</tbody>
        </table>
        {buttons}
      </div>
    );
  }

  return (
    <div className="kg-report-editing">
      图表不能在此编辑，可删除后以文字说明代替。
      {buttons}
    </div>
  );
}
