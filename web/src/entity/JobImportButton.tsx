import { LoadingOutlined, UploadOutlined } from "@ant-design/icons";
import { App, Button, Modal, Progress, Typography, Upload } from "antd";
import { useEffect, useRef, useState } from "react";
import { ApiError } from "../api/client.ts";
import { type ImportFailure, ImportFailureModal } from "./ImportFailureModal.tsx";
import type { ImportJob, ImportJobApi } from "./importJobApi.ts";
import { importCountsText, showRefusal } from "./importMessages.ts";

const POLL_MS = 1000;

interface JobImportButtonProps {
  entityLabel: string;
  api: ImportJobApi;
  onImported: () => void;
  label?: string;
  /** Called when a job has ended, whichever way (e.g. to refresh a "last import" note). */
  onSettled?: () => void;
}

/** Progress shown while a job runs; no job yet: uploading, or waiting for the first answer. */
interface Running {
  fileName: string;
  uploaded: boolean;
  job: ImportJob | null;
}

const fmt = (n: number) => n.toLocaleString("zh-CN");

/**
 * 导入 for big lists: the file is uploaded, imported on the server in the background, and
 * polled every second, so the user sees how far it has got instead of a spinning button.
 * The outcome is told the same way as ImportButton's (counts, or every bad row).
 */
export function JobImportButton({
  entityLabel,
  api,
  onImported,
  label = "导入",
  onSettled,
}: JobImportButtonProps) {
  const { modal } = App.useApp();
  const [running, setRunning] = useState<Running | null>(null);
  const [hidden, setHidden] = useState(false);
  const [failure, setFailure] = useState<ImportFailure | null>(null);
  // Stops polling when the page is left mid-import.
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const finish = (job: ImportJob) => {
    setRunning(null);
    setHidden(false);
    onSettled?.();
    if (job.state === "done" && job.result) {
      const r = job.result;
      modal.success({
        title: "导入成功",
        content: `${importCountsText(r)}。`,
        okText: "知道了",
      });
      onImported();
    } else if (job.error?.rows && job.error.rows.length > 0) {
      setFailure({ message: job.error.message, rows: job.error.rows });
    } else {
      showRefusal(modal, job.error?.message ?? "导入失败");
    }
  };

  const run = async (file: File) => {
    setRunning({ fileName: file.name, uploaded: false, job: null });
    try {
      const { jobId } = await api.start(file);
      setRunning({ fileName: file.name, uploaded: true, job: null });
      while (alive.current) {
        const job = await api.poll(jobId);
        if (!alive.current) return;
        if (job.state !== "running") {
          finish(job);
          return;
        }
        setRunning({ fileName: file.name, uploaded: true, job });
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    } catch (err) {
      setRunning(null);
      setHidden(false);
      onSettled?.();
      if (err instanceof ApiError && err.rows.length > 0) {
        setFailure({ message: err.message, rows: err.rows });
      } else {
        showRefusal(modal, err instanceof Error ? err.message : "导入失败");
      }
    }
  };

  const job = running?.job ?? null;
  const percent = job?.percent ?? null;
  return (
    <>
      {running ? (
        // Reopens the progress after 在后台继续.
        <Button icon={<LoadingOutlined />} onClick={() => setHidden(false)}>
          {job?.queued ? "排队中" : percent !== null ? `${label}中 ${percent}%` : `${label}中`}
        </Button>
      ) : (
        <Upload
          accept=".xlsx,.csv"
          showUploadList={false}
          maxCount={1}
          beforeUpload={(file) => {
            void run(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>{label}</Button>
        </Upload>
      )}
      <Modal
        open={running !== null && !hidden}
        title={`正在导入${entityLabel}`}
        closable={false}
        maskClosable={false}
        keyboard={false}
        footer={<Button onClick={() => setHidden(true)}>在后台继续</Button>}
      >
        <Typography.Paragraph type="secondary" ellipsis>
          {running?.fileName}
        </Typography.Paragraph>
        {job?.queued ? (
          // Waiting for another import: an empty, still bar (a moving full one read as done).
          <Progress percent={0} showInfo={false} />
        ) : percent !== null ? (
          <Progress percent={percent} status="active" />
        ) : (
          // Size unknown (or still uploading): a moving full bar says "working" without a number.
          <Progress percent={100} status="active" showInfo={false} />
        )}
        <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
          {job?.queued
            ? "排队中：等待另一个导入完成"
            : job
              ? `已读取 ${fmt(job.rows)} 行`
              : running?.uploaded
                ? "文件已上传，正在导入…"
                : "正在上传文件…"}
        </Typography.Paragraph>
        <Typography.Text type="secondary">
          整份文件无误才会生效：任何一行有误，本次导入不写入任何数据。
        </Typography.Text>
      </Modal>
      <ImportFailureModal
        entityLabel={entityLabel}
        failure={failure}
        onClose={() => setFailure(null)}
      />
    </>
  );
}
