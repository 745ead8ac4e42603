import * as fs from "fs";
import { esc } from "../formats/html";
import type { AccessReport } from "./report";

/**
 * The access report as one HTML file that works offline: the paths as a table (readable without
 * script), and an interactive graph of the same paths drawn by Cytoscape.js, whose pinned build is
 * embedded in the file. The data travels as JSON in a non-executable script element, with `<`
 * escaped so that no name can close it; the Content-Security-Policy allows only the file's own
 * inline script and styles, and no network.
 */

const CYTOSCAPE = require.resolve("cytoscape/dist/cytoscape.min.js");

interface GraphData {
    nodes: { id: string; label: string; kind: string; human: boolean; external: boolean }[];
    edges: { id: string; source: string; target: string; label: string; unverified: boolean }[];
}

/** The nodes and edges of every path in the report, each once. */
function graphData(report: AccessReport): GraphData {
    const nodes = new Map<string, GraphData["nodes"][number]>();
    const edges = new Map<string, GraphData["edges"][number]>();
    for (const store of report.stores) {
        nodes.set(store.urn, { id: store.urn, label: store.name, kind: "store", human: false, external: false });
        for (const p of store.paths) {
            const { id, name, kind, human, external } = p.principal;
            if (!nodes.has(id)) nodes.set(id, { id, label: name, kind, human, external });
            let from = id;
            for (const s of p.steps) {
                if (!nodes.has(s.to.id)) nodes.set(s.to.id, { id: s.to.id, label: s.to.name, kind: s.to.kind, human: false, external: false });
                const key = `${from}\0${s.to.id}\0${s.text}`;
                if (!edges.has(key)) edges.set(key, { id: `e${edges.size}`, source: from, target: s.to.id, label: s.text, unverified: s.unverified });
                from = s.to.id;
            }
        }
    }
    return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

const json = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

const STYLE = `
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; border-bottom: 1px solid #d0d7de; }
#graph { width: 100%; height: 36rem; border: 1px solid #d0d7de; border-radius: 6px; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #d0d7de; padding: .35rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f6f8fa; } col.c1 { width: 16em; } col.c2 { width: 7em; }
.tag { font-size: .8em; padding: 0 .4rem; border-radius: 1rem; background: #ddf4ff; } .ext { background: #ffebe9; } .unv { background: #fff8c5; }
`;

const DRAW = `
const data = JSON.parse(document.getElementById("access-data").textContent);
const colour = (n) => n.kind === "store" ? "#a40e26" : n.external ? "#bc4c00" : n.human ? "#0969da" : "#57606a";
window.accessGraph = cytoscape({
  container: document.getElementById("graph"),
  elements: [...data.nodes.map((n) => ({ data: { ...n, colour: colour(n) } })), ...data.edges.map((e) => ({ data: e }))],
  layout: { name: "breadthfirst", directed: true, spacingFactor: 1.1 },
  style: [
    { selector: "node", style: { label: "data(label)", "background-color": "data(colour)", "font-size": 11, "text-wrap": "wrap", "text-max-width": 140 } },
    { selector: "node[kind = 'store']", style: { shape: "round-rectangle" } },
    { selector: "edge", style: { label: "data(label)", "font-size": 8, "curve-style": "bezier", "target-arrow-shape": "triangle", width: 1.5, "text-rotation": "autorotate" } },
    { selector: "edge[?unverified]", style: { "line-style": "dashed" } },
    { selector: ".faded", style: { opacity: 0.15 } },
  ],
});
accessGraph.on("tap", "node", (e) => {
  const reach = e.target.predecessors().union(e.target.successors()).union(e.target);
  accessGraph.elements().addClass("faded");
  reach.removeClass("faded");
});
accessGraph.on("tap", (e) => { if (e.target === accessGraph) accessGraph.elements().removeClass("faded"); });
`;

export function renderAccessHtml(report: AccessReport): string {
    const rows = report.stores.flatMap((s) =>
        s.paths.map((p) => {
            const tags = [p.principal.human ? `<span class="tag">person</span>` : "", p.principal.external ? `<span class="tag ext">outside</span>` : "", p.unverified ? `<span class="tag unv">unverified</span>` : ""].join(" ");
            return `<tr><td>${esc(s.name)}</td><td>${esc(p.access)}</td><td>${esc(p.chain)} ${tags}</td></tr>`;
        }),
    );
    const s = report.summary;
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">
<title>phi-guard access: ${esc(report.target.path)}</title>
<style>${STYLE}</style></head>
<body>
<h1>Who can reach PHI</h1>
<p>${esc(report.target.path)} (${esc(report.target.kind)}, stack ${esc(report.target.stack)}): ${s.stores} PHI stores, ${s.paths} paths (${s.unverified} unverified) from ${s.principals} principals, ${s.humans} people, ${s.external} outside the organisation. Access shown: ${esc(report.access.join(", "))}.</p>
<h2>Graph</h2>
<p>Blue: people; orange: outside the organisation; red: PHI stores; grey: workloads and roles. Dashed: unverified. Select a node to see what reaches it and what it reaches.</p>
<div id="graph" role="img" aria-label="access graph"></div>
<h2>Paths</h2>
<table><colgroup><col class="c1"><col class="c2"><col></colgroup>
<thead><tr><th>Store</th><th>Access</th><th>Shortest chain</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table>
${report.notRead.length > 0 ? `<h2>Not read</h2><ul>${report.notRead.map((n) => `<li>${esc(n)}</li>`).join("")}</ul>` : ""}
<script type="application/json" id="access-data">${json(graphData(report))}</script>
<script>${fs.readFileSync(CYTOSCAPE, "utf8").replace(/<\/script/gi, "<\\/script")}</script>
<script>${DRAW}</script>
</body></html>
`;
}
