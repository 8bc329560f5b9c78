import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react";
import { authApi } from "../api/auth.ts";
import { ApiError } from "../api/client.ts";
import type { Me } from "../api/types.ts";

interface AuthState {
  /** undefined while the first /me is in flight; null when signed out. */
  me: Me | null | undefined;
  /** Set when /me failed for a reason other than 401 (server down). */
  loadError: string | null;
  setMe: (me: Me | null) => void;
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setMe(await authApi.me());
      setLoadError(null);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        setMe(null);
        setLoadError(null);
      } else {
        setMe(null);
        setLoadError(err instanceof Error ? err.message : String(err));
      }
    }
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setMe(null);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <AuthContext.Provider value={{ me, loadError, setMe, refresh, logout }}>
      {children}
    </AuthContext.Provider>
  );
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error("useAuth outside AuthProvider");
  return ctx;
}

/** The signed-in user; only for components rendered behind RequireAuth. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error("useMe without a signed-in user");
  return me;
}
