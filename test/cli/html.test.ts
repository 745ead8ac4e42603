import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { cli, target, tempDir } from "./run-cli";

/**
 * The HTML evidence report as an auditor sees it: opened from disk in headless Chromium (Debian's,
 * installed by .ci/run), with no network, checked through what is rendered rather than the markup.
 */
const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

describe("phi-guard scan --format html in a browser", function () {
    this.timeout(120_000);
    let tmp: ReturnType<typeof tempDir>;
    let browser: BrowserContext;
    const requests: string[] = [];

    async function open(name: string): Promise<Page> {
        const file = path.join(tmp.dir, `${name}.html`);
        const run = await cli("scan", target(name), "--format", "html", "--output", file);
        assert.equal(run.code, 1, run.stderr);
        const page = await browser.newPage();
        page.on("request", (r) => requests.push(r.url()));
        await page.goto(pathToFileURL(file).href);
        return page;
    }

    before(async () => {
        assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does`);
        tmp = tempDir();
        // A fresh profile (launchPersistentContext's --user-data-dir) so no state leaks between runs.
        browser = await chromium.launchPersistentContext(path.join(tmp.dir, "profile"), { executablePath: CHROMIUM, args: ARGS });
    });

    after(async () => {
        await browser?.close();
        tmp?.remove();
    });

    it("shows the report's headings, scan facts and a failing control with its resource", async () => {
        const page = await open("stack-export-encrypted.json");
        assert.equal(await page.title(), "phi-guard evidence report: phi-records/prod");
        const headings = await page.getByRole("heading").allInnerTexts();
        assert.deepEqual(headings, ["HIPAA guardrail evidence report", "Scan", "Summary", "Controls", "HIPAA section index"]);
        const facts = await page.locator("dl.facts").innerText();
        assert.match(facts, /Policy pack\s+phi-guard \d+\.\d+\.\d+/);
        assert.match(facts, /Target SHA-256\s+[0-9a-f]{64}/);
        assert.match(facts, /Config SHA-256\s+[0-9a-f]{64}/);
        const row = page.getByRole("row").filter({ hasText: "aws-s3-encryption-cmk" }).first();
        assert.ok(await row.isVisible());
        const cells = await row.getByRole("cell").allInnerTexts();
        assert.equal(cells[5], "fail");
        assert.match(cells[6], /claims-archive\s+aws:s3\/bucket:Bucket\s+default encryption does not use SSE-KMS/);
        const passing = page.locator("table.controls").getByRole("row").filter({ hasText: "az-rbac-scope" });
        assert.equal((await passing.getByRole("cell").allInnerTexts())[5], "pass");
        await page.close();
    });

    it("indexes HIPAA sections to controls, linked to their rows", async () => {
        const page = await open("stack-export-encrypted.json");
        const index = page.locator("table.hipaa");
        const row = index.getByRole("row").filter({ hasText: "164.312(a)(2)(iv)" });
        const cells = (await row.getByRole("cell").allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
        assert.deepEqual(cells.slice(0, 2), ["164.312(a)(2)(iv)", "Encryption and decryption"]);
        assert.match(cells[2], /\baws-s3-encryption-cmk fail\b/);
        await row.getByRole("link", { name: "aws-s3-encryption-cmk" }).click();
        assert.match(page.url(), /#control-aws-s3-encryption-cmk$/);
        await page.close();
    });

    it("shows hostile resource names as text, runs no script and loads nothing but itself", async () => {
        const page = await open("stack-export-hostile-names.json");
        assert.ok(await page.getByText("evil|<img src=x onerror=alert(1)>@octocat `*_[x](y)", { exact: true }).isVisible());
        assert.equal(await page.locator("img, script").count(), 0);
        assert.ok(requests.every((u) => u.startsWith("file://")), requests.join("\n"));
        await page.close();
    });
});
