import { strict as assert } from "assert";
import { awsSegregationOfDuties as control } from "../../../../policies/aws/segregation/of-duties";
import { runResource, runStack, runStackPart, TestResource, unknown, urnOf } from "../../../harness";

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const allow = (Action: unknown, Resource: unknown = "*") => ({ Effect: "Allow", Action, Resource });
const role = (name: string, props: Record<string, unknown> = {}): TestResource => ({ type: "aws:iam/role:Role", name, props: { assumeRolePolicy: "{}", ...props } });
const user = (name: string): TestResource => ({ type: "aws:iam/user:User", name, props: {} });
const group = (name: string): TestResource => ({ type: "aws:iam/group:Group", name, props: {} });
const policy = (name: string, d: unknown): TestResource => ({ type: "aws:iam/policy:Policy", name, props: { policy: d, arn: unknown } });
const attach = (type: string, name: string, principalProp: string, target: TestResource, pol: TestResource | string): TestResource => ({
    type,
    name,
    props: { [principalProp]: unknown, policyArn: typeof pol === "string" ? pol : unknown },
    propertyDependencies: { [principalProp]: [urnOf(target)], ...(typeof pol === "string" ? {} : { policyArn: [urnOf(pol)] }) },
});
const rolePolicy = (name: string, target: TestResource, d: unknown): TestResource => ({ type: "aws:iam/rolePolicy:RolePolicy", name, props: { role: unknown, policy: d }, propertyDependencies: { role: [urnOf(target)] } });

