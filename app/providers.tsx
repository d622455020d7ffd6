"use client";
// Client-side data layer: one react-query client per browser session. A 4xx answer (bad input, unknown
// venue) is final and shown at once; network and 5xx failures are retried once.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { ApiError } from "@/lib/queries/fetch-json";

const retry = (failures: number, error: Error) => !(error instanceof ApiError && error.status < 500) && failures < 1;

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 60_000, refetchOnWindowFocus: false, retry } } }));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
