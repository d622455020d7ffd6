// Public API of the scoring core: checklist items, scales, venue scoring/ranking and the methodology.
export * from "./version";
export * from "./items";
export * from "./scale";
export * from "./score-venue";
export * from "./rank-venues";
export { methodology, renderMethodologyMarkdown, type Formula, type FormulaGroup, type Methodology, type MethodologyItem, type MethodologySubMetric } from "./methodology";
export * from "./incident-weight";
