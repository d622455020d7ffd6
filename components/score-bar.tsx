// A compact 0–100 score bar. "No data" is a hatched, dashed box with the words, never an empty (zero) bar.
export function ScoreBar({ score, label, title }: { score: number | null; label: string; title?: string }) {
  if (score === null) {
    return (
      <div className="bar nodata" role="img" aria-label={`${label}: no data`} title={title ?? `${label}: no data`} data-score="none">
        <b>no data</b>
      </div>
    );
  }
  const s = Math.max(0, Math.min(100, score));
  const band = s < 40 ? "lo" : s < 70 ? "mid" : "hi";
  return (
    <div className={`bar ${band}`} role="img" aria-label={`${label}: ${s.toFixed(0)} of 100`} title={title ?? `${label}: ${s.toFixed(1)} / 100`} data-score={s.toFixed(1)}>
      <span style={{ width: `${s}%` }} />
      <b>{s.toFixed(0)}</b>
    </div>
  );
}
