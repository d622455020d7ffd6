// The loading state a route shows while its server prefetch runs (the first load after an ingest computes
// and caches the figures; later loads read the cache).
export function PageLoading({ what }: { what: string }) {
  return (
    <div className="panel" role="status" aria-live="polite">
      <p className="muted" style={{ margin: 0 }}>
        Loading {what}…
      </p>
    </div>
  );
}
