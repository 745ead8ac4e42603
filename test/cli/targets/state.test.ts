import { strict as assert } from "assert";
import * as fs from "fs";
import { loadDocument } from "../../../cli/targets";
import { parseUrn } from "../../../cli/targets/state";
import { TargetError } from "../../../cli/targets/target";
import { SECRET_SIG, SIG_KEY, UNKNOWN_WIRE_VALUE, wireSecret } from "../../../engine/resource";
import { proxied } from "../../harness";
import { target } from "../run-cli";

const STACK = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";
const urnOf = (type: string, name: string) => `urn:pulumi:dev::p::${type}::${name}`;
const BUCKET = urnOf("aws:s3/bucket:Bucket", "b");

const exportOf = (resources: unknown[], extra: Record<string, unknown> = {}) => ({ version: 3, deployment: { manifest: {}, resources, ...extra } });
const load = (doc: unknown, file = "stack.json") => loadDocument(file, JSON.stringify(doc, null, 2));

function refused(doc: unknown, message: RegExp): void {
    assert.throws(
        () => load(doc),
        (e: unknown) => e instanceof TargetError && message.test(e.message) && !e.message.includes("\n"),
    );
}

describe("stack exports and previews as current Pulumi CLIs write them", () => {
    it("reads a version 4 export (byte strings, resource references, assets, hooks, taint) and lists its pending operations", () => {
        const file = target("stack-export-v4.json");
        const loaded = loadDocument(file, fs.readFileSync(file, "utf8"));
        assert.equal(loaded.kind, "stack-export");
        assert.deepEqual([loaded.project, loaded.stack], ["claims-api", "prod"]);
        assert.deepEqual(
            loaded.resources.map((r) => r.name),
            ["claims-api-prod", "default_7_48_0", "claims-handler", "claims-handler-inline", "claims-handler", "openapi-spec"],
        );
        const inline = loaded.resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy")!;
        assert.equal(inline.inputs.role, "claims-handler-4f1e2d0");
        assert.deepEqual(inline.propertyDependencies.role, ["urn:pulumi:prod::claims-api::aws:iam/role:Role::claims-handler"]);
        for (const r of loaded.resources) {
            assert.ok(!Object.keys(r.inputs).some((k) => k.startsWith("__")), `${r.urn}: no top-level internal keys`);
            proxied(r.inputs);
            proxied(r.outputs);
        }
        assert.deepEqual(loaded.notExamined, [
            {
                kind: "unknown-state",
                urn: "urn:pulumi:prod::claims-api::aws:s3/bucket:Bucket::claims-archive",
                type: "aws:s3/bucket:Bucket",
                reason: "was being created when the state was saved (pending_operations), so the state does not show what exists: run `pulumi refresh` and export again",
            },
        ]);
    });

    it("reads an export of an empty stack, which has no resources key", () => {
        assert.deepEqual(load({ version: 3, deployment: { manifest: {} } }, "empty.json").resources, []);
    });

    it("drops resources marked for deletion and the engine's internal keys", () => {
        const loaded = load(exportOf([{ urn: BUCKET, type: "aws:s3/bucket:Bucket", delete: true }, { urn: BUCKET, type: "aws:s3/bucket:Bucket", inputs: { __defaults: [], bucket: "b", tags: { __defaults: [] } } }]));
        assert.deepEqual(loaded.resources.map((r) => r.inputs), [{ bucket: "b", tags: { __defaults: [] } }]);
    });

    it("records each encrypted value once, with its resource and path", () => {
        const secret = { [SIG_KEY]: SECRET_SIG, ciphertext: "v1:x" };
        const loaded = load(exportOf([{ urn: BUCKET, type: "aws:s3/bucket:Bucket", inputs: { policy: secret }, outputs: { policy: secret, env: { vars: { T: secret } } } }]));
        assert.deepEqual(loaded.unreadable, [
            { urn: BUCKET, path: "policy", reason: "encrypted" },
            { urn: BUCKET, path: "env.vars.T", reason: "encrypted" },
        ]);
        assert.deepEqual(loaded.resources[0].inputs.policy, wireSecret(UNKNOWN_WIRE_VALUE));
    });

    it("refuses deployment versions it cannot read, saying which it reads", () => {
        refused({ version: 2, deployment: {} }, /stack\.json is a deployment of version 2; phi-guard reads versions 3 and 4 .*export the stack again with a current Pulumi CLI/);
        refused({ version: 5, deployment: {} }, /is a deployment of version 5; .*a newer Pulumi CLI wrote it/);
        refused({ deployment: { resources: [] } }, /has no deployment version/);
    });

    it("names the resource and the property of every malformed value, in one line", () => {
        refused(exportOf([{ urn: BUCKET, type: "aws:s3/bucket:Bucket", inputs: { policy: { [SIG_KEY]: SECRET_SIG } } }]), /resource "urn:pulumi:dev::p::aws:s3\/bucket:Bucket::b" has a value at inputs policy that is a malformed secret/);
        refused(exportOf([{ urn: "urn:pulumi:dev::p::x:y:Z::evil\nsecond line", type: "x:y:Z", outputs: { a: { [SIG_KEY]: "nope" } } }]), /"urn:pulumi:dev::p::x:y:Z::evil\\nsecond line" has a value at outputs a that has an unrecognized signature/);
        refused(exportOf([{ urn: "arn:aws:s3:::b", type: "aws:s3/bucket:Bucket" }]), /deployment\.resources\[0\] has urn "arn:aws:s3:::b", which is not a Pulumi URN/);
        refused(exportOf([{ type: "aws:s3/bucket:Bucket" }]), /deployment\.resources\[0\] has no urn/);
        refused(exportOf([{ urn: BUCKET }]), /has no type/);
        refused(exportOf([{ urn: BUCKET, type: "t", inputs: [] }]), /has inputs that are not an object of properties/);
        refused(exportOf([{ urn: BUCKET, type: "t", dependencies: "x" }]), /has dependencies that are not a list of URNs/);
        refused(exportOf(["x"]), /deployment\.resources\[0\] is not a resource object/);
        refused({ version: 3, deployment: { resources: {} } }, /deployment\.resources is not a list/);
    });

    it("refuses a URN that appears twice, which would join one resource's relations to another", () => {
        refused(exportOf([{ urn: BUCKET, type: "aws:s3/bucket:Bucket" }, { urn: BUCKET, type: "aws:s3/bucket:Bucket" }]), /resource "urn:pulumi:dev::p::aws:s3\/bucket:Bucket::b" appears twice/);
    });

    it("refuses a value nested 2,000 levels deep, naming the resource", () => {
        let deep: unknown = "x";
        for (let i = 0; i < 2000; i++) deep = { d: deep };
        refused(exportOf([{ urn: BUCKET, type: "aws:s3/bucket:Bucket", outputs: { deep } }]), /resource ".*::b" has a value at outputs deep(\.d)+\.\.\. that is nested more than 256 levels deep/);
    });

    it("parses a URN whose name contains ::", () => {
        assert.deepEqual(parseUrn("urn:pulumi:dev::p::a:b:C$x:y:Z::n::with::colons"), { stack: "dev", project: "p", qualifiedType: "a:b:C$x:y:Z", name: "n::with::colons" });
    });
});

