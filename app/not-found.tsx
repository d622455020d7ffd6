import Link from "next/link";

export default function NotFound() {
  return (
    <div className="panel" data-testid="not-found">
      <h1>Not found</h1>
      <p className="muted">There is no page at this address.</p>
      <p>
        <Link href="/">Back to the scorecards</Link>
      </p>
    </div>
  );
}
