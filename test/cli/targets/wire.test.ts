import { strict as assert } from "assert";
import {
    ARCHIVE_SIG,
    ASSET_SIG,
    BYTE_STRING_SIG,
    FLOAT_SIG,
    OUTPUT_VALUE_SIG,
    RESOURCE_REFERENCE_SIG,
    SECRET_SIG,
    SIG_KEY,
    UNKNOWN_ARCHIVE_WIRE_VALUE,
    UNKNOWN_ASSET_WIRE_VALUE,
    UNKNOWN_WIRE_VALUE,
    wireSecret,
} from "../../../engine/resource";
import { childPath, MalformedValue, MAX_NESTING, toWire, UnreadableReason } from "../../../cli/targets/wire";
import { proxied } from "../../harness";

const sig = (s: string, fields: Record<string, unknown>) => ({ [SIG_KEY]: s, ...fields });

/** Converts a stack-export value, returning the wire value and what could not be read. */
function convert(value: unknown, preview = false): { wire: unknown; unreadable: [string, UnreadableReason][] } {
    const unreadable: [string, UnreadableReason][] = [];
    const wire = toWire(value, { preview, unreadable: (p, r) => unreadable.push([p, r]) }, "prop");
    // Whatever the loader passes on, the pack's runtime deserializer accepts.
    proxied({ prop: wire });
    return { wire, unreadable };
}

function malformed(value: unknown, path: RegExp, message: RegExp): void {
    assert.throws(
        () => convert(value),
        (e: unknown) => e instanceof MalformedValue && path.test(e.path) && message.test(e.message),
    );
}