describe("aws-segregation-of-duties", () => {
    it("flags a role with inline codecommit:GitPush and s3:GetObject", async () => {
        const r = await runStack(control, [role("dev", { inlinePolicies: [{ name: "p", policy: doc(allow("codecommit:GitPush", "arn:aws:codecommit:us-east-1:1:repo"), allow("s3:GetObject", "arn:aws:s3:::phi/*")) }] })]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /s3:GetObject via inlinePolicies\[0\]\.policy\.Statement\[1\]/);
        assert.match(r.violations[0], /codecommit:GitPush\) at inlinePolicies\[0\]\.policy\.Statement\[0\]/);
        assert.deepEqual(r.urns, [urnOf(role("dev"))]);
    });

    it("flags a role that deploys function code and downloads a database's log files (query logs hold PHI)", async () => {
        const dba = role("dba", { inlinePolicies: [{ name: "p", policy: doc(allow("lambda:UpdateFunctionCode", "arn:aws:lambda:*:*:function:app"), allow(["rds:DownloadDBLogFilePortion", "rds:DownloadCompleteDBLogFile"], "arn:aws:rds:us-east-1:1:db:claims")) }] });
        const r = await runStack(control, [dba]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /rds:DownloadDBLogFilePortion via inlinePolicies\[0\]\.policy\.Statement\[1\]/);
        assert.deepEqual(r.urns, [urnOf(dba)]);
    });

    it("flags rights split between a RolePolicy and an attached customer policy joined through propertyDependencies", async () => {
        const dev = role("dev");
        const deployer = policy("deployer", { Statement: [allow(["lambda:UpdateFunctionCode"], "arn:aws:lambda:*:*:function:app")] });
        const r = await runStack(control, [dev, deployer, attach("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "att", "role", dev, deployer), rolePolicy("reads", dev, doc(allow("dynamodb:Query", "arn:aws:dynamodb:*:*:table/patients")))]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /RolePolicyAttachment "att" policyArn -> Policy "deployer" policy\.Statement\[0\]/);
    });

    it("flags an AWS managed policy pair attached by ARN (AWSCodeCommitPowerUser + AmazonS3ReadOnlyAccess)", async () => {
        const u = user("alice");
        const r = await runStack(control, [
            u,
            attach("aws:iam/userPolicyAttachment:UserPolicyAttachment", "a1", "user", u, "arn:aws:iam::aws:policy/AWSCodeCommitPowerUser"),
            attach("aws:iam/userPolicyAttachment:UserPolicyAttachment", "a2", "user", u, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"),
        ]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /AWS managed policy AmazonS3ReadOnlyAccess/);
    });

    it("flags AdministratorAccess in Role.managedPolicyArns (GovCloud partition)", async () => {
        const r = await runStack(control, [role("ops", { managedPolicyArns: ["arn:aws-us-gov:iam::aws:policy/AdministratorAccess"] })]);
        assert.equal(r.violations.length, 1);
    });

    it("flags a user who inherits change rights from a group and reads PHI directly", async () => {
        const u = user("bob");
        const g = group("devs");
        const r = await runStack(control, [
            u,
            g,
            attach("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "ga", "group", g, "arn:aws:iam::aws:policy/AWSCodeDeployFullAccess"),
            { type: "aws:iam/groupMembership:GroupMembership", name: "m", props: { group: unknown, users: [unknown] }, propertyDependencies: { group: [urnOf(g)], users: [urnOf(u)] } },
            { type: "aws:iam/userPolicy:UserPolicy", name: "up", props: { user: unknown, policy: doc(allow("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:*:*:secret:db")) }, propertyDependencies: { user: [urnOf(u)] } },
        ]);
        assert.equal(r.violations.length, 1);
        assert.deepEqual(r.urns, [urnOf(u)]);
        assert.match(r.violations[0], /Group "devs" \(GroupMembership "m"\)/);
    });

    it("flags a PolicyAttachment that reaches a role and a group, once per principal", async () => {
        const dev = role("dev");
        const g = group("g");
        const both = policy("both", { Statement: [allow(["iam:PutRolePolicy", "kms:Decrypt"], "*")] });
        const r = await runStack(control, [dev, g, both, { type: "aws:iam/policyAttachment:PolicyAttachment", name: "pa", props: { roles: [unknown], groups: [unknown], policyArn: unknown }, propertyDependencies: { roles: [urnOf(dev)], groups: [urnOf(g)], policyArn: [urnOf(both)] } }]);
        assert.equal(r.violations.length, 2);
    });

    it("flags wildcard and NotAction grants that cover both sides", async () => {
        const r1 = await runStack(control, [role("a", { inlinePolicies: [{ name: "p", policy: doc(allow(["Lambda:*", "S3:Get*"])) }] })]);
        assert.equal(r1.violations.length, 1);
        const r2 = await runStack(control, [role("b", { inlinePolicies: [{ name: "p", policy: doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }) }] })]);
        assert.equal(r2.violations.length, 1);
    });

    it("flags a permission set with an inline policy and a managed attachment", async () => {
        const ps: TestResource = { type: "aws:ssoadmin/permissionSet:PermissionSet", name: "eng", props: { name: "eng" } };
        const r = await runStack(control, [
            ps,
            { type: "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy", name: "inl", props: { permissionSetArn: unknown, inlinePolicy: doc(allow("rds-data:ExecuteStatement")) }, propertyDependencies: { permissionSetArn: [urnOf(ps)] } },
            { type: "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment", name: "m", props: { permissionSetArn: unknown, managedPolicyArn: "arn:aws:iam::aws:policy/AWSCloudFormationFullAccess" }, propertyDependencies: { permissionSetArn: [urnOf(ps)] } },
        ]);
        assert.equal(r.violations.length, 1);
    });

    it("flags RolePolicyAttachmentsExclusive listing a customer policy and a managed ARN", async () => {
        const dev = role("dev");
        const reads = policy("reads", { Statement: [allow("dynamodb:GetItem", "arn:aws:dynamodb:*:*:table/t")] });
        const r = await runStack(control, [dev, reads, { type: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", name: "ex", props: { roleName: unknown, policyArns: [unknown, "arn:aws:iam::aws:policy/AWSLambda_FullAccess"] }, propertyDependencies: { roleName: [urnOf(dev)], policyArns: [urnOf(reads)] } }]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /AWS managed policy AWSLambda_FullAccess/);
    });

    it("flags a user through UserGroupMembership joined by known names", async () => {
        const u: TestResource = { type: "aws:iam/user:User", name: "carol", props: { name: "carol" } };
        const g: TestResource = { type: "aws:iam/group:Group", name: "ops", props: { name: "ops" } };
        const r = await runStack(control, [
            u,
            g,
            { type: "aws:iam/groupPolicy:GroupPolicy", name: "gp", props: { group: "ops", policy: { Statement: { Effect: "Allow", Action: ["cloudformation:UpdateStack", "s3:GetObjectVersion"], Resource: "*" } } } },
            { type: "aws:iam/userGroupMembership:UserGroupMembership", name: "ugm", props: { user: "carol", groups: ["ops"] } },
        ]);
        assert.deepEqual([...r.urns].sort(), [urnOf(g), urnOf(u)].sort());
    });

    it("passes a deployer without PHI reads and a reader without change rights", async () => {
        const r = await runStack(control, [
            role("deployer", { managedPolicyArns: ["arn:aws:iam::aws:policy/AWSCodeDeployFullAccess"] }),
            role("reader", { inlinePolicies: [{ name: "p", policy: doc(allow("s3:GetObject", "arn:aws:s3:::phi/*"), allow("codecommit:GitPull")) }] }),
        ]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes Deny statements and a configured break-glass role", async () => {
        const r = await runStack(control, [role("deny", { inlinePolicies: [{ name: "p", policy: doc({ Effect: "Deny", Action: "*", Resource: "*" }) }] }), role("breakglass", { name: "BreakGlass", managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] })], { config: { allowedPrincipals: ["BreakGlass"] } });
        assert.equal(r.violations.length, 0);
    });

    it("says it could not verify a principal whose attached policy is unknown when the other side is granted", async () => {
        const dev = role("dev", { inlinePolicies: [{ name: "p", policy: doc(allow("codebuild:StartBuild")) }] });
        const pol = policy("p", unknown);
        const r = await runStack(control, [dev, pol, attach("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "att", "role", dev, pol)]);
        assert.equal(r.violations.length, 0);
        assert.equal(r.unverified.length, 1);
        assert.match(r.unverified[0], /could not verify RolePolicyAttachment "att" policyArn -> Policy "p" policy/);
    });

    it("says it could not verify an unmodelled AWS managed policy or a policy outside the stack", async () => {
        const r = await runStack(control, [role("a", { inlinePolicies: [{ name: "p", policy: doc(allow("s3:GetObject")) }], managedPolicyArns: ["arn:aws:iam::aws:policy/SomeNewPolicy", "arn:aws:iam::123456789012:policy/external"] })]);
        assert.equal(r.unverified.length, 1);
        assert.match(r.unverified[0], /SomeNewPolicy \(an AWS managed policy newer than phi-guard's dataset\)/);
    });

    it("does not report unknowns that cannot complete the combination", async () => {
        const r = await runStack(control, [role("a", { managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"], inlinePolicies: [{ name: "x", policy: { Statement: [allow("logs:PutLogEvents", unknown)] } }] })]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("reports a document that cannot be parsed, without quoting it", async () => {
        const r = await runStack(control, [role("a", { inlinePolicies: [{ name: "x", policy: "{AKIAIOSFODNN7EXAMPLE" }] })]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /not valid JSON/);
        assert.doesNotMatch(r.violations[0], /AKIA/);
    });

    describe("when each part runs", () => {
        const both = role("deployer", { inlinePolicies: [{ name: "p", policy: doc(allow("codecommit:GitPush"), allow("s3:GetObject")) }] });

        it("flags a role whose own inline policies grant both duties in Analyze, and not again in AnalyzeStack", async () => {
            assert.equal((await runResource(control, both)).violations.length, 1);
            assert.deepEqual(await runStackPart(control, [both]), { violations: [], unverified: [], urns: [] });
        });

        it("reports a settled role's own unparseable document in Analyze and a joined one in AnalyzeStack, each once", async () => {
            const broken = role("broken", { inlinePolicies: [{ name: "p", policy: doc(allow("codecommit:GitPush"), allow("s3:GetObject")) }, { name: "q", policy: "{not json" }] });
            const analyzed = await runResource(control, broken);
            assert.equal(analyzed.violations.length, 2);
            const r = await runStackPart(control, [broken, rolePolicy("rp", broken, "{not json either")]);
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /at RolePolicy "rp" policy/);
        });

        it("leaves an unsettled role's unparseable documents, its own included, to AnalyzeStack", async () => {
            const broken = role("broken", { inlinePolicies: [{ name: "q", policy: "{not json" }] });
            assert.deepEqual(await runResource(control, broken), { violations: [], unverified: [], urns: [] });
            assert.equal((await runStackPart(control, [broken, rolePolicy("rp", broken, "{not json either")])).violations.length, 2);
        });

        it("leaves a role whose own policies grant one duty to the stack", async () => {
            const pusher = role("pusher", { inlinePolicies: [{ name: "p", policy: doc(allow("codecommit:GitPush")) }] });
            assert.deepEqual(await runResource(control, pusher), { violations: [], unverified: [], urns: [] });
            const r = await runStack(control, [pusher, rolePolicy("read", pusher, doc(allow("s3:GetObject")))]);
            assert.equal(r.violations.length, 1);
        });
    });
});
