import type { EngineResource } from "../../engine/resource";
import { doc, resource, stackOf, storageAccount, UNKNOWN } from "./build";

/**
 * An identity-heavy stack: the access layer of a platform team's landing zone. Many principals
 * (roles, users, groups, permission sets, managed identities), the policies and attachments that
 * grant them rights, Azure role assignments, custom roles, PIM eligibilities and access reviews,
 * and few stores. Most grants are least-privilege and justified; a few per hundred break a rule,
 * as in a real estate.
 */
const ACCOUNT = "111122223333";
const INSTANCE = "arn:aws:sso:::instance/ssoins-0123456789abcdef";
const role = (guid: string) => `/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
const CONTRIBUTOR = role("b24988ac-6180-42a0-ab88-20f7382dd24c");
const BLOB_READER = role("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1");
const READER = role("acdd72a7-3385-48ef-bd42-f606fba81ae7");
const guid = (kind: number, i: number) => `${String(kind).padStart(8, "0")}-0000-0000-0000-${String(i).padStart(12, "0")}`;
const justified = (i: number) => ({ justification: "team workload access", ticket: `SEC-${1000 + i}`, owner: `team-${i % 40}` });

function awsUnit(i: number): EngineResource[] {
    const team = `team-${i}`;
    const app = resource("aws:iam/role:Role", `${team}-app`, {
        name: `${team}-app`,
        assumeRolePolicy: doc([{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }]),
        maxSessionDuration: 3600,
        permissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/workload-boundary`,
        tags: justified(i),
    });
    const deployer = resource("aws:iam/role:Role", `${team}-deployer`, {
        name: `${team}-deployer`,
        assumeRolePolicy: doc([{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }]),
        maxSessionDuration: i % 25 === 0 ? 43200 : 3600,
        permissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/deployer-boundary`,
        managedPolicyArns: i % 50 === 0 ? ["arn:aws:iam::aws:policy/AdministratorAccess"] : [],
        tags: justified(i),
    });
    const reads = resource("aws:iam/policy:Policy", `${team}-reads`, {
        name: `${team}-reads`,
        policy: {
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: [`arn:aws:s3:::${team}-records`, `arn:aws:s3:::${team}-records/*`] },
                { Effect: "Allow", Action: ["kms:Decrypt"], Resource: [UNKNOWN] },
                { Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:Query"], Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${team}-*` },
            ],
        },
        tags: justified(i),
    });
    const ships = resource("aws:iam/policy:Policy", `${team}-ships`, {
        name: `${team}-ships`,
        policy: doc([
            { Effect: "Allow", Action: ["lambda:UpdateFunctionCode", "lambda:GetFunction"], Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${team}-*` },
            { Effect: "Allow", Action: "codepipeline:StartPipelineExecution", Resource: `arn:aws:codepipeline:us-east-1:${ACCOUNT}:${team}` },
            // A few teams' deployers can also read what they ship: a segregation-of-duties finding.
            ...(i % 20 === 0 ? [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] : []),
        ]),
    });
    const user = resource("aws:iam/user:User", `${team}-ci`, { name: `${team}-ci`, permissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/ci-boundary`, tags: justified(i) });
    const group = resource("aws:iam/group:Group", `${team}-engineers`, { name: `${team}-engineers` });
    const permissionSet = resource("aws:ssoadmin/permissionSet:PermissionSet", `${team}-analyst`, {
        name: `${team}-analyst`,
        instanceArn: INSTANCE,
        sessionDuration: "PT1H",
        tags: { ...justified(i), expires: "2027-06-30" },
    });
    const fn = resource(
        "aws:lambda/function:Function",
        `${team}-fn`,
        { name: `${team}-fn`, role: UNKNOWN, runtime: "nodejs20.x", handler: "index.handler", environment: { variables: { TEAM: team } } },
        { role: [app.urn] },
    );
    return [
        app,
        deployer,
        reads,
        ships,
        resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", `${team}-app-reads`, { role: UNKNOWN, policyArn: UNKNOWN }, { role: [app.urn], policyArn: [reads.urn] }),
        resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", `${team}-app-logs`, { role: UNKNOWN, policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" }, { role: [app.urn] }),
        resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", `${team}-deployer-ships`, { role: UNKNOWN, policyArn: UNKNOWN }, { role: [deployer.urn], policyArn: [ships.urn] }),
        resource("aws:iam/rolePolicy:RolePolicy", `${team}-app-queue`, {
            role: UNKNOWN,
            policy: doc([{ Effect: "Allow", Action: ["sqs:SendMessage", "sqs:ReceiveMessage"], Resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:${team}-jobs` }]),
        }, { role: [app.urn] }),
        fn,
        user,
        group,
        resource("aws:iam/groupMembership:GroupMembership", `${team}-engineers-members`, { group: UNKNOWN, users: [UNKNOWN] }, { group: [group.urn], users: [user.urn] }),
        resource("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", `${team}-engineers-readonly`, { group: UNKNOWN, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }, { group: [group.urn] }),
        resource("aws:iam/groupPolicy:GroupPolicy", `${team}-engineers-pipelines`, {
            group: UNKNOWN,
            policy: doc([{ Effect: "Allow", Action: ["codepipeline:GetPipeline", "codepipeline:ListPipelineExecutions"], Resource: `arn:aws:codepipeline:us-east-1:${ACCOUNT}:${team}` }]),
        }, { group: [group.urn] }),
        // A few CI users still hold a long-lived access key.
        ...(i % 10 === 0 ? [resource("aws:iam/accessKey:AccessKey", `${team}-ci-key`, { user: UNKNOWN }, { user: [user.urn] })] : []),
        permissionSet,
        resource("aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment", `${team}-analyst-view`, {
            instanceArn: INSTANCE,
            permissionSetArn: UNKNOWN,
            managedPolicyArn: "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
        }, { permissionSetArn: [permissionSet.urn] }),
        resource("aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy", `${team}-analyst-inline`, {
            instanceArn: INSTANCE,
            permissionSetArn: UNKNOWN,
            inlinePolicy: doc([{ Effect: "Allow", Action: ["athena:StartQueryExecution", "athena:GetQueryResults"], Resource: `arn:aws:athena:us-east-1:${ACCOUNT}:workgroup/${team}` }]),
        }, { permissionSetArn: [permissionSet.urn] }),
        resource("aws:ssoadmin/customerManagedPolicyAttachment:CustomerManagedPolicyAttachment", `${team}-analyst-reads`, {
            instanceArn: INSTANCE,
            permissionSetArn: UNKNOWN,
            customerManagedPolicyReference: { name: `${team}-reads`, path: "/" },
        }, { permissionSetArn: [permissionSet.urn] }),
    ];
}

/** One resource group (with its lock, access review and a store) per ten teams: few stores. */
const TEAMS_PER_GROUP = 10;

function azureUnit(i: number): EngineResource[] {
    const team = `team-${i}`;
    const g = Math.floor(i / TEAMS_PER_GROUP);
    const rgUrn = resource("azure-native:resources:ResourceGroup", `rg-${g}`, {}).urn;
    const shared: EngineResource[] = [];
    if (i % TEAMS_PER_GROUP === 0) {
        shared.push(
            resource("azure-native:resources:ResourceGroup", `rg-${g}`, { location: "eastus", tags: { "data-classification": "phi" } }),
            resource("azure-native:authorization:ManagementLockAtResourceGroupLevel", `rg-${g}-lock`, { resourceGroupName: UNKNOWN, level: "CanNotDelete" }, { resourceGroupName: [rgUrn] }),
            storageAccount(`st${g}`, rgUrn, UNKNOWN),
        );
    }
    const identity = resource("azure-native:managedidentity:UserAssignedIdentity", `${team}-id`, { resourceGroupName: UNKNOWN, principalId: UNKNOWN }, { resourceGroupName: [rgUrn] });
    const custom = resource("azure-native:authorization:RoleDefinition", `${team}-operator`, {
        roleName: `${team} operator`,
        scope: UNKNOWN,
        assignableScopes: [UNKNOWN],
        roleDefinitionId: UNKNOWN,
        permissions: [{ actions: ["Microsoft.Web/sites/read", "Microsoft.Web/sites/restart/action"], dataActions: [] }],
    }, { scope: [rgUrn], assignableScopes: [rgUrn] });
    const assignment = (name: string, inputs: Record<string, unknown>, links: Record<string, string[]>) =>
        resource("azure-native:authorization:RoleAssignment", `${team}-${name}`, { scope: UNKNOWN, description: `ticket SEC-${2000 + i}; owner ${team}`, ...inputs }, { scope: [rgUrn], ...links });
    return [
        ...shared,
        identity,
        custom,
        assignment("readers", { principalId: guid(1, i), principalType: "Group", roleDefinitionId: BLOB_READER }, {}),
        assignment("app-reader", { principalId: UNKNOWN, principalType: "ServicePrincipal", roleDefinitionId: BLOB_READER }, { principalId: [identity.urn] }),
        assignment("operators", { principalId: guid(2, i), principalType: "Group", roleDefinitionId: UNKNOWN }, { roleDefinitionId: [custom.urn] }),
        // Some teams' engineers hold Contributor standing, and a few assignments sit at subscription scope.
        ...(i % 5 === 0 ? [assignment("engineers", { principalId: guid(3, i), principalType: "Group", roleDefinitionId: CONTRIBUTOR }, {})] : []),
        ...(i % 17 === 0
            ? [resource("azure-native:authorization:RoleAssignment", `${team}-auditors`, { principalId: guid(4, i), principalType: "Group", roleDefinitionId: READER, scope: "/subscriptions/00000000-0000-0000-0000-000000000000", description: "audit" })]
            : []),
        resource("azure-native:authorization:PimRoleEligibilitySchedule", `${team}-admins-eligible`, {
            principalId: guid(5, i),
            roleDefinitionId: CONTRIBUTOR,
            scope: UNKNOWN,
            justification: "on-call administration",
            ticketInfo: { ticketNumber: `SEC-${3000 + i}`, ticketSystem: "Jira" },
            scheduleInfo: { startDateTime: "2026-01-01T00:00:00Z", expiration: { type: "AfterDuration", duration: "P180D" } },
        }, { scope: [rgUrn] }),
        resource("azure-native:authorization:ScopeAccessReviewScheduleDefinitionById", `${team}-review`, {
            scope: UNKNOWN,
            displayName: `${team} access, quarterly`,
            type: "absoluteMonthly",
            interval: 3,
            autoApplyDecisionsEnabled: true,
            defaultDecision: "Deny",
            includeAccessBelowResource: true,
            reviewers: [{ principalId: guid(6, i % 40) }],
        }, { scope: [rgUrn] }),
    ];
}

export function identityStack(size: number): EngineResource[] {
    return stackOf(size, (i) => [...awsUnit(i), ...azureUnit(i)]);
}
