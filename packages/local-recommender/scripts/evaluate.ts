import { generateSampleData } from "@personalize-ab/sample-data";
import { evaluateRecipes } from "../src/evaluation/evaluate-recipes";
import { formatMetricsTable } from "../src/evaluation/metrics-table";

// Offline metrics of the three local recipes on the generated sample data (seed 42).
const data = generateSampleData();
const evaluation = evaluateRecipes(data);
console.log(
  `Holdout: latest 10% of each user's interactions; ${evaluation.trainInteractions} training interactions, ${evaluation.testUsers} test users`,
);
console.log(`Training (all three recipes): ${evaluation.trainingMs.toFixed(0)} ms\n`);
console.log(formatMetricsTable(evaluation));
