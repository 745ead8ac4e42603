import { strict as assert } from "assert";
import { asBool, asList, asNumber, at, containsUnknown, isUnknown, knownStringIn, sharedSnapshot, snapshot, UNKNOWN } from "../../../policies/lib/values";
import { canonicalType, types } from "../../../policies/lib/type-tokens";
import { proxied as viaRuntime, secret, unknown } from "../../harness";

describe("values: reading properties out of the runtime proxy", () => {
    it("copies known values and marks unknown ones at any depth without throwing", () => {
        const plain = snapshot(viaRuntime({ a: "x", b: unknown, c: [1, unknown, { d: unknown }], e: { f: true } }));
        assert.deepEqual(plain, { a: "x", b: UNKNOWN, c: [1, UNKNOWN, { d: UNKNOWN }], e: { f: true } });
        assert.ok(containsUnknown(plain));
    });

    it("gives the same frozen copy read from the proxy's target as read through the proxy", () => {
        const props = viaRuntime({ a: "x", b: unknown, c: [1, unknown, { d: unknown, s: secret("hunter2") }], e: { f: true } });
        const copy = sharedSnapshot(props);
        assert.deepEqual(copy, snapshot(props));
        assert.equal(sharedSnapshot(props), copy, "one copy per request");
        assert.ok(Object.isFrozen(copy) && Object.isFrozen((copy as any).c) && Object.isFrozen((copy as any).c[2]));
    });

    it("reads a top-level string as the copy would, without copying", () => {
        const wire = { id: "i-1", arn: unknown, name: secret("n"), bucket: 3, nested: { id: "x" } };
        const copy = snapshot(viaRuntime(wire)) as Record<string, unknown>;
        for (const key of [...Object.keys(wire), "missing"]) {
            const props = viaRuntime(wire);
            assert.equal(knownStringIn(props, key), typeof copy[key] === "string" ? copy[key] : undefined, key);
        }
    });

    it("unwraps secrets to their values, as the runtime does", () => {
        assert.deepEqual(snapshot(viaRuntime({ s: secret("hunter2") })), { s: "hunter2" });
    });

    it("stops at absurd nesting instead of overflowing the stack", () => {
        let deep: any = {};
        for (let i = 0; i < 200; i++) deep = { n: deep };
        assert.doesNotThrow(() => snapshot(deep));
    });

    it("reads paths, lists, booleans and numbers in the forms providers accept", () => {
        assert.equal(at({ a: { b: 1 } }, "a.b"), 1);
        assert.ok(isUnknown(at({ a: UNKNOWN }, "a.b")));
        assert.deepEqual(asList("x"), ["x"]);
        assert.deepEqual(asList(undefined), []);
        assert.equal(asBool("TRUE"), true);
        assert.equal(asBool("yes"), undefined);
        assert.equal(asNumber("2192"), 2192);
        assert.equal(asNumber("12abc"), undefined);
    });
});

describe("type tokens", () => {
    it("matches versioned azure-native tokens to their default module", () => {
        assert.equal(canonicalType("azure-native:storage/v20230101:StorageAccount"), "azure-native:storage:StorageAccount");
        assert.equal(canonicalType("azure-native:authorization/v20220401preview:RoleAssignment"), "azure-native:authorization:RoleAssignment");
        assert.ok(types("azure-native:storage:StorageAccount").has("azure-native:storage/v20230101:StorageAccount"));
    });

    it("leaves AWS tokens alone and matches only the listed aliases", () => {
        const buckets = types("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2");
        assert.ok(buckets.has("aws:s3/bucketV2:BucketV2"));
        assert.ok(!buckets.has("aws:s3/bucketPolicy:BucketPolicy"));
    });
});
