// Shown while a page's server prefetch runs (figures are cached per data version, the first load computes them).
export default function Loading() {
  return (
    <p className="muted" role="status">
      Loading…
    </p>
  );
}
