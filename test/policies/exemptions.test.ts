import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { awsIamNoAdminStatements } from "../../policies/aws/iam/no-admin-statements";
import { awsLogsRetention } from "../../policies/aws/logs/retention";
import { awsS3EncryptionCmk } from "../../policies/aws/s3/encryption-cmk";
import { awsSgEgress } from "../../policies/aws/sg/egress";
import { parseExemptReason } from "../../policies/outcomes";
import { diagnosticsOf, runResource, runSettings, runStack, urnOf } from "../harness";

const CONTROL = "aws-iam-no-admin-statements";
const TAG = `phi-guard:exempt:${CONTROL}`;
const TODAY = "2026-11-29";
const admin = (tags?: Record<string, string>, name = "ops-admin") => ({
    type: "aws:iam/policy:Policy",
    name,
    props: { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }), ...(tags ? { tags } : {}) },
});
const URN = urnOf(admin());
const exemption = (more: Record<string, unknown> = {}) => ({
    id: "SEC-42",
    controls: [CONTROL],
    project: "test",
    stack: "test",
    type: "aws:iam/policy:Policy",
    name: "ops-*",
    reason: "migration to SSO roles",
    expires: "2027-01-31",
    approvedBy: "ciso",
    ...more,
});
const settings = (more: Record<string, unknown> = {}) => ({ asOf: TODAY, ...more });

/** The insider's tag from the issue: any reason, a far expiry and an approver written by themselves. */
const INSIDER_TAG = { [TAG]: "approved exception; expires=2099-01-01; approvedBy=ciso" };

