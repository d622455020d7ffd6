// Version of the scoring methodology, stored with saved reports; bump it whenever a formula, scale or weight changes.
export const METHODOLOGY_VERSION = "2.2.0";
