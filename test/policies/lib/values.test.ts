import { strict as assert } from "assert";
import { sharedWithDefaults } from "../../../policies/lib/config";
import { asBool, asList, asNumber, at, containsUnknown, isUnknown, knownStringIn, sharedProperty, sharedSnapshot, snapshot, UNKNOWN } from "../../../policies/lib/values";
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

    it("copies one top-level property as the whole copy would, before and after the whole copy", () => {
        const wire = { tags: { owner: "a", phi: unknown, list: [unknown, secret("s")] }, other: { big: [1, 2] }, name: unknown };
        const copy = snapshot(viaRuntime(wire)) as Record<string, unknown>;
        for (const key of [...Object.keys(wire), "missing", "constructor"]) {
            const props = viaRuntime(wire);
            const expected = Object.keys(copy).includes(key) ? copy[key] : undefined;
            assert.deepEqual(sharedProperty(props, key), expected, key);
            sharedSnapshot(props);
            assert.deepEqual(sharedProperty(props, key), expected, `${key}, once copied whole`);
        }
        assert.deepEqual(sharedProperty({ tags: { a: "b" } }, "tags"), { a: "b" }, "a plain object, not behind the runtime's proxy");
    });

    it("fills a frozen config's defaults once and shares the frozen result; a config that can change is filled each time", () => {
        const schema = { a: { type: "array" as const, default: ["x"] }, b: { type: "string" as const, default: "d" } };
        const given = Object.freeze({ b: "given" });
        const filled = sharedWithDefaults<{ a: string[]; b: string }>(schema, given);
        assert.deepEqual(filled, { a: ["x"], b: "given" });
        assert.equal(sharedWithDefaults(schema, given), filled);
        assert.ok(Object.isFrozen(filled));
        const open = { b: "given" };
        assert.notEqual(sharedWithDefaults(schema, open), sharedWithDefaults(schema, open));
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
