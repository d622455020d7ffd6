// A source as a link: the first URL in the text (a source may be "URL (what it says and how it was read)"),
// with the whole text as its tooltip; plain text when there is no URL.
export function SourceLink({ source, label = "source" }: { source: string; label?: string }) {
  const url = /https?:\/\/[^\s)]+/.exec(source)?.[0];
  return url ? (
    <a href={url} target="_blank" rel="noreferrer" title={source}>
      {label}
    </a>
  ) : (
    <span className="muted" title={source}>
      {source}
    </span>
  );
}