describe("preview files", () => {
    const step = (op: string, urn: string, newState?: Record<string, unknown>) => ({ op, urn, ...(newState ? { newState: { urn, custom: true, ...newState } } : {}) });

    it("takes the new state of every step that keeps a resource, the later one of a replacement", () => {
        const loaded = load({
            steps: [
                step("same", STACK, { type: "pulumi:pulumi:Stack", custom: false }),
                step("create", BUCKET, { type: "aws:s3/bucket:Bucket", inputs: { bucket: "old" } }),
                step("create-replacement", BUCKET, { type: "aws:s3/bucket:Bucket", inputs: { bucket: "new" } }),
                step("delete", urnOf("aws:s3/bucket:Bucket", "gone"), { type: "aws:s3/bucket:Bucket" }),
                step("delete-replaced", urnOf("aws:s3/bucket:Bucket", "gone2"), { type: "aws:s3/bucket:Bucket" }),
                step("read", urnOf("aws:iam/role:Role", "r"), { type: "aws:iam/role:Role" }),
            ],
            changeSummary: { same: 1, create: 1, delete: 1 },
        });
        assert.equal(loaded.kind, "preview");
        assert.deepEqual(loaded.resources.map((r) => [r.name, r.inputs.bucket]), [["p-dev", undefined], ["b", "new"], ["r", undefined]]);
        assert.deepEqual(loaded.notExamined, []);
    });

    it("says that unchanged resources are missing when the preview was written without --show-sames", () => {
        const loaded = load({ steps: [step("same", STACK, { type: "pulumi:pulumi:Stack" }), step("create", BUCKET, { type: "aws:s3/bucket:Bucket" })], changeSummary: { same: 13, create: 1 } });
        assert.deepEqual(loaded.notExamined, [
            {
                kind: "left-out",
                reason: "12 unchanged resources are not in the file (`pulumi preview --json` lists them only with --show-sames), so controls that join resources across the stack did not see them: run `pulumi preview --json --show-sames`",
            },
        ]);
    });

    it('records "[secret]" values as hidden and lists a step whose new state the CLI could not write', () => {
        const loaded = load({ steps: [step("create", BUCKET, { type: "aws:s3/bucket:Bucket", inputs: { policy: "[secret]" } }), step("update", urnOf("aws:kms/key:Key", "k"))] });
        assert.deepEqual(loaded.unreadable, [{ urn: BUCKET, path: "policy", reason: "hidden" }]);
        assert.deepEqual(loaded.notExamined, [{ kind: "unknown-state", urn: urnOf("aws:kms/key:Key", "k"), reason: "has no newState in the preview file, so its properties are unknown" }]);
    });

    it("names the step that is malformed", () => {
        refused({ steps: [{ urn: BUCKET }] }, /steps\[0\] is not a step/);
        refused({ steps: [step("create", BUCKET, { type: "aws:s3/bucket:Bucket", inputs: { a: { [SIG_KEY]: SECRET_SIG, plaintext: "{" } } })] }, /resource ".*::b" has a value at inputs a that is a malformed secret: its plaintext is not JSON/);
    });
});
