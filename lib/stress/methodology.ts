// The stress engine's rules in words, shown on /methodology and in docs/methodology.md beside the scoring
// formulas. Each entry states what lib/stress computes; change the code and this together.
import { STRESS_ENGINE_VERSION } from "./run-stress";

export interface StressFormula {
  id: string;
  name: string;
  definition: string;
}

export const STRESS_FORMULAS: StressFormula[] = [
  { id: "stress-tier", name: "Tier", definition: "The row of the venue's tier table whose [notional floor, cap) holds the position's notional = |size| × mark; above the last cap the last tier, flagged 'beyond last tier'." },
  { id: "stress-maintenance", name: "Maintenance margin", definition: "MM = notional × maintenance rate − maintenance amount (Binance's cum; 0 where the venue has none), of the tier at the current notional." },
  { id: "stress-initial", name: "Initial margin", definition: "IM = notional × max(tier initial rate, 1 / position leverage); the tier's rate when no leverage is given." },
  { id: "stress-equity", name: "Equity", definition: "Cross: Σ collateral × price × (1 − haircut) + realised PnL − funding paid + fresh margin + Σ (size × (mark − entry)). Isolated, per position: its isolated margin − its funding + its unrealised PnL; free collateral stays aside." },
  { id: "stress-isolated-margin", name: "Isolated margin", definition: "The position's own isolatedMarginUsd when given; otherwise the venue's collateral (valued at the start) shared among the positions in proportion to their initial margin, so both modes use the same money." },
  { id: "stress-margin-ratio", name: "Margin ratio", definition: "MM / equity (Binance's definition). Liquidation when equity ≤ MM, i.e. ratio ≥ 100 %. Isolated: the worst position's ratio." },
  { id: "stress-liquidation-price", name: "Liquidation price", definition: "With q the signed size, E the equity behind the position apart from its own PnL and M the other positions' MM: P = (M − cum − E + q × entry) / (q − mmr × |q|), solved per tier and kept where the notional at P falls in that tier — Binance's LP formula (https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93). Distance to liquidation = the smallest adverse move of one position's mark, others held, that reaches it." },
  { id: "stress-path", name: "Scenario path", definition: "Prices step every stepMinutes to the horizon: replayed window mid ÷ mid at its start (the venue's own market, else the same asset elsewhere) × Π (1 + move × ramp progress) for each shock on that asset (and venue). Liquidations happen at the first step at or past the trigger, at that step's mark: a coarse step overshoots a ramp, so use a finer step for precision." },
  { id: "stress-cross-liquidation", name: "Cross liquidation", definition: "While equity ≤ MM, the position with the largest MM is closed at the mark (our assumption of the venue's order; venues that liquidate partially are modelled as closing whole positions). Realised: PnL − book-walk cost − liquidation fee. Equity below 0 after that is a shortfall borne by the venue's insurance fund; the account ends at 0." },
  { id: "stress-isolated-liquidation", name: "Isolated liquidation", definition: "A position whose own equity ≤ its MM is closed alone; it returns max(0, equity − book-walk cost − fee) to the account; anything below 0 is an insurance-fund shortfall." },
  { id: "stress-book-walk", name: "Liquidation cost (book walk)", definition: "The stored book (the latest before the scenario start; in a replay the latest stored at or before the liquidation time) is moved to the scenario's mark (every price × mark / stored mid) and every size × the depth factor. The close sells into the bids (a long) or buys the asks (a short): cost = Σ |mark − level price| × size taken. When the drained book holds less than the position, the rest is priced at the last visible level and the cost is flagged 'at least' — never extrapolated." },
  { id: "stress-liquidation-fee", name: "Liquidation fee", definition: "The venue's published liquidation fee rate × notional at the liquidation mark; none charged (and a warning shown) where the venue publishes none." },
  { id: "stress-funding", name: "Funding paid", definition: "At every multiple of the market's funding interval: size × mark × rate, signed (a long pays a positive rate, a short receives it). The rate is the scenario's spike where one covers the time ([from, to], ends included), else the latest stored settlement, else 0 (stated)." },
  { id: "stress-haircut", name: "Collateral haircut shock", definition: "From its hour on, a collateral asset counts at (1 − max(shock haircut, venue haircut)) of its value; non-USD collateral also follows its asset's price path. Stablecoins count at 1 USD. The asset the positions settle in (USDT for USDT-margined perps) counts in full; a venue's haircuts apply to other collateral (as in Binance's Multi-Assets mode)." },
  { id: "stress-replenishment", name: "Fresh margin", definition: "Arrives at the first step at or after its delay: cross adds it to the account; isolated shares it among open positions by initial margin." },
  { id: "stress-normal-collateral", name: "Collateral needed in normal times", definition: "Every asset moving together by ±m % (the normal move): cross needs max(Σ IM, max over ± of Σ (MM − PnL)); isolated needs Σ over positions of max(IM, its own worst of ± (MM − PnL)). Cross saves = isolated − cross. Positions sized at the start price, USD collateral." },
  { id: "stress-scenario-collateral", name: "Collateral needed to survive the scenario", definition: "The same over every step of the path with funding accrued and no liquidation: cross max over steps of (Σ MM − Σ PnL + funding), isolated Σ over positions of each one's own maximum." },
  { id: "stress-cost-of-cross", name: "Cost of cross margin", definition: "Cross loss − isolated loss in the scenario with the portfolio's collateral (loss = start equity + fresh margin − final equity). Positive: pooling margin cost money here (one leg's loss took the others down); negative: it saved a liquidation." },
  { id: "stress-ranking", name: "Which venue hurt", definition: "Venue accounts ordered by loss in their chosen margin mode, worst first, each with its first liquidation's tier, book walk and fee as the reason." },
];

export const STRESS_METHOD_SUMMARY = `Margin stress tests (engine ${STRESS_ENGINE_VERSION}) run a portfolio through a scenario on each venue account separately (margin never nets across venues), in cross and in isolated margin, with the venue's stored margin rules and books.`;
