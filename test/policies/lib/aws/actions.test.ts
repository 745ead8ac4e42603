import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fc from "fast-check";
import * as path from "path";
import { accessLevelsOf, actionFacts, actionsWith, Capability, CAPABILITIES, grantedWith, isKnownService, isServiceWildcard, unconstrainedWith } from "../../../../policies/lib/aws/actions";
import { isUnknown, UNKNOWN } from "../../../../policies/lib/values";
import { statement } from "./statement";

const granted = (s: Parameters<typeof grantedWith>[0], c: Capability) => {
    const out = grantedWith(s, c);
    return isUnknown(out) ? out : out.map((a) => a.action).sort();
};
const unconstrained = (s: Parameters<typeof grantedWith>[0], c: Capability) => {
    const out = unconstrainedWith(s, c);
    return isUnknown(out) ? out : out.map((a) => a.action).sort();
};

describe("lib/aws/actions: the one AWS action table", () => {
    it("is generated from the pinned dataset and current", () => {
        execFileSync(process.execPath, [path.join(__dirname, "../../../../scripts/aws-model/generate.js"), "--check"], { stdio: "pipe" });
    });

    const CASES: [string, Capability[]][] = [
        ["healthlake:ReadResource", ["read-phi"]],
        ["s3:GetObject", ["read-phi"]],
        ["secretsmanager:GetSecretValue", ["read-phi"]],
        ["redshift-data:GetStatementResult", ["read-phi"]],
        ["rds:DownloadDBLogFilePortion", ["read-phi"]],
        ["rds:DownloadCompleteDBLogFile", ["read-phi"]],
        ["kms:Decrypt", ["read-phi", "decrypt"]],
        ["kms:ReEncryptFrom", ["decrypt"]],
        ["iam:PassRole", ["change", "escalate"]],
        ["iam:AttachRolePolicy", ["change", "escalate", "administer"]],
        ["sso:PutInlinePolicyToPermissionSet", ["change", "escalate"]],
        ["lambda:UpdateFunctionCode", ["change"]],
        ["s3:PutBucketPolicy", ["administer"]],
        ["kms:PutKeyPolicy", ["administer"]],
        ["sts:AssumeRole", ["escalate"]],
    ];
    for (const [action, capabilities] of CASES) {
        it(`gives ${action} exactly ${capabilities.join(", ")}`, () => {
            assert.deepEqual([...(actionFacts(action)?.capabilities ?? [])].sort(), [...capabilities].sort());
        });
    }

    it("gives metadata reads no capability: rds:DescribeDBInstances lists, s3:GetBucketAcl reads configuration", () => {
        assert.equal(actionFacts("rds:DescribeDBInstances"), undefined);
        assert.equal(actionFacts("s3:GetBucketAcl"), undefined);
        assert.deepEqual(accessLevelsOf("rds:DescribeDBInstances"), ["List"]);
        assert.deepEqual(accessLevelsOf("S3:getobject"), ["Read"]);
        assert.deepEqual(accessLevelsOf("iam:AttachRolePolicy"), ["Permissions management", "Write"]);
        assert.equal(accessLevelsOf("s3:NoSuchAction"), undefined);
        assert.ok(isKnownService("healthlake") && !isKnownService("nosuchservice"));
    });

    it("reads the resource ARN templates and narrowing keys from the dataset", () => {
        const decrypt = actionFacts("kms:Decrypt")!;
        assert.deepEqual(decrypt.resources, ["arn:{partition}:kms:{region}:{account}:key/phi-guard-probe"]);
        assert.ok(decrypt.constrainingKeys.includes("kms:viaservice") && decrypt.constrainingKeys.includes("kms:encryptioncontext:*"));
        assert.ok(!decrypt.constrainingKeys.includes("kms:calleraccount"), "the caller's own account narrows nothing");
        assert.deepEqual(actionFacts("sts:AssumeRole")!.constrainingKeys, ["aws:resourcetag/*", "iam:resourcetag/*"]);
    });

    it("grants by pattern, service wildcard, `*` and NotAction", () => {
        assert.deepEqual(granted(statement({ Effect: "Allow", Action: "healthlake:Read*", Resource: "*" }), "read-phi"), ["healthlake:ReadResource"]);
        assert.deepEqual(granted(statement({ Effect: "Allow", Action: "rds:Describe*", Resource: "*" }), "read-phi"), []);
        assert.ok((granted(statement({ Effect: "Allow", Action: "*", Resource: "*" }), "escalate") as string[]).includes("iam:PassRole"));
        const notIam = granted(statement({ Effect: "Allow", NotAction: ["iam:*", "sso:*"], Resource: "*" }), "escalate") as string[];
        assert.deepEqual(notIam, ["sts:AssumeRole"]);
        assert.equal(granted(statement({ Effect: "Allow", Action: UNKNOWN, Resource: "*" }), "read-phi"), UNKNOWN);
    });

    it("limits by resource: one key is not every key, a wildcard account is", () => {
        const on = (Resource: string) => unconstrained(statement({ Effect: "Allow", Action: "kms:Decrypt", Resource }), "decrypt");
        assert.deepEqual(on("*"), ["kms:Decrypt"]);
        assert.deepEqual(on("arn:aws:kms:*:111122223333:key/*"), ["kms:Decrypt"]);
        assert.deepEqual(on("arn:aws:kms:us-east-1:111122223333:key/1234"), []);
    });

    it("counts an unknown Resource item as another resource's ARN, and a known `*` beside it as everything", () => {
        const on = (Resource: any) => unconstrained(statement({ Effect: "Allow", Action: "kms:Decrypt", Resource }), "decrypt");
        assert.deepEqual(on(UNKNOWN), []);
        assert.deepEqual(on([UNKNOWN, "*"]), ["kms:Decrypt"]);
        assert.deepEqual(on("arn:aws:kms:us-east-1:111122223333:alias/*"), []);
    });

    it("limits PassRole by the service it is passed to, and not AssumeRole beside it", () => {
        const s = statement({ Effect: "Allow", Action: ["iam:PassRole", "sts:AssumeRole"], Resource: "*", Condition: { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } } });
        assert.deepEqual(unconstrained(s, "escalate"), ["sts:AssumeRole"]);
    });

    it("recognises service wildcards only", () => {
        assert.ok(isServiceWildcard("s3:*") && isServiceWildcard("Secrets-Manager:**"));
        assert.ok(!isServiceWildcard("s3:Get*") && !isServiceWildcard("*"));
    });

    it("limits by a condition only on a key that narrows the action, with a real value", () => {
        const s = (Condition: Record<string, any>) => unconstrained(statement({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition }), "decrypt");
        assert.deepEqual(s({ StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } }), []);
        assert.deepEqual(s({ StringEquals: { "kms:CallerAccount": "111122223333" } }), ["kms:Decrypt"]);
        assert.deepEqual(s({ StringLike: { "kms:ViaService": "*" } }), ["kms:Decrypt"]);
        assert.deepEqual(s({ StringEqualsIfExists: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } }), ["kms:Decrypt"]);
        assert.equal(s({ StringEquals: UNKNOWN }), UNKNOWN);
    });

    it("judges every action of a capability alike, however the statement names it (property)", () => {
        for (const capability of CAPABILITIES) {
            const actions = actionsWith(capability).map((a) => a.action);
            fc.assert(
                fc.property(fc.constantFrom(...actions), fc.constantFrom("exact", "lower", "service", "star", "notaction", "prefix"), (action, form) => {
                    const [service, name] = action.split(":");
                    const s =
                        form === "exact" ? { Action: action }
                        : form === "lower" ? { Action: action.toLowerCase() }
                        : form === "service" ? { Action: `${service}:*` }
                        : form === "star" ? { Action: "*" }
                        : form === "notaction" ? { NotAction: service === "ec2" ? "s3:*" : "ec2:*" }
                        : { Action: `${service}:${name.slice(0, 3)}*` };
                    const got = grantedWith(statement({ Effect: "Allow", Resource: "*", ...s }), capability);
                    return !isUnknown(got) && got.some((a) => a.action === action);
                }),
                { numRuns: 200 },
            );
        }
    });
});
