import Link from "next/link";

export default function VenueNotFound() {
  return (
    <div className="panel" data-testid="not-found">
      <h1>Venue not found</h1>
      <p className="muted">No venue with this name is stored in this installation.</p>
      <p>
        <Link href="/">See every venue on the scorecards</Link> or the <Link href="/data">data status</Link> page.
      </p>
    </div>
  );
}