describe("exemptions", () => {
    describe("what a tag cannot do", () => {
        it("grants nothing by default: the finding stands and says why the tag was not honoured", async () => {
            const r = await runResource(awsIamNoAdminStatements, admin(INSIDER_TAG), { settings: settings() });
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /; its phi-guard:exempt:aws-iam-no-admin-statements tag is not honoured: the policy config allows no self-service tag exemptions for this control \(selfServiceControls\)$/);
            assert.equal(r.exempt, undefined);
        });

        it("gets an advisory finding of its own from the settings policy, on a resource the control passes too", async () => {
            const passing = { type: "aws:s3/bucket:Bucket", name: "b", props: { tags: { "phi-guard:exempt:aws-s3-encryption-cmk": "trust me; expires=2099-01-01" } } };
            const r = await runSettings(passing, { settings: settings() });
            assert.deepEqual(r.violations, [
                "exemption tag not honoured at tags.phi-guard:exempt:aws-s3-encryption-cmk: the policy config allows no self-service tag exemptions for this control (selfServiceControls); it exempts nothing",
            ]);
            assert.deepEqual(diagnosticsOf(r).map((d) => d.enforcementLevel), ["advisory"]);
        });

        it("is reported whatever the case of its key, and for a control id that does not exist", async () => {
            const r = await runSettings(admin({ [TAG.toUpperCase()]: "x; expires=2027-01-01", "phi-guard:exempt:aws-nothing": "x" }), { settings: settings() });
            assert.equal(r.violations.length, 2);
            assert.match(r.violations[1], /^exemption tag not honoured at tags.phi-guard:exempt:aws-nothing: phi-guard has no control of that id; it exempts nothing$/);
        });

        it("takes no approver from a tag: approvedBy=ciso is neither approval nor shown as one", async () => {
            const r = await runResource(awsIamNoAdminStatements, admin(INSIDER_TAG), { settings: settings({ selfServiceControls: [CONTROL], selfServiceMaxDays: 30 }) });
            assert.equal(r.violations.length, 1, "an expiry past the self-service limit is refused, whoever the tag says approved it");
            assert.match(r.violations[0], /runs past the 30 days the policy config allows \(selfServiceMaxDays: 2026-12-29 at the latest\)/);
            const ok = await runResource(awsIamNoAdminStatements, admin({ [TAG]: "break-glass drill; expires=2026-12-01; approvedBy=ciso" }), { settings: settings({ selfServiceControls: [CONTROL] }) });
            assert.deepEqual(ok.notices, ["exempt from aws-iam-no-admin-statements until 2026-12-01: break-glass drill (self-service tag, not reviewed; judged as of 2026-11-29)"]);
            assert.doesNotMatch(ok.exempt![0], /ciso/);
        });

        it("cannot take a self-service exemption for a control the config does not list", async () => {
            const r = await runResource(awsIamNoAdminStatements, admin({ [TAG]: "drill; expires=2026-12-01" }), { settings: settings({ selfServiceControls: ["aws-s3-encryption-cmk"] }) });
            assert.equal(r.violations.length, 1);
        });

        it("cannot reference an exemption unless the config allows references, nor one that does not name the resource or the control", async () => {
            const ref = { [TAG]: "exemption=SEC-42" };
            const off = await runResource(awsIamNoAdminStatements, admin(ref, "app-admin"), { settings: settings({ exemptions: [exemption()] }) });
            assert.match(off.violations[0], /does not let tags reference exemptions \(tagReferences\)/);
            const on = { exemptions: [exemption()], tagReferences: true };
            const elsewhere = await runResource(awsIamNoAdminStatements, admin(ref, "app-admin"), { settings: settings(on) });
            assert.match(elsewhere.violations[0], /exemption SEC-42 does not name this resource/);
            const otherControl = await runResource(awsIamNoAdminStatements, admin(ref), { settings: settings({ ...on, exemptions: [exemption({ controls: ["aws-s3-encryption-cmk"] })] }) });
            assert.match(otherControl.violations[0], /exemption SEC-42 does not cover aws-iam-no-admin-statements/);
            const missing = await runResource(awsIamNoAdminStatements, admin({ [TAG]: "exemption=SEC-99" }, "app-admin"), { settings: settings(on) });
            assert.match(missing.violations[0], /the exemption it references is not in the policy config/);
        });
    });

    describe("the date comes from the clock", () => {
        const saved = process.env.PHI_GUARD_TODAY;
        after(() => (saved === undefined ? delete process.env.PHI_GUARD_TODAY : (process.env.PHI_GUARD_TODAY = saved)));

        it("does not revive an expired exemption when PHI_GUARD_TODAY is set in the environment", async () => {
            process.env.PHI_GUARD_TODAY = "2019-06-01";
            const r = await runResource(awsIamNoAdminStatements, admin(), { settings: { exemptions: [exemption({ expires: "2020-01-31" })] } });
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /; its exemption SEC-42 expired on 2020-01-31$/);
        });

        it("judges expiry as of the config's asOf date (phi-guard scan --as-of), and says so in the notice", async () => {
            const old = { exemptions: [exemption({ expires: "2020-01-31" })] };
            const r = await runResource(awsIamNoAdminStatements, admin(), { settings: { ...old, asOf: "2019-06-01" } });
            assert.deepEqual(r.violations, []);
            assert.deepEqual(r.notices, ["exempt from aws-iam-no-admin-statements until 2020-01-31: migration to SSO roles (exemption SEC-42 in the policy config, approved by ciso; judged as of 2019-06-01)"]);
        });

        it("holds an exemption through its expiry date and not a day later", async () => {
            const onTheDay = await runResource(awsIamNoAdminStatements, admin(), { settings: settings({ exemptions: [exemption({ expires: TODAY })] }) });
            const dayAfter = await runResource(awsIamNoAdminStatements, admin(), { settings: settings({ exemptions: [exemption({ expires: "2026-11-28" })] }) });
            assert.deepEqual([onTheDay.violations.length, dayAfter.violations.length], [0, 1]);
        });
    });

    describe("a config exemption names its target precisely", () => {
        const elsewhere = (project: string, stack: string) => ({ ...admin(), urn: `urn:pulumi:${stack}::${project}::aws:iam/policy:Policy::ops-admin` });

        it("does not exempt a resource of the same name in another project or stack", async () => {
            const e = exemption({ project: "claims", stack: "prod" });
            for (const [project, stack] of [["other", "prod"], ["claims", "dev"]]) {
                const r = await runResource(awsIamNoAdminStatements, elsewhere(project, stack), { settings: settings({ exemptions: [e] }) });
                assert.equal(r.violations.length, 1, `${project}/${stack}`);
            }
            const same = await runResource(awsIamNoAdminStatements, elsewhere("claims", "prod"), { settings: settings({ exemptions: [e] }) });
            assert.deepEqual(same.violations, []);
        });

        it("matches names case-sensitively and needs the type it names", async () => {
            const upper = await runResource(awsIamNoAdminStatements, admin(), { settings: settings({ exemptions: [exemption({ name: "OPS-*" })] }) });
            const otherType = await runResource(awsIamNoAdminStatements, admin(), { settings: settings({ exemptions: [exemption({ type: "aws:iam/role:Role" })] }) });
            assert.deepEqual([upper.violations.length, otherType.violations.length], [1, 1]);
        });

        it("ignores an entry that names only a resource name (the config schema rejects it too)", async () => {
            const nameOnly = { id: "X", controls: [CONTROL], name: "ops-admin", reason: "r", expires: "2027-01-01" };
            const r = await runResource(awsIamNoAdminStatements, admin(), { settings: settings({ exemptions: [nameOnly] }) });
            assert.equal(r.violations.length, 1);
        });

        it("exempts by URN pattern, and by project, stack, type and name", async () => {
            const byUrn = { id: "U", controls: [CONTROL], urn: "urn:pulumi:test::test::aws:iam/policy:Policy::ops-*", reason: "r", expires: "2027-01-01" };
            for (const e of [byUrn, exemption()]) {
                const r = await runResource(awsIamNoAdminStatements, admin(), { settings: settings({ exemptions: [e] }) });
                assert.deepEqual(r.violations, [], e.id);
            }
        });

        it("does not exempt other controls than those it lists", async () => {
            const e = exemption({ controls: ["aws-s3-encryption-cmk"] });
            const r = await runResource(awsIamNoAdminStatements, admin(), { settings: settings({ exemptions: [e] }) });
            assert.equal(r.violations.length, 1);
        });
    });

    describe("the legitimate paths", () => {
        it("honours a reviewer-defined exemption: recorded as not applicable and reported as an advisory notice", async () => {
            const r = await runResource(awsIamNoAdminStatements, admin(), { settings: settings({ exemptions: [exemption()] }) });
            assert.deepEqual(r.violations, []);
            assert.deepEqual(parseExemptReason(r.exempt![0]), [{ urn: URN, until: "2027-01-31", source: "exemption SEC-42 in the policy config, approved by ciso; judged as of 2026-11-29", reason: "migration to SSO roles" }]);
            assert.deepEqual(r.notices, ["exempt from aws-iam-no-admin-statements until 2027-01-31: migration to SSO roles (exemption SEC-42 in the policy config, approved by ciso; judged as of 2026-11-29)"]);
            assert.deepEqual(diagnosticsOf(r).map((d) => d.enforcementLevel), ["advisory"]);
        });

        it("leaves only the not-applicable record when the config turns exemption notices off", async () => {
            const r = await runResource(awsIamNoAdminStatements, admin(), { settings: settings({ exemptions: [exemption()], reportExemptions: false }) });
            assert.deepEqual([r.violations, r.notices, r.exempt?.length], [[], undefined, 1]);
        });

        it("honours a tag that references a reviewer-defined exemption naming the resource", async () => {
            const e = exemption({ requireTag: true });
            const tagged = await runResource(awsIamNoAdminStatements, admin({ [TAG]: "exemption=SEC-42" }), { settings: settings({ exemptions: [e], tagReferences: true }) });
            assert.deepEqual(tagged.violations, []);
            assert.match(tagged.notices![0], /\(exemption SEC-42 in the policy config, referenced by a tag, approved by ciso; judged as of 2026-11-29\)$/);
            const untagged = await runResource(awsIamNoAdminStatements, admin(), { settings: settings({ exemptions: [e], tagReferences: true }) });
            assert.equal(untagged.violations.length, 1, "an exemption that requires a tag does not apply without one");
            const settingsCheck = await runSettings(admin({ [TAG]: "exemption=SEC-42" }), { settings: settings({ exemptions: [e], tagReferences: true }) });
            assert.deepEqual(settingsCheck.violations, [], "an honoured tag is not reported");
        });

        it("does not report a tag on a resource that the config exempts anyway", async () => {
            const r = await runSettings(admin({ [TAG]: "exemption=SEC-42" }), { settings: settings({ exemptions: [exemption()] }) });
            assert.deepEqual(r.violations, []);
        });

        it("honours a self-service tag within the configured controls and days", async () => {
            const r = await runResource(awsIamNoAdminStatements, admin({ [TAG]: "incident INC-7 drill; expires=2026-12-29" }), {
                settings: settings({ selfServiceControls: [CONTROL], selfServiceMaxDays: 30 }),
            });
            assert.deepEqual(r.violations, []);
            assert.deepEqual(parseExemptReason(r.exempt![0]).map((e) => [e.until, e.source, e.reason]), [["2026-12-29", "self-service tag, not reviewed; judged as of 2026-11-29", "incident INC-7 drill"]]);
        });

        it("keeps a self-service tag without a reason or a valid expiry from exempting", async () => {
            const s = { settings: settings({ selfServiceControls: [CONTROL] }) };
            const noExpiry = await runResource(awsIamNoAdminStatements, admin({ [TAG]: "because" }), s);
            const noReason = await runResource(awsIamNoAdminStatements, admin({ [TAG]: "expires=2026-12-01" }), s);
            const badDate = await runResource(awsIamNoAdminStatements, admin({ [TAG]: "x; expires=2026-02-30" }), s);
            assert.match(noExpiry.violations[0], /tag is not honoured: it needs expires=YYYY-MM-DD$/);
            assert.match(noReason.violations[0], /tag is not honoured: it gives no reason$/);
            assert.match(badDate.violations[0], /needs expires/);
        });

        it("exempts one resource of a stack control, records it with its URN and still reports the others", async () => {
            const a = { type: "aws:s3/bucket:Bucket", name: "legacy-export", props: {} };
            const b = { type: "aws:s3/bucket:Bucket", name: "records", props: {} };
            const e = { id: "CHG-2291", controls: ["aws-s3-encryption-cmk"], urn: "urn:pulumi:test::test::aws:s3/bucket:Bucket::legacy-*", reason: "decommission in Q1", expires: "2027-03-31" };
            const r = await runStack(awsS3EncryptionCmk, [a, b], { settings: settings({ exemptions: [e] }) });
            assert.deepEqual(r.urns, [urnOf(b)]);
            assert.deepEqual(parseExemptReason(r.exempt![0]).map((x) => x.urn), [urnOf(a)]);
            assert.deepEqual(diagnosticsOf(r).filter((d) => d.message.startsWith("exempt from")).map((d) => d.urn), [urnOf(a)]);
        });
    });
});

