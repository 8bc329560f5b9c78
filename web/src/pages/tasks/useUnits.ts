import { useEffect, useState } from "react";
import { tasksApi } from "./api.ts";

/** Units in the current scope for the selects (a county has a few dozen). */
export function useUnits(): { id: number; name: string }[] {
  const [units, setUnits] = useState<{ id: number; name: string }[]>([]);
  useEffect(() => {
    tasksApi.units().then(
      (p) => setUnits(p.items.map((u) => ({ id: u.id, name: u.shortName || u.name }))),
      () => setUnits([]),
    );
  }, []);
  return units;
}
