"use client";
// The view state lives in the URL (so every view is a link): read it with useSearchParams, write it with the
// native history API, which Next.js folds into its router without a server round trip.
import { useCallback, useMemo } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import { parseViewParams, viewSearch, type ViewParams } from "@/lib/queries/view-params";

export type UpdateView = (patch: Partial<ViewParams>, mode?: "push" | "replace") => void;

export function useViewParams(keys?: readonly (keyof ViewParams)[]): [ViewParams, UpdateView] {
  const search = useSearchParams();
  const pathname = usePathname();
  const qs = search?.toString() ?? "";
  const params = useMemo(() => parseViewParams(new URLSearchParams(qs)), [qs]);
  const update = useCallback<UpdateView>(
    (patch, mode = "push") => {
      const next = { ...parseViewParams(new URLSearchParams(window.location.search)), ...patch };
      const url = `${pathname}${viewSearch(next, keys)}`;
      if (url === `${window.location.pathname}${window.location.search}`) return;
      if (mode === "push") window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    // keys is a constant per view
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [pathname],
  );
  return [params, update];
}
