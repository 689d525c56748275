import { render } from "preact";
import { App } from "./app";
// uPlot's few rules load with the shell: CSS imported by a lazy chunk would not be loaded.
import "uplot/dist/uPlot.min.css";
import "./styles.css";

render(<App />, document.getElementById("app")!);
