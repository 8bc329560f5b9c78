import { Alert, App, Button, Modal, Spin, Typography } from "antd";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { type Block, blockText } from "../model.ts";
import { RunsView } from "../RunsView.tsx";
import { type PolishResult, polishApi } from "./api.ts";

interface StartArgs {
  draftId: number;
  /** The draft's version as loaded, so the server polishes what the user sees. */
  version: number;
  block: Block;
  /** The same block as last saved; polishing works on saved text only. */
  saved: Block | undefined;
  onAdopt: (next: Block) => void;
}

type State =
  | { phase: "loading"; args: StartArgs }
  | { phase: "done"; args: StartArgs; result: PolishResult };

const runsOf = (b: Block) => (b.type === "paragraph" || b.type === "heading" ? b.runs : []);

function Pane({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 12 }}>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <div className="kg-report-p" style={{ border: "1px solid #f0f0f0", padding: 8 }}>
        {children}
      </div>
    </div>
  );
}

function Body({ state }: { state: State }) {
  if (state.phase === "loading") {
    return (
      <Spin tip="正在润色…">
        <Pane title="原文">{blockText(state.args.block)}</Pane>
      </Spin>
    );
  }
  const { result } = state;
  return (
    <>
      {!result.accepted && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="润色稿未通过核对，已保留原文"
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {result.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          }
        />
      )}
      <Pane title="原文">
        <RunsView runs={runsOf(result.original)} />
      </Pane>
      {result.block ? (
        <Pane title="润色稿（数据已核对，与原文一致）">
          <RunsView runs={runsOf(result.block)} />
        </Pane>
      ) : (
        result.suggestion && (
          <Pane title="未采用的润色稿（仅供参考）">
            <Typography.Text type="secondary">{result.suggestion}</Typography.Text>
          </Pane>
        )
      )}
    </>
  );
}

/**
 * Paragraph polishing through the deployment's language model, if it has one: asks for a
 * suggestion and lets the user adopt it into the draft (saved with the draft as usual).
 */
export function usePolish() {
  const { message } = App.useApp();
  const [enabled, setEnabled] = useState(false);
  const [state, setState] = useState<State | null>(null);
  // A reply that arrives after the dialog was closed must not reopen it.
  const pending = useRef(0);

  useEffect(() => {
    polishApi
      .status()
      .then((r) => setEnabled(r.enabled))
      .catch(() => setEnabled(false));
  }, []);

  const start = async (args: StartArgs) => {
    if (!args.saved || blockText(args.saved) !== blockText(args.block)) {
      message.warning("本段有未保存的修改，请先保存后再润色");
      return;
    }
    const ticket = ++pending.current;
    setState({ phase: "loading", args });
    try {
      const result = await polishApi.polish(args.draftId, args.block.key, args.version);
      if (ticket === pending.current) setState({ phase: "done", args, result });
    } catch (err) {
      if (ticket !== pending.current) return;
      setState(null);
      message.error(err instanceof Error ? err.message : "润色失败");
    }
  };

  const close = () => {
    pending.current++;
    setState(null);
  };
  const adopted = state?.phase === "done" ? state.result.block : null;
  const footer =
    state?.phase !== "done"
      ? [
          <Button key="cancel" onClick={close}>
            取消
          </Button>,
        ]
      : adopted
        ? [
            <Button key="drop" onClick={close}>
              放弃
            </Button>,
            <Button
              key="adopt"
              type="primary"
              onClick={() => {
                state.args.onAdopt(adopted);
                close();
                message.success("已采用润色稿，保存后生效");
              }}
            >
              采用
            </Button>,
          ]
        : [
            <Button key="close" type="primary" onClick={close}>
              知道了
            </Button>,
          ];

  const element = (
    <Modal title="文字润色" open={state !== null} onCancel={close} footer={footer} width={720}>
      {state && <Body state={state} />}
    </Modal>
  );
  return { enabled, start, element };
}
