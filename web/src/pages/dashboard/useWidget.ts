import { useEffect, useState } from "react";
import { dashboardApi, type WidgetReply } from "./api.ts";

export interface WidgetState<T> {
  reply: WidgetReply<T> | null;
  loading: boolean;
  error: string | null;
}

/** One widget's data; widgets load independently so a slow one does not hold the page. */
export function useWidget<T>(name: string, year: number, regionId?: number): WidgetState<T> {
  const [state, setState] = useState<WidgetState<T>>({ reply: null, loading: true, error: null });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    dashboardApi
      .widget<T>(name, year, regionId)
      .then((reply) => live && setState({ reply, loading: false, error: null }))
      .catch(
        (err: unknown) =>
          live &&
          setState({
            reply: null,
            loading: false,
            error: err instanceof Error ? err.message : "加载失败",
          }),
      );
    return () => {
      live = false;
    };
  }, [name, year, regionId]);
  return state;
}
