import { strict as assert } from "assert";
import * as path from "path";
import { cliAllControls, ROOT, target } from "./run-cli";

/**
 * `phi-guard access`: the access graph of a target as a report, for a stack export and for the
 * sample programs, with their chains asserted exactly.
 */
const sample = (name: string) => path.relative(process.cwd(), path.join(ROOT, "stacks", name));
const chainsOf = (stdout: string, store: string): string[] => {
    const report = JSON.parse(stdout);
    return report.stores.find((s: { name: string }) => s.name === store).paths.map((p: { chain: string }) => p.chain);
};

describe("phi-guard access", function () {
    this.timeout(300_000);

    it("reports every principal that reads the stores of a stack export, by the shortest chain, in a table", async () => {
        const run = await cliAllControls("access", target("stack-export-access.json"), "--principal", "developer");
        assert.equal(run.code, 0, run.stderr);
        assert.equal(
            run.stdout,
            [
                "phi-guard access: test/fixtures/targets/stack-export-access.json (stack-export, stack prod)",
                "access shown: read",
                "",
                "claims-bucket (aws:s3/bucket:Bucket)",
                "  read       developer [person], 3 steps",
                "             developer -> assumes deploy-role -> passes claims-reader to a lambda workload (iam:PassRole) -> s3:GetObject on claims-bucket",
                "",
                "1 PHI store, 1 path (0 unverified) from 1 principal: 1 person, 0 outside the organisation",
                "",
            ].join("\n"),
        );
    });

    it("gives every chain, with each step and where it is written, as JSON, the outside account's chain through two roles included", async () => {
        const run = await cliAllControls("access", target("stack-export-access.json"), "--format", "json");
        assert.equal(run.code, 0, run.stderr);
        assert.deepEqual(chainsOf(run.stdout, "claims-bucket"), [
            "claims-reader -> s3:GetObject on claims-bucket",
            "deploy-role -> passes claims-reader to a lambda workload (iam:PassRole) -> s3:GetObject on claims-bucket",
            "account 111122223333 -> assumes deploy-role -> passes claims-reader to a lambda workload (iam:PassRole) -> s3:GetObject on claims-bucket",
            "developer -> assumes deploy-role -> passes claims-reader to a lambda workload (iam:PassRole) -> s3:GetObject on claims-bucket",
            "engineers -> assumes deploy-role -> passes claims-reader to a lambda workload (iam:PassRole) -> s3:GetObject on claims-bucket",
            "partner-audit -> assumes deploy-role -> passes claims-reader to a lambda workload (iam:PassRole) -> s3:GetObject on claims-bucket",
            "account 999988887777 -> assumes partner-audit -> assumes deploy-role -> passes claims-reader to a lambda workload (iam:PassRole) -> s3:GetObject on claims-bucket",
        ]);
        const report = JSON.parse(run.stdout);
        const external = report.stores[0].paths.find((p: { principal: { external: boolean } }) => p.principal.external);
        assert.deepEqual(external.steps.map((s: { via: string }) => s.via), [
            'Role "partner-audit" assumeRolePolicy.Statement[0]',
            'RolePolicy "partner-audit-assume" policy.Statement[0]',
            'RolePolicy "deploy-role-functions" policy.Statement[0]',
            'RolePolicy "claims-reader-read" policy.Statement[0]',
        ]);
        assert.ok(!run.stdout.includes("partner-7f3a"), "the external id is not printed");
        assert.deepEqual(report.summary, { stores: 1, paths: 7, unverified: 0, principals: 7, humans: 6, external: 1 });
    });

    it("shows the aws-violations sample's paths to its records bucket: PassRole escalation, a chain of three steps, a cross-account trust", async () => {
        const run = await cliAllControls("access", sample("aws-violations"), "--config", path.join(sample("aws-violations"), "policy-config.json"), "--store", "records-aes256", "--format", "json");
        assert.equal(run.code, 0, run.stderr);
        assert.deepEqual(chainsOf(run.stdout, "records-aes256"), [
            "claims-reader-role -> s3:GetObject on records-aes256",
            "ops-role -> s3:GetObject on records-aes256",
            "report-export-role -> s3:GetObject on records-aes256",
            "sso-admins -> s3:GetObject on records-aes256",
            "vendor-audit -> s3:GetObject on records-aes256",
            "account 444455556666 -> assumes vendor-audit -> s3:GetObject on records-aes256",
            "deploy-role -> passes claims-reader-role to a lambda workload (iam:PassRole) -> s3:GetObject on records-aes256",
            "report-export -> runs as report-export-role -> s3:GetObject on records-aes256",
            "role/sso-operators in account 111122223333 -> assumes ops-role -> s3:GetObject on records-aes256",
            "account 123456789012 -> assumes deploy-role -> passes claims-reader-role to a lambda workload (iam:PassRole) -> s3:GetObject on records-aes256",
            "dev-alice -> assumes deploy-role -> passes claims-reader-role to a lambda workload (iam:PassRole) -> s3:GetObject on records-aes256",
            "developers -> assumes deploy-role -> passes claims-reader-role to a lambda workload (iam:PassRole) -> s3:GetObject on records-aes256",
        ]);
    });

    it("shows the azure-violations sample's paths to its claims account: an inherited assignment, an app's identity, a foreign tenant", async () => {
        const run = await cliAllControls("access", sample("azure-violations"), "--config", path.join(sample("azure-violations"), "policy-config.json"), "--store", "phiaccessclaims", "--format", "json");
        assert.equal(run.code, 0, run.stderr);
        assert.deepEqual(chainsOf(run.stdout, "phiaccessclaims"), [
            "claims-api-id -> Storage Blob Data Reader on phiaccessclaims (inherited from resource group phi-data-violations)",
            "group 11111111-1111-1111-1111-111111111111 -> listKeys with Contributor on phiaccessclaims (inherited from subscription)",
            "claims-api -> runs as claims-api-id -> Storage Blob Data Reader on phiaccessclaims (inherited from resource group phi-data-violations)",
            "tenant 12121212-3434-5656-7878-909090909090 -> signs in as claims-api-id (federated credential) -> Storage Blob Data Reader on phiaccessclaims (inherited from resource group phi-data-violations)",
            "group 5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f -> deploys code to claims-api with Website Contributor (inherited from resource group phi-data-violations) -> runs as claims-api-id -> Storage Blob Data Reader on phiaccessclaims (inherited from resource group phi-data-violations)",
        ]);
    });

    it("exits 2 on an access kind it does not know", async () => {
        const run = await cliAllControls("access", target("stack-export-access.json"), "--access", "delete");
        assert.equal(run.code, 2);
    });
});
