import { strict as assert } from "assert";
import { accountOfArn, accountOfPrincipal, awsBoundary, PLACEHOLDER_AWS_ACCOUNT } from "../../../../policies/lib/aws/boundary";
import { readSettings } from "../../../../policies/settings";
import { StackIndex } from "../../../../policies/lib/stack-index";
import { stackResource } from "../../../harness";

const settings = (s: object = {}) => readSettings(s);

describe("lib/aws/boundary", () => {
    it("reads the account of ARNs and principals, and none from an S3 bucket ARN", () => {
        assert.equal(accountOfArn("arn:aws:iam::111122223333:root"), "111122223333");
        assert.equal(accountOfArn("arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/x"), "111122223333");
        assert.equal(accountOfArn("arn:aws:s3:::acme-records"), undefined);
        assert.equal(accountOfArn("111122223333"), undefined);
        assert.equal(accountOfPrincipal(" 111122223333 "), "111122223333");
        assert.equal(accountOfPrincipal("*"), undefined);
    });

    it("is undecided with nothing configured and nothing shown, except for the placeholder caller identity", () => {
        const b = awsBoundary(new StackIndex([stackResource("aws:s3/bucket:Bucket", "b", { arn: "arn:aws:s3:::b" })]), settings());
        assert.equal(b.account("999988887777"), "undecided");
        assert.equal(b.account(PLACEHOLDER_AWS_ACCOUNT), "inside");
    });

    it("takes the configured accounts and organizations", () => {
        const b = awsBoundary(new StackIndex([]), settings({ trustedAwsAccountIds: ["111122223333"], trustedAwsOrganizationIds: ["o-abcdefghij"] }));
        assert.equal(b.account("111122223333"), "inside");
        assert.equal(b.account("999988887777"), "outside");
        assert.equal(b.trustsOrganization("O-ABCDEFGHIJ"), true);
    });

    it("is the configured accounts alone once any is configured: what the program shows does not widen it", () => {
        const provider = stackResource("pulumi:providers:aws", "extra", { allowedAccountIds: ["111122223333", "999988887777"] });
        const read = stackResource("aws:sns/topic:Topic", "t", { arn: "arn:aws:sns:us-east-1:888877776666:t" });
        const b = awsBoundary(new StackIndex([provider, read]), settings({ trustedAwsAccountIds: ["111122223333"] }));
        assert.equal(b.account("111122223333"), "inside");
        assert.equal(b.account("999988887777"), "outside");
        assert.equal(b.account("888877776666"), "outside");
        assert.equal(b.account(PLACEHOLDER_AWS_ACCOUNT), "inside", "the scan's stand-in for the caller's own account");
    });

    it("takes the stack's own accounts from known ARNs, provider resources and the provider each resource carries", () => {
        const fromArn = awsBoundary(new StackIndex([stackResource("aws:sns/topic:Topic", "t", { arn: "arn:aws:sns:us-east-1:111122223333:t" })]), settings());
        assert.deepEqual([...fromArn.own], ["111122223333"]);
        const provider = stackResource("pulumi:providers:aws", "default_7_0_0", { allowedAccountIds: '["222233334444"]', assumeRoles: '[{"roleArn":"arn:aws:iam::333344445555:role/deploy"}]' });
        assert.deepEqual([...awsBoundary(new StackIndex([provider]), settings()).own].sort(), ["222233334444", "333344445555"]);
        const carried = { ...stackResource("aws:s3/bucket:Bucket", "b", {}), provider: { type: "pulumi:providers:aws", props: { allowedAccountIds: ["444455556666"] } } };
        const b = awsBoundary(new StackIndex([carried]), settings());
        assert.equal(b.account("444455556666"), "inside");
        assert.equal(b.account("999988887777"), "outside");
    });
});
