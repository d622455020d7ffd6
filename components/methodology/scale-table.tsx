// A scale's breakpoints as a two-row table (figure → score), piecewise-linear between them.
import type { ScaleDefinition } from "@/lib/scoring";

export function ScaleTable({ scale }: { scale: ScaleDefinition }) {
  return (
    <div className="table-wrap" style={{ marginTop: 4 }}>
      <table className="small" style={{ width: "auto" }} data-testid="scale" data-scale={scale.id}>
        <tbody>
          <tr>
            <th scope="row">{scale.unit}</th>
            {scale.points.map(([x]) => (
              <td key={x} className="num">
                {x}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">score</th>
            {scale.points.map(([x, s]) => (
              <td key={x} className="num">
                {s}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <div className="muted small">
        Scale <code>{scale.id}</code>: {scale.description}
      </div>
    </div>
  );
}
