import { strict as assert } from "assert";
import { awsS3EncryptionCmk } from "../../../policies/aws/s3/encryption-cmk";
import { isPhi, PHI_SCOPE_OPTIONS, PhiScope, PhiScopeConfig } from "../../../policies/lib/phi-scope";
import { withDefaults } from "../../../policies/lib/config";
import { UNKNOWN } from "../../../policies/lib/values";
import { diagnosticsOf, runSettings, runSettingsStack, runStack, unknown } from "../../harness";

const config = (phiScope: PhiScope): PhiScopeConfig => withDefaults<PhiScopeConfig>(PHI_SCOPE_OPTIONS, { phiScope });
const NO_STACK_TAGS = new Map<string, string>();
const scoped = (scope: PhiScope, tags?: Record<string, string>, stackTags = NO_STACK_TAGS) => isPhi(tags ? { tags } : {}, stackTags, config(scope));

describe("PHI scope", () => {
    describe('"tagged": only stores labelled PHI', () => {
        it("reads a PHI label whatever the key's case, the value's case and the whitespace around either", () => {
            for (const tags of [{ "Data-Classification": "phi" }, { "data-classification": "phi " }, { " DATA-CLASSIFICATION ": " PHI" }] as Record<string, string>[]) {
                assert.equal(scoped("tagged", tags), true, JSON.stringify(tags));
            }
        });

        it("reads list values: PHI when any part is PHI", () => {
            for (const value of ["phi,pii", "pii; phi", "public, phi"]) assert.equal(scoped("tagged", { "data-classification": value }), true, value);
        });

        it("leaves out a store without the tag, or labelled only with non-PHI values", () => {
            assert.equal(scoped("tagged"), false);
            assert.equal(scoped("tagged", { "data-classification": "public" }), false);
            assert.equal(scoped("tagged", { "data-classification": "internal, public" }), false);
        });

        it("counts the most PHI of several keys that differ only in case", () => {
            assert.equal(scoped("tagged", { "data-classification": "public", "Data-Classification": "phi" }), true);
        });

        it("counts an unrecognised or empty value as PHI", () => {
            assert.equal(scoped("tagged", { "data-classification": "confidential" }), true);
            assert.equal(scoped("tagged", { "data-classification": "" }), true);
            assert.equal(scoped("tagged", { "data-classification": "public, pii" }), true, "a list is non-PHI only when every part is");
        });

        it("puts every store in scope when the stack tag says PHI", () => {
            assert.equal(scoped("tagged", undefined, new Map([["Data-Classification", "PHI"]])), true);
        });
    });

    describe('"unless-non-phi": every store unless labelled non-PHI (fail closed)', () => {
        it("keeps a store without the tag in scope", () => {
            assert.equal(scoped("unless-non-phi"), true);
        });

        it("leaves out a store labelled only with non-PHI values", () => {
            assert.equal(scoped("unless-non-phi", { "data-classification": "Public" }), false);
            assert.equal(scoped("unless-non-phi", { "data-classification": "non-phi;internal" }), false);
        });

        it("does not let a non-PHI stack tag narrow the scope", () => {
            assert.equal(scoped("unless-non-phi", undefined, new Map([["data-classification", "public"]])), true);
        });
    });

    it('"all" judges every store whatever it is labelled', () => {
        assert.equal(scoped("all", { "data-classification": "public" }), true);
    });

    it("counts tags unknown at preview as PHI", () => {
        assert.equal(isPhi({ tags: UNKNOWN }, NO_STACK_TAGS, config("tagged")), true);
        assert.equal(isPhi({ tags: { "data-classification": UNKNOWN } }, NO_STACK_TAGS, config("tagged")), true);
    });

    it("lets a control judge a store tagged with a variant spelling under phiScope tagged", async () => {
        const bucket = (name: string, tags: Record<string, string>) => ({ type: "aws:s3/bucket:Bucket", name, props: { tags } });
        const r = await runStack(awsS3EncryptionCmk, [bucket("a", { "Data-Classification": "phi" }), bucket("b", { "data-classification": "phi " }), bucket("c", { "data-classification": "phi,pii" }), bucket("d", { "data-classification": "public" })], {
            settings: { phiScope: "tagged" },
        });
        assert.deepEqual(r.urns.map((u) => u!.slice(u!.lastIndexOf("::") + 2)), ["a", "b", "c"]);
    });

    describe("unrecognised classification", () => {
        const store = (value: unknown) => ({ type: "aws:s3/bucket:Bucket", name: "records", props: { tags: { "data-classification": value } } });

        it("is reported once per resource, advisory, by the settings policy", async () => {
            const r = await runSettings(store("confidential"), { settings: { phiScope: "tagged" } });
            assert.deepEqual(r.violations, [
                "unrecognised classification at tags.data-classification: its value is in neither phiTagValues nor nonPhiTagValues of the policy config, so phi-guard treats this resource as PHI: use a listed value, or ask the config owner to list it",
            ]);
            assert.deepEqual(diagnosticsOf(r).map((d) => d.enforcementLevel), ["advisory"]);
        });

        it("is not reported for listed values, unknown values, or when the scope is all", async () => {
            assert.deepEqual((await runSettings(store("phi, pii"), { settings: { phiScope: "tagged" } })).violations, []);
            assert.deepEqual((await runSettings(store(unknown), { settings: { phiScope: "tagged" } })).violations, []);
            assert.deepEqual((await runSettings(store("confidential"), { settings: { phiScope: "all" } })).violations, []);
        });

        it("takes the values the config lists as non-PHI", async () => {
            const r = await runSettings(store("confidential"), { settings: { phiScope: "unless-non-phi", nonPhiTagValues: ["confidential"] } });
            assert.deepEqual(r.violations, []);
        });

        it("is reported for a stack tag, once per AnalyzeStack", async () => {
            const r = await runSettingsStack({ settings: { phiScope: "tagged" }, stackTags: { "data-classification": "restricted" } });
            assert.match(r.violations[0], /^unrecognised classification at stack tag data-classification: .* treats every store of this stack as PHI/);
        });
    });
});
