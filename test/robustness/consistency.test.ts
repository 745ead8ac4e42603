import { strict as assert } from "assert";
import fc from "fast-check";
import { Control, readsOneResource } from "../../policies/control";
import { actionsWith, Capability } from "../../policies/lib/aws/actions";
import { BUILT_IN_ROLES } from "../../policies/lib/azure/roles";
import { controls } from "../../policies/registry";
import { Outcome, runResource, runStack, TestResource, unknown, urnOf } from "../harness";

/**
 * One model, judged alike everywhere: every control that judges a capability gets it from the one
 * action table (lib/aws/actions) or the one role model (lib/azure/roles), so any action or role that
 * has the capability is judged by each of them. The properties draw actions from the table and
 * roles from the built-in catalogue, so a control with its own list would fail on what it lacks.
 */

const byId = new Map(controls.map((c) => [c.id, c]));
const control = (id: string): Control => {
    const c = byId.get(id);
    if (!c) throw new Error(`${id} is not registered`);
    return c;
};
/** Runs a control as the engine would: Analyze alone for a one-resource control, both parts otherwise. */
const run = (c: Control, stack: TestResource[]): Promise<Outcome> => (readsOneResource(c) ? runResource(c, stack[0]) : runStack(c, stack));
const doc = (Action: string, Resource = "*") => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action, Resource }] });
const role = (name: string, props: Record<string, unknown> = {}): TestResource => ({ type: "aws:iam/role:Role", name, props: { name, ...props } });
const withInline = (name: string, ...actions: string[]) => role(name, { inlinePolicies: actions.map((a, i) => ({ name: `p${i}`, policy: doc(a) })) });

/** Stacks that give one principal the capability through `action`, and the controls that must flag them. */
const JUDGES: Record<Capability, { id: string; stack: (action: string) => TestResource[]; on?: (stack: TestResource[]) => string }[]> = {
    "read-phi": [
        { id: "aws-iam-no-service-wildcards", stack: (a) => [{ type: "aws:iam/policy:Policy", name: "p", props: { policy: doc(a) } }] },
        { id: "aws-segregation-of-duties", stack: (a) => [withInline("both", a, "lambda:UpdateFunctionCode")] },
        { id: "aws-iam-grant-justification", stack: (a) => [withInline("reader", a)] },
        { id: "aws-lambda-role-scope", stack: (a) => lambdaWith(a), on: (s) => urnOf(s[1]) },
    ],
    change: [
        { id: "aws-segregation-of-duties", stack: (a) => [withInline("both", "s3:GetObject", a)] },
        { id: "aws-lambda-role-scope", stack: (a) => lambdaWith(a), on: (s) => urnOf(s[1]) },
    ],
    escalate: [
        { id: "aws-iam-privilege-escalation", stack: (a) => [{ type: "aws:iam/policy:Policy", name: "p", props: { policy: doc(a) } }] },
        { id: "aws-iam-session-duration", stack: (a) => [role("admin", { maxSessionDuration: 43200, inlinePolicies: [{ name: "p", policy: doc(a) }] })] },
        { id: "aws-iam-grant-justification", stack: (a) => [withInline("admin", a)] },
    ],
    decrypt: [{ id: "aws-iam-kms-wildcard", stack: (a) => [{ type: "aws:iam/policy:Policy", name: "p", props: { policy: doc(a) } }] }],
    administer: [],
};

function lambdaWith(action: string): TestResource[] {
    const exec = withInline("exec", action);
    return [exec, { type: "aws:lambda/function:Function", name: "fn", props: { role: unknown }, propertyDependencies: { role: [urnOf(exec)] } }];
}

describe("consistency: every control judges a capability from the one AWS action table", () => {
    for (const [capability, judges] of Object.entries(JUDGES) as [Capability, (typeof JUDGES)[Capability]][]) {
        for (const judge of judges) {
            it(`${judge.id} flags any ${capability} action of the table on every resource (property)`, async () => {
                await fc.assert(
                    fc.asyncProperty(fc.constantFrom(...actionsWith(capability)), async (facts) => {
                        const stack = judge.stack(facts.action);
                        const r = await run(control(judge.id), stack);
                        assert.ok(r.violations.length > 0, `${judge.id} passed ${facts.action}`);
                        // Analyze reports on the resource it judges; a stack part names the resource.
                        if (!readsOneResource(control(judge.id))) assert.equal(r.urns[0], judge.on ? judge.on(stack) : urnOf(stack[0]));
                    }),
                    { numRuns: 20, seed: 20261130 },
                );
            });
        }
    }
});

const SCOPE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/phi";
const PRINCIPAL = "11111111-1111-1111-1111-111111111111";
const assignment = (name: string, roleDefinitionId: unknown, extra: Partial<TestResource> = {}): TestResource => ({
    type: "azure-native:authorization:RoleAssignment",
    name,
    props: { scope: SCOPE, principalId: PRINCIPAL, roleDefinitionId },
    ...extra,
});

/** A built-in role's assignment and the same permissions as a custom role of the stack, assigned the same way. */
function twins(guid: string): { builtIn: TestResource[]; custom: TestResource[] } {
    const [p] = BUILT_IN_ROLES[guid].permissions;
    const definition: TestResource = {
        type: "azure-native:authorization:RoleDefinition",
        name: "twin",
        props: { roleName: "twin", scope: SCOPE, permissions: [{ actions: [...p.actions], notActions: [...(p.notActions ?? [])], dataActions: [...(p.dataActions ?? [])], notDataActions: [...(p.notDataActions ?? [])] }] },
    };
    return {
        builtIn: [assignment("ra", `/providers/Microsoft.Authorization/roleDefinitions/${guid}`)],
        custom: [definition, assignment("ra", unknown, { propertyDependencies: { roleDefinitionId: [urnOf(definition)] } })],
    };
}

describe("consistency: a custom role with a built-in role's permissions is judged as that role", () => {
    const privileged = Object.entries(BUILT_IN_ROLES).filter(([, r]) => r.privileged);
    for (const id of ["az-rbac-privileged-standing", "az-grant-justification"]) {
        for (const [guid, builtIn] of privileged) {
            it(`${id}: a custom ${builtIn.name} is flagged as the built-in one is`, async () => {
                const { builtIn: b, custom: c } = twins(guid);
                const [rb, rc] = [await runStack(control(id), b), await runStack(control(id), c)];
                assert.equal(rb.violations.length, 1);
                assert.equal(rc.violations.length, 1);
                assert.deepEqual(rc.urns, rb.urns);
            });
        }
    }

    it("az-segregation-of-duties: any built-in role's twin held with a deploy role is judged as the built-in one (property)", async () => {
        const deploy = assignment("deploy", "/providers/Microsoft.Authorization/roleDefinitions/de139f84-1756-47ae-9be6-808fbbe84772");
        await fc.assert(
            fc.asyncProperty(fc.constantFrom(...Object.keys(BUILT_IN_ROLES)), async (guid) => {
                const { builtIn, custom } = twins(guid);
                const rb = await runStack(control("az-segregation-of-duties"), [...builtIn, deploy]);
                const rc = await runStack(control("az-segregation-of-duties"), [...custom, deploy]);
                // The twin's own assignment is flagged whenever the built-in one is (the messages name the role differently).
                assert.deepEqual(rc.urns.filter((u) => u === urnOf(builtIn[0])), rb.urns.filter((u) => u === urnOf(builtIn[0])), BUILT_IN_ROLES[guid].name);
            }),
            { numRuns: 30, seed: 20261130 },
        );
    });
});
