import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { cli, target } from "./run-cli";

/**
 * Every fixture that carries a secret marks it with PLANTED-: ciphertext in a stack export,
 * plaintext from `--show-secrets` (one inside a policy document that a control parses), an
 * `fn::secret` in a YAML program and a `secure:` value in its stack config. None may reach any
 * report, whatever the format.
 */
const TARGETS = ["stack-export-encrypted.json", "stack-export-plaintext.json", "yaml-program"];
const FORMATS = ["table", "json", "sarif", "markdown", "html"];

function planted(name: string): string[] {
    const file = target(name);
    const files = fs.statSync(file).isDirectory() ? fs.readdirSync(file).map((f) => path.join(file, f)) : [file];
    return [...new Set(files.flatMap((f) => fs.readFileSync(f, "utf8").match(/PLANTED-[A-Za-z0-9-]+/g) ?? []))];
}

describe("phi-guard scan: secrets in targets never reach a report", function () {
    this.timeout(120_000);

    for (const name of TARGETS) {
        it(`${name}: no planted secret in any format`, async () => {
            const secrets = planted(name);
            assert.ok(secrets.length >= 2, `${name} plants secrets`);
            for (const format of FORMATS) {
                const run = await cli("scan", target(name), "--format", format);
                assert.equal(run.code, 1, run.stderr);
                assert.ok(run.stdout.length > 0);
                for (const secret of secrets) {
                    assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), `${format} report of ${name} shows ${secret}`);
                }
            }
        });
    }
});
