import { App, type Form } from "antd";
import { useState } from "react";
import { ApiError, request } from "../../api/client.ts";

type FormInstance = ReturnType<typeof Form.useForm>[0];

/**
 * Saves one record (POST, or PUT when editing) and deletes by version. Server field errors
 * go onto the form items; other errors (409 stale version, duplicate) show as a message.
 */
export function useRecordSave(onSaved: () => void) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const fail = (err: unknown, form?: FormInstance) => {
    if (form && err instanceof ApiError && err.fields.length > 0) {
      form.setFields(
        err.fields.map((f) => ({ name: f.field.split(".")[0] ?? f.field, errors: [f.message] })),
      );
    }
    message.error(err instanceof Error ? err.message : "保存失败");
  };
  const save = async (
    form: FormInstance,
    url: string,
    body: Record<string, unknown>,
    method: "POST" | "PUT" = "POST",
  ) => {
    setBusy(true);
    try {
      await request(url, { method, body });
      message.success("已保存");
      onSaved();
      return true;
    } catch (err) {
      fail(err, form);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const remove = async (url: string, version: number) => {
    try {
      await request(url, { method: "DELETE", query: { version } });
      message.success("已删除");
      onSaved();
    } catch (err) {
      fail(err);
    }
  };
  return { busy, save, remove };
}
