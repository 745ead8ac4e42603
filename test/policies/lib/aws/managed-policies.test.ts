import { strict as assert } from "assert";
import { grantedWith, unconstrainedWith } from "../../../../policies/lib/aws/actions";
import { managedPolicy, managedPolicyName } from "../../../../policies/lib/aws/managed-policies";
import { isUnknown } from "../../../../policies/lib/values";
import { statements } from "./statement";

/** Every action of a capability a managed policy grants without limit, as if its document were inline. */
function reads(arn: string): string[] {
    const ref = managedPolicy(arn);
    if (ref.kind !== "managed") throw new Error(`${arn} is ${ref.kind}`);
    return statements(ref.document).flatMap((s) => {
        if (s.effect !== "Allow") return [];
        const got = unconstrainedWith(s, "read-phi");
        return isUnknown(got) ? ["unknown"] : got.map((a) => a.action);
    });
}

describe("lib/aws/managed-policies: AWS managed policies judged by their statements", () => {
    it("AmazonS3FullAccess reads every S3 object", () => {
        assert.ok(reads("arn:aws:iam::aws:policy/AmazonS3FullAccess").includes("s3:GetObject"));
    });

    it("SecretsManagerReadWrite reads every secret", () => {
        assert.ok(reads("arn:aws:iam::aws:policy/SecretsManagerReadWrite").includes("secretsmanager:GetSecretValue"));
    });

    it("ReadOnlyAccess reads every S3 object and DynamoDB item", () => {
        const got = reads("arn:aws:iam::aws:policy/ReadOnlyAccess");
        for (const a of ["s3:GetObject", "dynamodb:GetItem", "dynamodb:Scan"]) assert.ok(got.includes(a), a);
    });

    it("ViewOnlyAccess (a job function) reads no data", () => {
        assert.deepEqual(reads("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"), []);
    });

    it("AdministratorAccess and PowerUserAccess escalate; IAMReadOnlyAccess does not", () => {
        const escalates = (name: string) => {
            const ref = managedPolicy(`arn:aws:iam::aws:policy/${name}`);
            assert.equal(ref.kind, "managed");
            return statements((ref as { document: any }).document).some((s) => {
                const g = grantedWith(s, "escalate");
                return s.effect === "Allow" && !isUnknown(g) && g.length > 0;
            });
        };
        assert.ok(escalates("AdministratorAccess"));
        assert.ok(escalates("PowerUserAccess"), "NotAction iam:* still grants sts:AssumeRole");
        assert.ok(!escalates("IAMReadOnlyAccess"));
    });

    const REFS: [string, string][] = [
        ["arn:aws:iam::aws:policy/amazons3fullaccess", "managed AmazonS3FullAccess"],
        ["arn:aws-us-gov:iam::aws:policy/AdministratorAccess", "managed AdministratorAccess"],
        ["arn:aws:iam::aws:policy/job-function/DatabaseAdministrator", "managed job-function/DatabaseAdministrator"],
        ["arn:aws:iam::aws:policy/NoSuchPolicyYet", "unrecognised-managed NoSuchPolicyYet"],
        ["arn:aws:iam::111122223333:policy/AdministratorAccess", "customer "],
    ];
    for (const [arn, want] of REFS) {
        it(`classifies ${arn}`, () => {
            const ref = managedPolicy(arn);
            assert.equal(`${ref.kind} ${"name" in ref ? ref.name : ""}`, want);
        });
    }

    it("names a policy by the last segment of its path", () => {
        assert.equal(managedPolicyName("job-function/SystemAdministrator"), "SystemAdministrator");
    });
});
