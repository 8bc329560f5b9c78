import { Alert, Button, Space, Typography } from "antd";
import type { DraftChange } from "./api.ts";

interface ChangesAlertProps {
  changes: DraftChange[];
  /** Replace the rewritten block by the freshly generated one. */
  onAdopt: (key: string) => void;
  onClose: () => void;
}

/** After a regenerate: the rewritten paragraphs whose underlying figures changed. */
export function ChangesAlert({ changes, onAdopt, onClose }: ChangesAlertProps) {
  if (changes.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      closable={{ onClose }}
      title={`重新生成后，有${changes.length}处您改写过的段落所依据的数据发生了变化，请核对：`}
      description={
        <Space orientation="vertical" style={{ width: "100%" }}>
          {changes.map((c) => (
            <div key={c.key} className="kg-report-change">
              <div>
                <Typography.Text type="secondary">原数据：</Typography.Text>
                {c.before}
              </div>
              <div>
                <Typography.Text type="secondary">新数据：</Typography.Text>
                {c.after ?? "（本期已无此项数据，您改写的段落已保留）"}
              </div>
              <Space>
                <Button size="small" href={`#block-${c.key}`}>
                  定位
                </Button>
                {c.after !== null && (
                  <Button size="small" onClick={() => onAdopt(c.key)}>
                    采用新生成的内容
                  </Button>
                )}
              </Space>
            </div>
          ))}
        </Space>
      }
    />
  );
}
