import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { App, Button, Image, List, Popconfirm, Space, Typography, Upload } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useAuth } from "../auth/AuthContext.tsx";
import { type Attachment, attachmentsApi, fileSize } from "./api.ts";

interface AttachmentsProps {
  ownerType: string;
  ownerId: number;
  /** Hide upload and delete even for users who may write. */
  readOnly?: boolean;
  /** Who may upload/delete; defaults to "may write ledgers" (the server decides anyway). */
  canWrite?: boolean;
  /** Show images as thumbnails (activity photos). */
  images?: boolean;
  /** Called after a file was added or removed (e.g. to refresh a count). */
  onChange?: (files: Attachment[]) => void;
}

const ACCEPT =
  ".pdf,.ofd,.jpg,.jpeg,.png,.gif,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.wps,.et,.zip,.rar,.txt";

/** Files attached to one record: list, download, upload and delete where allowed. */
export function Attachments(props: AttachmentsProps) {
  const { ownerType, ownerId, readOnly, images, onChange } = props;
  const { message } = App.useApp();
  const { me } = useAuth();
  const [files, setFiles] = useState<Attachment[]>([]);
  const [loading, setLoading] = useState(true);
  const [uploading, setUploading] = useState(false);
  const writable = !readOnly && (props.canWrite ?? me?.canWriteLedgers === true);

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const list = await attachmentsApi.list(ownerType, ownerId);
      setFiles(list);
      return list;
    } catch (err) {
      message.error(err instanceof Error ? err.message : "附件加载失败");
      return [];
    } finally {
      setLoading(false);
    }
  }, [ownerType, ownerId, message]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const upload = async (file: File) => {
    setUploading(true);
    try {
      await attachmentsApi.upload(ownerType, ownerId, file);
      message.success(`已上传：${file.name}`);
      // Not inside onChange?.(…): optional call would skip evaluating the reload.
      const files = await reload();
      onChange?.(files);
    } catch (err) {
      message.error(err instanceof Error ? err.message : "上传失败");
    } finally {
      setUploading(false);
    }
  };

  const remove = async (a: Attachment) => {
    try {
      await attachmentsApi.remove(a.id);
      message.success(`已删除：${a.filename}`);
      // Not inside onChange?.(…): optional call would skip evaluating the reload.
      const files = await reload();
      onChange?.(files);
    } catch (err) {
      message.error(err instanceof Error ? err.message : "删除失败");
    }
  };

  return (
    <div data-testid={`attachments-${ownerType}-${ownerId}`}>
      {writable && (
        <Upload
          accept={images ? ".jpg,.jpeg,.png,.gif" : ACCEPT}
          showUploadList={false}
          multiple
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploading} size="small">
            {images ? "上传照片" : "上传附件"}
          </Button>
        </Upload>
      )}
      {images && files.some((f) => f.mime.startsWith("image/")) && (
        <Image.PreviewGroup>
          <Space wrap style={{ marginTop: 8 }}>
            {files
              .filter((f) => f.mime.startsWith("image/"))
              .map((f) => (
                <Image
                  key={f.id}
                  src={attachmentsApi.imageUrl(f)}
                  alt={f.filename}
                  width={96}
                  height={72}
                  style={{ objectFit: "cover" }}
                />
              ))}
          </Space>
        </Image.PreviewGroup>
      )}
      {!loading && files.length === 0 ? (
        !writable && <Typography.Text type="secondary">暂无附件</Typography.Text>
      ) : (
        <List
          size="small"
          loading={loading}
          dataSource={files}
          locale={{ emptyText: "暂无附件" }}
          renderItem={(a) => (
            <List.Item
              actions={
                writable
                  ? [
                      <Popconfirm
                        key="del"
                        title={`删除附件“${a.filename}”？`}
                        okText="删除"
                        cancelText="取消"
                        onConfirm={() => remove(a)}
                      >
                        <Button type="text" size="small" danger icon={<DeleteOutlined />} />
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <Space size={4}>
                <PaperClipOutlined />
                <Typography.Link onClick={() => void attachmentsApi.download(a)}>
                  {a.filename}
                </Typography.Link>
                <Typography.Text type="secondary">
                  {fileSize(a.size)} · {a.uploadedBy ?? "—"} ·{" "}
                  {new Date(a.createdAt).toLocaleDateString("zh-CN")}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
