import { request } from "../api/client.ts";
import type { EntityRecord, Page } from "../api/types.ts";
import { type RemoteOption, RemoteSelect } from "../entity/RemoteSelect.tsx";

async function searchEnterprises(keyword: string): Promise<RemoteOption[]> {
  const page = await request<Page<EntityRecord>>("/api/enterprises", {
    query: { page: 1, pageSize: 20, q: keyword },
  });
  return page.items.map((e) => ({
    value: e.id,
    label: `${String(e.name ?? e.id)}${typeof e.creditCode === "string" ? `（${e.creditCode}）` : ""}`,
  }));
}

interface EnterpriseSelectProps {
  value?: number | null;
  onChange?: (value: number | null) => void;
  initialOption?: RemoteOption | null;
  placeholder?: string;
  id?: string;
}

/** Picks an enterprise of the registry (in the user's scope) by name or credit code. */
export function EnterpriseSelect(props: EnterpriseSelectProps) {
  return (
    <RemoteSelect placeholder="输入企业名称搜索" {...props} fetchOptions={searchEnterprises} />
  );
}