describe("saved values become what the engine sends a pack", () => {
    it("passes plain JSON through", () => {
        assert.deepEqual(convert({ a: [1, "x", null, true], b: { c: "d" } }).wire, { a: [1, "x", null, true], b: { c: "d" } });
    });

    it("turns a ciphertext secret into an unknown secret and records it as encrypted", () => {
        const { wire, unreadable } = convert({ k: sig(SECRET_SIG, { ciphertext: "v1:abc" }) });
        assert.deepEqual(wire, { k: wireSecret(UNKNOWN_WIRE_VALUE) });
        assert.deepEqual(unreadable, [["prop.k", "encrypted"]]);
    });

    it("decodes a plaintext secret (--show-secrets) and keeps it secret", () => {
        assert.deepEqual(convert(sig(SECRET_SIG, { plaintext: '{"Statement":[]}' })).wire, wireSecret({ Statement: [] }));
    });

    it("reads a secret nested in a plaintext secret, whose ciphertext Pulumi writes as plaintext", () => {
        const inner = sig(SECRET_SIG, { ciphertext: '"nested"' });
        const { wire, unreadable } = convert(sig(SECRET_SIG, { plaintext: JSON.stringify({ x: inner }) }));
        assert.deepEqual(wire, wireSecret({ x: wireSecret("nested") }));
        assert.deepEqual(unreadable, []);
    });

    it('records "[secret]" in a preview as hidden, and treats it as text in a stack export', () => {
        assert.deepEqual(convert("[secret]", true), { wire: wireSecret(UNKNOWN_WIRE_VALUE), unreadable: [["prop", "hidden"]] });
        assert.deepEqual(convert("[secret]", false), { wire: "[secret]", unreadable: [] });
    });

    it("records the computed placeholder in a stack export as left unknown", () => {
        assert.deepEqual(convert(UNKNOWN_WIRE_VALUE), { wire: UNKNOWN_WIRE_VALUE, unreadable: [["prop", "unknown"]] });
    });

    it("sends a custom resource reference as its id and a component's as its URN, as the engine does", () => {
        const urn = "urn:pulumi:dev::p::aws:iam/role:Role::r";
        assert.equal(convert(sig(RESOURCE_REFERENCE_SIG, { urn, id: "role-123", packageVersion: "7.48.0" })).wire, "role-123");
        assert.equal(convert(sig(RESOURCE_REFERENCE_SIG, { urn, id: "" })).wire, UNKNOWN_WIRE_VALUE);
        assert.equal(convert(sig(RESOURCE_REFERENCE_SIG, { urn, id: { V: "role-9" } })).wire, "role-9");
        assert.equal(convert(sig(RESOURCE_REFERENCE_SIG, { urn })).wire, urn);
    });

    it("sends an output value as its element, unknown when it has none, secret when marked", () => {
        assert.equal(convert(sig(OUTPUT_VALUE_SIG, { value: "x", dependencies: ["urn:pulumi:a::b::c::d"] })).wire, "x");
        assert.equal(convert(sig(OUTPUT_VALUE_SIG, {})).wire, UNKNOWN_WIRE_VALUE);
        assert.deepEqual(convert(sig(OUTPUT_VALUE_SIG, { value: "x", secret: true })).wire, wireSecret("x"));
    });

    it("keeps assets and archives the runtime can build, and sends the rest as the engine's unknown asset or archive", () => {
        assert.deepEqual(convert(sig(ASSET_SIG, { hash: "h", path: "./a.txt" })).wire, sig(ASSET_SIG, { path: "./a.txt" }));
        assert.equal(convert(sig(ASSET_SIG, { hash: "h", text: "" })).wire, UNKNOWN_ASSET_WIRE_VALUE);
        assert.equal(convert(sig(ASSET_SIG, { hash: "h" })).wire, UNKNOWN_ASSET_WIRE_VALUE);
        assert.deepEqual(convert(sig(ARCHIVE_SIG, {})).wire, sig(ARCHIVE_SIG, { assets: {} }));
        assert.deepEqual(convert(sig(ARCHIVE_SIG, { assets: { "a.js": sig(ASSET_SIG, { text: "x" }) } })).wire, sig(ARCHIVE_SIG, { assets: { "a.js": sig(ASSET_SIG, { text: "x" }) } }));
        assert.equal(convert(sig(ARCHIVE_SIG, { assets: { "empty.txt": sig(ASSET_SIG, { text: "" }) } })).wire, UNKNOWN_ARCHIVE_WIRE_VALUE);
    });

    it("decodes a byte string (deployment v4) and a float stored as bits", () => {
        assert.equal(convert(sig(BYTE_STRING_SIG, { value: Buffer.from("ok\xff", "latin1").toString("base64") })).wire, "ok\ufffd");
        assert.equal(convert(sig(FLOAT_SIG, { value: "7ff0000000000000" })).wire, Infinity);
        assert.ok(Number.isNaN(convert(sig(FLOAT_SIG, { value: "7ff8000000000001" })).wire));
    });

    it("keeps a key named __proto__ as a key", () => {
        const wire = convert(JSON.parse('{"__proto__": {"polluted": true}}')).wire as Record<string, unknown>;
        assert.deepEqual(Object.keys(wire), ["__proto__"]);
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });

    it("names the path of each malformed value, as Pulumi's own reader would refuse it", () => {
        malformed({ a: sig(SECRET_SIG, {}) }, /^prop\.a$/, /exactly one of ciphertext or plaintext/);
        malformed({ a: sig(SECRET_SIG, { ciphertext: "x", plaintext: "1" }) }, /^prop\.a$/, /exactly one/);
        malformed({ a: sig(SECRET_SIG, { value: "wire form" }) }, /^prop\.a$/, /exactly one/);
        malformed([sig(SECRET_SIG, { plaintext: "{not json" })], /^prop\[0\]$/, /plaintext is not JSON/);
        malformed({ "a b": sig(ASSET_SIG, { path: 5 }) }, /^prop\["a b"\]$/, /asset: its path is not a string/);
        malformed(sig(ARCHIVE_SIG, { assets: [] }), /^prop$/, /archive: its assets are not an object/);
        malformed(sig(ARCHIVE_SIG, { assets: { x: "text" } }), /^prop\.assets\.x$/, /not an asset or archive/);
        malformed(sig(RESOURCE_REFERENCE_SIG, { id: "x" }), /^prop$/, /resource reference: it has no urn/);
        malformed(sig(RESOURCE_REFERENCE_SIG, { urn: "u", id: 5 }), /^prop$/, /its id is not a string/);
        malformed(sig(OUTPUT_VALUE_SIG, { secret: "yes" }), /^prop$/, /secret is not a boolean/);
        malformed(sig(BYTE_STRING_SIG, { value: "not base64!" }), /^prop$/, /byte string/);
        malformed(sig(FLOAT_SIG, { value: 1 }), /^prop$/, /float/);
        malformed({ a: sig("d0e6a833031e9bbcd3f4e8bde6ca49a5", {}) }, /^prop\.a$/, /unrecognized signature/);
        malformed({ a: sig(5 as unknown as string, {}) }, /^prop\.a$/, /unrecognized signature/);
    });

    it(`refuses values nested more than ${MAX_NESTING} levels deep, naming where`, () => {
        let deep: unknown = "leaf";
        for (let i = 0; i < 2000; i++) deep = { n: deep };
        malformed(deep, /^prop(\.n)+\.\.\.$/, /nested more than 256 levels deep/);
        let ok: unknown = "leaf";
        for (let i = 0; i < MAX_NESTING; i++) ok = [ok];
        assert.doesNotThrow(() => convert(ok));
    });

    it("writes property paths as Pulumi does", () => {
        assert.equal(childPath(childPath(childPath("", "rules"), 0), "cidr.block"), 'rules[0]["cidr.block"]');
    });
});
