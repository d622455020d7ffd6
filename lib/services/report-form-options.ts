// What the /reports/new form offers: the venues (for caps and exclusions), the assets with stored data,
// the checklist items with their default weights, and the window presets.
import "server-only";
import type { Db } from "../db";
import { CHECKLIST_ITEMS } from "../scoring/items";
import { WINDOW_PRESETS } from "../views/windows";
import type { ReportFormOptions } from "../views/reports";

export async function reportFormOptions(db: Db): Promise<ReportFormOptions> {
  const venues = await db.venue.findMany({ select: { slug: true, name: true, provenance: true }, orderBy: { name: "asc" } });
  const markets = await db.market.findMany({ where: { OR: [{ books: { some: {} } }, { funding: { some: {} } }] }, select: { base: true }, distinct: ["base"] });
  const assets = [...new Set(["BTC", ...markets.map((m) => m.base).filter((b) => /^[A-Z0-9]{1,15}$/.test(b)).sort()])];
  return {
    venues,
    assets,
    items: CHECKLIST_ITEMS.map((i) => ({ id: i.id, label: i.label, defaultWeight: i.defaultWeight })),
    windows: Object.keys(WINDOW_PRESETS),
  };
}
