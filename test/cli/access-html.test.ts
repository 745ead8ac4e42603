import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import { chromium, type BrowserContext } from "playwright-core";
import { findBrowser, NO_BROWSER } from "./browser";
import { cliAllControls, target, tempDir } from "./run-cli";

/**
 * `phi-guard access --format html` in headless Chromium, offline: the embedded Cytoscape.js draws
 * the access graph (checked through the pixels it paints and a screenshot), the page loads nothing
 * but itself, and a hostile name stays text.
 */
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Pixels of each legend colour painted in the graph's canvases, counted in the page. */
const PAINTED = `(() => {
    const want = { person: [9, 105, 218], store: [164, 14, 38], outside: [188, 76, 0], other: [87, 96, 106] };
    const counts = { person: 0, store: 0, outside: 0, other: 0 };
    for (const canvas of document.querySelectorAll("#graph canvas")) {
        const ctx = canvas.getContext("2d");
        if (!ctx || canvas.width === 0) continue;
        const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 0; i < px.length; i += 4) {
            for (const [k, [r, g, b]] of Object.entries(want)) if (px[i + 3] > 200 && Math.abs(px[i] - r) < 6 && Math.abs(px[i + 1] - g) < 6 && Math.abs(px[i + 2] - b) < 6) counts[k]++;
        }
    }
    return counts;
})()`;

describe("phi-guard access --format html in a browser", function () {
    this.timeout(120_000);
    let tmp: ReturnType<typeof tempDir>;
    let browser: BrowserContext;

    before(async function () {
        const found = await findBrowser();
        if (!found) {
            console.warn(`    phi-guard: the access graph is not checked in a browser here: ${NO_BROWSER}.`);
            this.skip();
        }
        tmp = tempDir();
        browser = await chromium.launchPersistentContext(path.join(tmp.dir, "profile"), { executablePath: found.executablePath, args: ARGS, env: { ...process.env, ...found.env } as Record<string, string> });
    });

    after(async () => {
        await browser?.close();
        tmp?.remove();
    });

    it("draws every node and edge of the paths with the embedded Cytoscape.js, offline, and screenshots it", async () => {
        const file = path.join(tmp.dir, "access.html");
        const run = await cliAllControls("access", target("stack-export-access.json"), "--format", "html", "--output", file);
        assert.equal(run.code, 0, run.stderr);
        const requests: string[] = [];
        const errors: string[] = [];
        const page = await browser.newPage();
        await page.setViewportSize({ width: 1024, height: 900 });
        page.on("request", (r) => requests.push(r.url()));
        page.on("pageerror", (e) => errors.push(e.message));
        await page.goto(pathToFileURL(file).href);
        await page.waitForFunction("window.accessGraph !== undefined && window.accessGraph.nodes().length > 0");
        await page.waitForTimeout(500);
        const drawn = await page.evaluate(`(() => ({
            nodes: accessGraph.nodes().map((n) => n.data("label")).sort(),
            edges: accessGraph.edges().map((e) => e.source().data("label") + " -> " + e.target().data("label")).sort(),
        }))()`);
        assert.deepEqual(drawn, {
            nodes: ["account 111122223333", "account 999988887777", "claims-bucket", "claims-reader", "deploy-role", "developer", "engineers", "partner-audit"],
            edges: [
                "account 111122223333 -> deploy-role",
                "account 999988887777 -> partner-audit",
                "claims-reader -> claims-bucket",
                "deploy-role -> claims-reader",
                "developer -> deploy-role",
                "engineers -> deploy-role",
                "partner-audit -> deploy-role",
            ],
        });
        const painted = (await page.evaluate(PAINTED)) as Record<string, number>;
        for (const [what, pixels] of Object.entries(painted)) assert.ok(pixels > 50, `the graph paints ${what} nodes (${pixels} pixels of the colour)`);
        const shot = await page.locator("#graph").screenshot({ path: path.join(tmp.dir, "access-graph.png") });
        assert.ok(shot.length > 5_000, "a screenshot of a drawn graph");
        assert.deepEqual(errors, []);
        assert.deepEqual(requests.filter((u) => !u.startsWith("file:")), [], "nothing but the file itself is loaded");
        await page.close();
    });

    it("keeps hostile names as text: a name that closes the data element runs nothing", async () => {
        const hostile = JSON.parse(fs.readFileSync(path.join(path.dirname(target("x")), "stack-export-access.json"), "utf8"));
        const user = hostile.deployment.resources.find((r: { type: string }) => r.type === "aws:iam/user:User");
        const evil = "</script><script>window.pwned=1</script><img src=x onerror=window.pwned=2>";
        user.urn = user.urn.replace("::developer", `::${evil}`);
        const exportFile = path.join(tmp.dir, "hostile.json");
        fs.writeFileSync(exportFile, JSON.stringify(hostile));
        const file = path.join(tmp.dir, "hostile.html");
        const run = await cliAllControls("access", exportFile, "--format", "html", "--output", file);
        assert.equal(run.code, 0, run.stderr);
        const page = await browser.newPage();
        await page.goto(pathToFileURL(file).href);
        await page.waitForFunction("window.accessGraph !== undefined");
        assert.equal(await page.evaluate("window.pwned"), undefined);
        assert.ok((await page.evaluate(`accessGraph.nodes().map((n) => n.data("label"))`) as string[]).includes(evil));
        await page.close();
    });
});
