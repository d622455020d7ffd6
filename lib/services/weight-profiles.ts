// Named weight profiles (WeightProfile rows): list them, save one (idempotent on its name: saving a name
// again replaces its weights), delete one. Weights are stored complete (defaults filled in) as JSON.
import "server-only";
import type { Db } from "../db";
import { DEFAULT_WEIGHTS, ITEM_IDS, resolveWeights, type Weights } from "../scoring";
import { WeightProfileInput, type WeightProfile } from "../views/weight-profiles";

function toProfile(r: { id: number; name: string; weights: string; isDefault: boolean; updatedAt: Date }): WeightProfile {
  let stored: Partial<Weights> = {};
  try {
    stored = JSON.parse(r.weights) as Partial<Weights>;
  } catch {
    stored = {};
  }
  // Unknown items (from an older checklist) are dropped; missing ones take today's defaults.
  const known = Object.fromEntries(ITEM_IDS.filter((id) => typeof stored[id] === "number" && stored[id]! >= 0).map((id) => [id, stored[id]]));
  return { id: r.id, name: r.name, weights: resolveWeights({ ...DEFAULT_WEIGHTS, ...known }), isDefault: r.isDefault, updatedAt: r.updatedAt.toISOString() };
}

export async function listWeightProfiles(db: Db): Promise<WeightProfile[]> {
  const rows = await db.weightProfile.findMany({ orderBy: [{ isDefault: "desc" }, { name: "asc" }] });
  return rows.map(toProfile);
}

/** Create or replace the profile with this name. */
export async function saveWeightProfile(db: Db, input: WeightProfileInput): Promise<WeightProfile> {
  const weights = JSON.stringify(resolveWeights(input.weights as Partial<Weights>));
  const row = await db.$transaction(async (tx) => {
    // One default profile at most.
    if (input.isDefault) await tx.weightProfile.updateMany({ where: { isDefault: true, name: { not: input.name } }, data: { isDefault: false } });
    return tx.weightProfile.upsert({
      where: { name: input.name },
      create: { name: input.name, weights, isDefault: input.isDefault ?? false },
      update: { weights, ...(input.isDefault !== undefined ? { isDefault: input.isDefault } : {}) },
    });
  });
  return toProfile(row);
}

/** Delete a profile; false when there was none with this id. */
export async function deleteWeightProfile(db: Db, id: number): Promise<boolean> {
  const res = await db.weightProfile.deleteMany({ where: { id } });
  return res.count > 0;
}
