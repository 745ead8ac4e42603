import { strict as assert } from "assert";
import { sharedWithDefaults } from "../../../policies/lib/config";
import { Struct, Value } from "google-protobuf/google/protobuf/struct_pb";
import * as fc from "fast-check";
import { asBool, asList, asNumber, at, containsUnknown, isUnknown, knownStringIn, sharedProperty, sharedSnapshot, snapshot, snapshotStruct, UNKNOWN } from "../../../policies/lib/values";
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

    describe("one-pass copy of a request's properties (snapshotStruct)", () => {
        const SIG = "4dabf18193072939515e22adb298388d";
        const ASSET = "c44067f5952c0a294b673a41bacd8c17";
        const threePasses = (wire: Record<string, unknown>) => sharedSnapshot(viaRuntime(wire));
        const frozenThroughout = (v: unknown): boolean => v === null || typeof v !== "object" || isUnknown(v) || (Object.isFrozen(v) && Object.values(v).every(frozenThroughout));
        const wireValue = fc.letrec((tie) => ({
            value: fc.oneof(
                { depthSize: "small", withCrossShrink: true },
                fc.constantFrom(null, true, false, 0, -1.5, "", "x", unknown, "constructor", SIG),
                fc.string(),
                fc.double({ noNaN: true }),
                fc.array(tie("value"), { maxLength: 4 }),
                fc.dictionary(fc.string({ maxLength: 6 }).filter((k) => k !== "__proto__"), tie("value"), { maxKeys: 4 }),
                tie("value").map((v) => secret(v)),
            ),
        })).value;

        it("gives what the runtime's deserialization and the copy give, frozen throughout, for any properties", () => {
            fc.assert(
                fc.property(fc.dictionary(fc.string({ maxLength: 6 }).filter((k) => k !== "__proto__"), wireValue, { maxKeys: 6 }), (wire) => {
                    const copy = snapshotStruct(Struct.fromJavaScript(wire as any));
                    assert.deepEqual(copy, threePasses(wire));
                    assert.deepEqual(Object.keys(copy!), Object.keys(threePasses(wire) as object), "in the same order");
                    assert.ok(frozenThroughout(copy));
                }),
                { numRuns: 300 },
            );
        });

        it("stops at the same depth as the copy, a secret's wrapper not counting as a level", () => {
            let deep: any = "bottom";
            for (let i = 0; i < 150; i++) deep = i % 3 === 0 ? secret({ n: deep }) : i % 3 === 1 ? [deep] : { n: deep };
            assert.deepEqual(snapshotStruct(Struct.fromJavaScript({ deep })), threePasses({ deep }));
        });

        it("keeps a top-level property named like the signature key, and a nested one whose signature is empty, as the runtime does", () => {
            for (const wire of [{ [SIG]: ASSET, text: "t" }, { nested: { [SIG]: "", a: 1 } }, { nested: { [SIG]: null, a: [false] } }, { nested: { [SIG]: 0 } }]) {
                assert.deepEqual(snapshotStruct(Struct.fromJavaScript(wire as any)), threePasses(wire), JSON.stringify(wire));
            }
        });

        it("leaves to the runtime what it turns into objects of its own or rejects: assets, unknown signatures, a secret without a value, an unset value", () => {
            for (const odd of [{ [SIG]: ASSET, text: "t" }, { [SIG]: "not-a-signature" }, { [SIG]: "1b47061264138c4ac30d75fd1eb44270" }]) {
                assert.equal(snapshotStruct(Struct.fromJavaScript({ code: odd } as any)), undefined, JSON.stringify(odd));
            }
            const unset = Struct.fromJavaScript({ a: 1 });
            unset.getFieldsMap().set("b", new Value());
            assert.equal(snapshotStruct(unset), undefined);
        });

        it("drops a `__proto__` key, which the runtime's conversion turns into a prototype", () => {
            const struct = Struct.fromJavaScript({ a: 1 });
            struct.getFieldsMap().set("__proto__", Value.fromJavaScript({ polluted: true }));
            const copy = snapshotStruct(struct)!;
            assert.deepEqual(Object.keys(copy), ["a"]);
            assert.equal((copy as any).polluted, undefined);
            assert.equal(Object.getPrototypeOf(copy), Object.prototype);
        });
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
