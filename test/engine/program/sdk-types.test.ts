import { strict as assert } from "assert";
import * as path from "path";
import { membersOf, parseDeclarations, SdkTypes } from "../../../engine/program/sdk-types";
import { PreviewValues } from "../../../engine/program/values";
import { UNKNOWN_WIRE_VALUE } from "../../../engine/resource";

const ROOT = path.resolve(__dirname, "../../..");

describe("sdk-types: output types read from a provider SDK's declarations", () => {
    it("reads interfaces and classes inside nested namespaces, skipping comments, methods and static members", () => {
        const decls = parseDeclarations(`
            import * as outputs from "../types/output";
            export declare namespace web {
                /** An identity; "quotes" and it's apostrophes in comments */
                interface IdentityResponse {
                    principalId: string;
                    type?: string;
                    userAssignedIdentities?: {
                        [key: string]: outputs.web.UserIdentityResponse;
                    };
                }
                namespace v20220901 {
                    interface IdentityResponse { tenantId: string; }
                }
            }
            export declare class WebApp extends pulumi.CustomResource {
                static get(name: string, id: pulumi.Input<pulumi.ID>): WebApp;
                static readonly __pulumiType: string;
                readonly identity: pulumi.Output<outputs.web.IdentityResponse | undefined>;
                readonly rules: pulumi.Output<outputs.web.Rule[]>;
                constructor(name: string, args: WebAppArgs);
                getKubeconfig(): pulumi.Output<string>;
            }
        `);
        assert.deepEqual([...decls.keys()], ["web.IdentityResponse", "web.v20220901.IdentityResponse", "WebApp"]);
        assert.deepEqual(membersOf(decls.get("web.IdentityResponse")!), [
            { name: "principalId", optional: false, ref: undefined, inputRef: undefined, container: "one" },
            { name: "type", optional: true, ref: undefined, inputRef: undefined, container: "one" },
            { name: "userAssignedIdentities", optional: true, ref: "web.UserIdentityResponse", inputRef: undefined, container: "map" },
        ]);
        assert.deepEqual(
            membersOf(decls.get("WebApp")!).map((m) => [m.name, m.optional, m.ref, m.container]),
            [
                ["identity", true, "web.IdentityResponse", "one"],
                ["rules", false, "web.Rule", "array"],
            ],
        );
    });

    it("plans from the installed SDKs: an S3 bucket's ARN and an app's identity principal id are unknown, what the program could set stays unset", () => {
        const values = new PreviewValues(new SdkTypes([ROOT]));
        const bucket = values.previewOutputs("aws:s3/bucket:Bucket", { tags: { team: "records" } });
        assert.equal(bucket.arn, UNKNOWN_WIRE_VALUE);
        assert.equal(bucket.bucketDomainName, UNKNOWN_WIRE_VALUE);
        assert.equal("versioning" in bucket, false, "an input the program could have set is not invented");
        assert.deepEqual(bucket.tags, { team: "records" });
        const app = values.previewOutputs("azure-native:web:WebApp", { identity: { type: "SystemAssigned" } });
        assert.deepEqual(app.identity, { type: "SystemAssigned", principalId: UNKNOWN_WIRE_VALUE, tenantId: UNKNOWN_WIRE_VALUE });
    });

    it("echoes the inputs of a type whose SDK is not installed", () => {
        const values = new PreviewValues(new SdkTypes([ROOT]));
        assert.deepEqual(values.previewOutputs("random:index/randomPet:RandomPet", { length: 2 }), { length: 2 });
    });

    it("gives an invoke's result fields from its Get<Name>Result declaration", () => {
        const fields = new SdkTypes([ROOT]).invokeResult("aws:ec2/getSubnets:getSubnets");
        assert.deepEqual(
            fields?.filter((f) => f.name === "ids").map((f) => [f.name, f.container]),
            [["ids", "array"]],
        );
    });
});
