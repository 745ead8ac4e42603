import { strict as assert } from "assert";
import * as path from "path";
import { pathToFileURL } from "url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { findBrowser, NO_BROWSER } from "./browser";
import { cli, cliAllControls, target, tempDir, type CliRun } from "./run-cli";

/**
 * The HTML evidence report as an auditor sees it: opened from disk in headless Chromium (see
 * browser.ts for which one), with no network, checked through what is rendered rather than the
 * markup, in a 1,024 px window and laid out for an A4 page.
 */
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** An A4 page's width inside the report's 12 mm @page margins, in CSS pixels (96 per inch). */
const A4_CONTENT_WIDTH = Math.floor(((210 - 2 * 12) / 25.4) * 96);

/**
 * What sticks out of the window or out of its table cell, run in the page (a string, since the
 * tests are not compiled against the DOM's types).
 */
const CUT_OFF = `(() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > width) out.push("the page is " + document.documentElement.scrollWidth + " px wide");
    for (const el of document.querySelectorAll("body *")) {
        const r = el.getBoundingClientRect();
        const what = el.tagName + " " + (el.textContent || "").trim().slice(0, 50);
        if (r.width > 0 && (r.right > width + 0.5 || r.left < -0.5)) out.push(what + " spans " + Math.round(r.left) + ".." + Math.round(r.right) + " px");
        if (/^(TD|TH|DD|DT)$/.test(el.tagName) && el.scrollWidth > el.clientWidth + 1) out.push(what + " needs " + el.scrollWidth + " px in " + el.clientWidth);
    }
    return out.slice(0, 10);
})()`;

describe("phi-guard scan --format html in a browser", function () {
    this.timeout(120_000);
    let tmp: ReturnType<typeof tempDir>;
    let browser: BrowserContext;
    const requests: string[] = [];

    async function open(name: string, scan: (...args: string[]) => Promise<CliRun> = cli, scanned = target(name)): Promise<Page> {
        const file = path.join(tmp.dir, `${path.basename(name)}.html`);
        const run = await scan("scan", scanned, "--format", "html", "--output", file);
        assert.equal(run.code, 1, run.stderr);
        const page = await browser.newPage();
        page.on("request", (r) => requests.push(r.url()));
        await page.goto(pathToFileURL(file).href);
        return page;
    }

    before(async function () {
        const found = await findBrowser();
        if (!found) {
            console.warn(`    phi-guard: the HTML report is not checked in a browser here: ${NO_BROWSER}.`);
            this.skip();
        }
        console.log(`    (Chromium from ${found.source}: ${found.executablePath})`);
        tmp = tempDir();
        // A fresh profile (launchPersistentContext's --user-data-dir) so no state leaks between runs.
        browser = await chromium.launchPersistentContext(path.join(tmp.dir, "profile"), {
            executablePath: found.executablePath,
            args: ARGS,
            env: { ...process.env, ...found.env } as Record<string, string>,
        });
    });

    after(async () => {
        await browser?.close();
        tmp?.remove();
    });

    it("shows the report's headings, scan facts and a failing control with its resource", async () => {
        const page = await open("stack-export-encrypted.json");
        assert.equal(await page.title(), "phi-guard evidence report: phi-records/prod");
        const headings = await page.getByRole("heading").allInnerTexts();
        assert.deepEqual(headings, ["HIPAA guardrail evidence report", "Scan", "Summary", "Not examined", "Controls", "HIPAA section index"]);
        // The export holds encrypted values: the report says it did not read them, and how to.
        const notExamined = await page.getByRole("region", { name: "Not examined" }).getByRole("listitem").allInnerTexts();
        assert.deepEqual(
            notExamined.map((t) => t.slice(0, t.indexOf("):") + 1)),
            ["pulumi:pulumi:Stack::phi-records-prod: a value the scan cannot read, encrypted in the state (dbPassword)", "aws:iam/accessKey:AccessKey::etl-bot-key: 2 values the scan cannot read, encrypted in the state (secret, sesSmtpPasswordV4)"],
        );
        const facts = await page.locator("dl.facts").innerText();
        assert.match(facts, /Policy pack\s+phi-guard \d+\.\d+\.\d+/);
        assert.match(facts, /Target SHA-256\s+[0-9a-f]{64}/);
        assert.match(facts, /Config SHA-256\s+[0-9a-f]{64}/);
        assert.match(facts, /Resources scanned\s+6\s+Resources a control examined\s+4/);
        const row = page.getByRole("row").filter({ hasText: "aws-s3-encryption-cmk" }).first();
        assert.ok(await row.isVisible());
        const cells = await row.getByRole("cell").allInnerTexts();
        assert.equal(cells[0], "fail");
        assert.match(cells[1], /^aws-s3-encryption-cmk\s+S3 buckets are encrypted with a customer-managed KMS key\s+encryption-at-rest · high · mandatory$/);
        assert.match(cells[3], /claims-archive\s+aws:s3\/bucket:Bucket\s+default encryption does not use SSE-KMS/);
        // An AWS-only stack holds nothing an Azure control judges: not applicable, not pass.
        const azure = page.locator("table.controls").getByRole("row").filter({ hasText: "az-rbac-scope" });
        assert.deepEqual((await azure.getByRole("cell").allInnerTexts()).filter((_, i) => i === 0 || i === 3), ["not applicable", "no resource of a type it judges"]);
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

    for (const [name, scanned] of [["aws-violations", path.join("stacks", "aws-violations")], ["stack-export-hostile-names.json", target("stack-export-hostile-names.json")], ["stack-export-encrypted.json, with what was not examined", target("stack-export-encrypted.json")]]) {
        it(`fits a 1,024 px window and an A4 page with nothing cut off: ${name}, every control`, async () => {
            const page = await open(name, cliAllControls, scanned);
            await page.setViewportSize({ width: 1024, height: 768 });
            assert.deepEqual(await page.evaluate(CUT_OFF), [], "at 1,024 px");
            await page.setViewportSize({ width: A4_CONTENT_WIDTH, height: 1000 });
            await page.emulateMedia({ media: "print" });
            assert.deepEqual(await page.evaluate(CUT_OFF), [], "in print, as wide as an A4 page");
            const pdf = await page.pdf({ preferCSSPageSize: true });
            assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
            await page.close();
        });
    }

    it("shows hostile resource names as text, runs no script and loads nothing but itself", async () => {
        const page = await open("stack-export-hostile-names.json");
        assert.ok(await page.getByText("evil|<img src=x onerror=alert(1)>@octocat `*_[x](y)", { exact: true }).isVisible());
        assert.equal(await page.locator("img, script").count(), 0);
        assert.ok(requests.every((u) => u.startsWith("file://")), requests.join("\n"));
        await page.close();
    });
});
