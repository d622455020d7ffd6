// Regenerate docs/methodology.md from the code's own methodology() (run: npm run docs:methodology).
import fs from "node:fs";
import { renderMethodologyMarkdown } from "../lib/scoring";

fs.writeFileSync("docs/methodology.md", renderMethodologyMarkdown());
console.log("docs/methodology.md written");
