import { render } from "preact";
import "./console.css";
import { ConsoleApp } from "./console-app";
import { loadConsoleConfig } from "./console-config";
import { ReportApp } from "./report-app";
import { type EmbeddedReport, REPORT_DATA_ELEMENT_ID } from "./report-data";

const root = document.getElementById("app")!;
const embedded = document.getElementById(REPORT_DATA_ELEMENT_ID);
if (embedded?.textContent) {
  render(<ReportApp report={JSON.parse(embedded.textContent) as EmbeddedReport} />, root);
} else {
  render(<ConsoleApp config={await loadConsoleConfig()} />, root);
}
