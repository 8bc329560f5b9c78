import { Alert, Button } from "antd";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import { type ImportFailure, ImportFailureModal } from "./ImportFailureModal.tsx";
import type { ImportJob, ImportJobApi } from "./importJobApi.ts";
import { fmtCount, importCountsText } from "./importMessages.ts";

const POLL_MS = 2000;
const DAY_MS = 24 * 60 * 60 * 1000;

function worthShowing(job: ImportJob): boolean {
  if (job.state === "running") return true;
  return job.finishedAt !== null && Date.now() - Date.parse(job.finishedAt) < DAY_MS;
}

function describe(job: ImportJob): { type: "info" | "success" | "error"; text: string } {
  const head = `（${job.filename}，${dayjs(job.startedAt).format("M月D日 HH:mm")}）`;
  if (job.state === "running")
    return {
      type: "info",
      text: job.queued
        ? `正在导入${head}：排队中，等待另一个导入完成`
        : `正在导入${head}：已读取 ${fmtCount(job.rows)} 行…`,
    };
  if (job.state === "done" && job.result) {
    return { type: "success", text: `上次导入${head}：${importCountsText(job.result)}` };
  }
  const why = job.error?.message ?? "原因不明";
  // Most messages already say 导入失败 / 导入因…中断: not said twice.
  return {
    type: "error",
    text: why.startsWith("导入") ? `上次导入${head}：${why}` : `上次导入${head}失败：${why}`,
  };
}

/**
 * The user's latest background import, if it runs or ended within a day: the outcome stays
 * visible after the browser was closed, or the server restarted, mid-import. Remount it
 * (change its key) to read again, e.g. when a job started on the page has ended.
 */
export function LastImportAlert({ api, entityLabel }: { api: ImportJobApi; entityLabel: string }) {
  const [job, setJob] = useState<ImportJob | null>(null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [failure, setFailure] = useState<ImportFailure | null>(null);

  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const follow = async (current: ImportJob) => {
      if (!alive) return;
      setJob(current);
      if (current.state !== "running") return;
      timer = setTimeout(() => {
        api.poll(current.jobId).then(follow, () => {});
      }, POLL_MS);
    };
    // A note about an earlier import is not worth an error message when it cannot be read.
    api.list().then(
      (items) => {
        const latest = items[0];
        if (latest) void follow(latest);
        else if (alive) setJob(null);
      },
      () => {},
    );
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
    };
  }, [api]);

  if (!job || dismissed === job.jobId || !worthShowing(job)) return null;
  const { type, text } = describe(job);
  const rows = job.error?.rows ?? [];
  return (
    <>
      <Alert
        type={type}
        showIcon
        closable={{ onClose: () => setDismissed(job.jobId) }}
        title={text}
        style={{ marginBottom: 12 }}
        action={
          rows.length > 0 ? (
            <Button
              size="small"
              onClick={() => setFailure({ message: job.error?.message ?? "", rows })}
            >
              查看错误行
            </Button>
          ) : undefined
        }
      />
      <ImportFailureModal
        entityLabel={entityLabel}
        failure={failure}
        onClose={() => setFailure(null)}
      />
    </>
  );
}
