import { strict as assert } from "assert";
import { noFindingsLine, notExaminedList, notExaminedText } from "../../cli/not-examined";
import type { LoadedTarget } from "../../cli/targets";

const URN = "urn:pulumi:prod::claims::aws:iam/policy:Policy::ops";
const COMPONENT = "urn:pulumi:prod::claims::eks:index:Cluster::cluster";

const target = (t: Partial<LoadedTarget>): LoadedTarget => ({ kind: "stack-export", path: "x.json", project: "claims", stack: "prod", resources: [], ...t });

describe("the not-examined list", () => {
    it("keeps what the loader recorded, then one entry per resource for its unreadable values, counted and named by path", () => {
        const list = notExaminedList(
            target({
                resources: [{ urn: URN, type: "aws:iam/policy:Policy", name: "ops", custom: true, inputs: {}, outputs: {}, dependencies: [], propertyDependencies: {} }],
                notExamined: [{ kind: "opaque-component", urn: COMPONENT, type: "eks:index:Cluster", reason: "is a remote component" }],
                unreadable: [
                    { urn: URN, path: "policy", reason: "encrypted" },
                    { urn: URN, path: "tags.owner", reason: "encrypted" },
                ],
            }),
        );
        assert.deepEqual(list, [
            { kind: "opaque-component", urn: COMPONENT, type: "eks:index:Cluster", reason: "is a remote component" },
            {
                kind: "unreadable-values",
                urn: URN,
                type: "aws:iam/policy:Policy",
                reason: "2 values the scan cannot read, encrypted in the state (policy, tags.owner): export the stack with `pulumi stack export --show-secrets` and scan that file",
            },
        ]);
    });

    it("is empty when the scan saw everything", () => {
        assert.deepEqual(notExaminedList(target({})), []);
    });

    it("writes an entry as type::name and why, or only why when it concerns no one resource", () => {
        assert.equal(notExaminedText({ kind: "opaque-component", urn: COMPONENT, type: "eks:index:Cluster", reason: "is a remote component" }), "eks:index:Cluster::cluster: is a remote component");
        assert.equal(notExaminedText({ kind: "left-out", reason: "2 unchanged resources are not in the file" }), "2 unchanged resources are not in the file");
    });
});

describe("not examined: a program's own-SDK run, and the no-findings line", () => {
    it("lists a program run with phi-guard's own SDKs", () => {
        const list = notExaminedList({ kind: "program", path: "p", project: "p", stack: "dev", resources: [], notes: ["p has no @pulumi/pulumi installed"] });
        assert.deepEqual(list, [{ kind: "scan-sdk", reason: "p has no @pulumi/pulumi installed" }]);
    });

    it("says 'No findings.' alone only when everything was examined", () => {
        const entry = { kind: "unjudged-type" as const, type: "aws:route53/zone:Zone", count: 1, reason: "" };
        assert.equal(noFindingsLine(3, []), "No findings.");
        assert.equal(noFindingsLine(0, [entry]), "No findings, but no control examined any resource: see Not examined (1).");
        assert.equal(noFindingsLine(1, [entry]), "No findings in the 1 resource the controls examined: see Not examined (1).");
    });
});