describe("the documented examples (docs/examples) do what docs/configuration.md says", () => {
    const example = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, "../../docs/examples", name), "utf8"))["phi-guard-settings"];
    const asOf = { asOf: "2026-11-29" };

    it("phi-production: the migration exemption covers claims/prod's export bucket, not the same name elsewhere", async () => {
        const settings = { ...example("phi-production.json"), ...asOf };
        const bucket = (stack: string) => ({ type: "aws:s3/bucket:Bucket", name: "legacy-claims-export", urn: `urn:pulumi:${stack}::claims::aws:s3/bucket:Bucket::legacy-claims-export`, props: {} });
        const prod = await runStack(awsS3EncryptionCmk, [bucket("prod")], { settings });
        const dev = await runStack(awsS3EncryptionCmk, [bucket("dev")], { settings });
        assert.deepEqual([prod.violations.length, prod.exempt?.length, dev.violations.length], [0, 1, 1]);
    });

    it("phi-production: a partner SFTP security group is exempt from egress only when its tag references SEC-1187", async () => {
        const settings = { ...example("phi-production.json"), ...asOf };
        const sg = (tags?: Record<string, string>) => ({
            type: "aws:ec2/securityGroup:SecurityGroup",
            name: "partner-sftp-1",
            urn: "urn:pulumi:prod::claims::my:component:Sftp$aws:ec2/securityGroup:SecurityGroup::partner-sftp-1",
            props: { vpcId: "vpc-1", egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }], ...(tags ? { tags } : {}) },
        });
        const referenced = await runResource(awsSgEgress, sg({ "phi-guard:exempt:aws-sg-egress": "exemption=SEC-1187" }), { settings });
        const untagged = await runResource(awsSgEgress, sg(), { settings });
        assert.deepEqual([referenced.violations.length, referenced.notices?.length, untagged.violations.length], [0, 1, 1]);
    });

    it("sandbox: a team may exempt a log group from retention for at most 14 days", async () => {
        const settings = { ...example("sandbox.json"), ...asOf };
        const logs = (expires: string) => ({ type: "aws:cloudwatch/logGroup:LogGroup", props: { retentionInDays: 7, tags: { "phi-guard:exempt:aws-logs-retention": `load test data, deleted after; expires=${expires}` } } });
        const within = await runResource(awsLogsRetention, logs("2026-12-13"), { settings });
        const beyond = await runResource(awsLogsRetention, logs("2026-12-14"), { settings });
        assert.deepEqual([within.violations.length, beyond.violations.length], [0, 1]);
    });
});
