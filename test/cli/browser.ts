import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";

/**
 * The Chromium the HTML report is checked in: the one PHI_GUARD_CHROMIUM names, else a local
 * Chrome or Chromium, else on Linux x64 the build inside the @sparticuz/chromium package (a
 * devDependency, so `npm test` needs no system browser), else none, and the caller says so.
 */
export interface Browser {
    executablePath: string;
    /** Where it came from, for the test log. */
    source: string;
    env?: Record<string, string>;
}

const LOCAL: Partial<Record<NodeJS.Platform, string[]>> = {
    linux: ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "/opt/google/chrome/chrome"],
    darwin: ["/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", "/Applications/Chromium.app/Contents/MacOS/Chromium"],
    win32: [
        `${process.env["PROGRAMFILES"]}\\Google\\Chrome\\Application\\chrome.exe`,
        `${process.env["PROGRAMFILES(X86)"]}\\Google\\Chrome\\Application\\chrome.exe`,
        `${process.env["LOCALAPPDATA"]}\\Google\\Chrome\\Application\\chrome.exe`,
    ],
};

function onPath(name: string): string | undefined {
    if (path.isAbsolute(name)) return fs.existsSync(name) ? name : undefined;
    for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
        const candidate = path.join(dir, name);
        if (dir && fs.existsSync(candidate)) return candidate;
    }
    return undefined;
}

/**
 * @sparticuz/chromium unpacks its browser and fonts into the temp dir. It unpacks the libraries
 * the browser links against (NSS, NSPR, expat) only on Amazon Linux; a machine with nothing but
 * Node may lack them, so they are unpacked here too and put first on the library path.
 */
async function bundled(): Promise<Browser> {
    const chromium = require("@sparticuz/chromium");
    const executablePath: string = await (chromium.default ?? chromium).executablePath();
    const unpacked = path.join(os.tmpdir(), "al2023");
    const libs = path.join(unpacked, "lib");
    if (!fs.existsSync(path.join(libs, "libnss3.so"))) {
        const archive = path.join(path.dirname(require.resolve("@sparticuz/chromium")), "..", "..", "bin", "al2023.tar.br");
        // Unpacked beside, then moved into place whole, so a concurrent run never sees half of it.
        const staging = fs.mkdtempSync(path.join(os.tmpdir(), "al2023-"));
        execFileSync("tar", ["-x", "-C", staging], { input: zlib.brotliDecompressSync(fs.readFileSync(archive)) });
        try {
            fs.renameSync(staging, unpacked);
        } catch {
            fs.rmSync(staging, { recursive: true, force: true });
        }
    }
    return {
        executablePath,
        source: "@sparticuz/chromium",
        env: { LD_LIBRARY_PATH: [libs, process.env.LD_LIBRARY_PATH].filter(Boolean).join(":"), FONTCONFIG_PATH: path.join(os.tmpdir(), "fonts") },
    };
}

export async function findBrowser(): Promise<Browser | undefined> {
    const chosen = process.env.PHI_GUARD_CHROMIUM;
    if (chosen) return { executablePath: chosen, source: "PHI_GUARD_CHROMIUM" };
    for (const name of LOCAL[process.platform] ?? []) {
        const found = onPath(name);
        if (found) return { executablePath: found, source: "a local installation" };
    }
    if (process.platform === "linux" && process.arch === "x64") return bundled();
    return undefined;
}

export const NO_BROWSER =
    "no Chrome or Chromium was found (the bundled one runs on Linux x64 only): install Chrome, or set PHI_GUARD_CHROMIUM to a Chrome or Chromium binary";
