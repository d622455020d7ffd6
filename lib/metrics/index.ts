// Public API of the pure metric core (no I/O): book, slippage series, stress, funding, liquidations, fees,
// resiliency, statistics and time helpers.
export * from "./types";
export * from "./time";
export * from "./stats";
export * from "./book";
export * from "./slippage-series";
export * from "./stress";
export * from "./funding";
export * from "./liquidations";
export * from "./fees";
export * from "./resiliency";
export * from "./worse-side";
