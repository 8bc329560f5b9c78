import { openConfigured } from "./context.ts";

export async function migrate(): Promise<void> {
  const handle = await openConfigured();
  console.log("数据库已是最新结构");
  await handle.close();
}
