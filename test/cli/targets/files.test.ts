import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { readTextFile } from "../../../cli/targets/files";
import { TargetError } from "../../../cli/targets/target";
import { tempDir } from "../run-cli";

describe("reading a target's files", () => {
    it("reads UTF-8 with or without a byte order mark, and UTF-16 as PowerShell's redirection writes it", () => {
        const tmp = tempDir();
        try {
            const text = '{"version":3,"deployment":{"resources":[]},"note":"é"}';
            const files: [string, Buffer][] = [
                ["plain.json", Buffer.from(text)],
                ["bom.json", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
                ["utf16le.json", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])],
                ["utf16be.json", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()])],
            ];
            for (const [name, bytes] of files) {
                fs.writeFileSync(path.join(tmp.dir, name), bytes);
                assert.equal(readTextFile(path.join(tmp.dir, name), 1024), text, name);
            }
        } finally {
            tmp.remove();
        }
    });

    it("stops at the limit instead of reading the whole file", () => {
        const tmp = tempDir();
        try {
            const file = path.join(tmp.dir, "big.json");
            fs.writeFileSync(file, "x".repeat(2048));
            assert.throws(() => readTextFile(file, 1024), (e: unknown) => e instanceof TargetError && /is larger than/.test(e.message));
        } finally {
            tmp.remove();
        }
    });
});
