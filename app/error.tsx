"use client";
// A page failed to render: say so and offer a retry (route handlers' own errors show inside the views).
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="panel" role="alert">
      <h1>Something went wrong</h1>
      <p className="muted">{error.message || "The page could not be rendered."}</p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
