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
} from "../../engine/resource";

/**
 * Property values of a saved file (a stack export, a preview) turned into what the engine sends a
 * policy pack. The file holds values as pulumi/pulumi's state serializer writes them
 * (pkg/resource/stack/deployment.go, SerializePropertyValue); the engine reads them back
 * (DeserializePropertyValue) and marshals them for an analyzer with secrets and unknowns kept,
 * resource references reduced to an id or URN and output values to their element
 * (sdk/go/common/resource/plugin/rpc.go, MarshalPropertyValue). The pack's runtime rejects every
 * other signature (node_modules/@pulumi/policy/deserialize.js: "Unrecognized signature"), so
 * nothing else may reach it.
 */

/** Why a value of a saved target could not be read by the scan. */
export type UnreadableReason = "encrypted" | "hidden" | "secure-config" | "unknown";

export interface UnreadableValue {
    urn: string;
    /** Property path of the value, e.g. `policy` or `environment.variables.TOKEN`. */
    path: string;
    reason: UnreadableReason;
}

/** A value Pulumi itself would refuse to read; `path` says where it is. */
export class MalformedValue extends Error {
    constructor(
        readonly path: string,
        message: string,
    ) {
        super(message);
    }
}

/**
 * Deeper values are not a real resource's (the pack's own copy stops at 64 levels); and far deeper
 * ones overflow the protobuf encoder's recursion before they reach the pack.
 */
export const MAX_NESTING = 256;

/** The string `pulumi preview --json` writes for every secret (pkg/backend/display/json.go, MassageSecrets). */
export const PREVIEW_SECRET = "[secret]";

export interface WireOptions {
    /** The value comes from `pulumi preview --json`, which shows secrets as "[secret]". */
    preview?: boolean;
    /**
     * The value is inside a secret's plaintext. Pulumi serializes it with a no-op encrypter and reads
     * it back with a no-op decrypter, so a secret nested there holds its plaintext as `ciphertext`.
     */
    decrypted?: boolean;
    /** Called for each value the scan cannot read. */
    unreadable(path: string, reason: UnreadableReason): void;
}

/** `a.b`, `a[0]`, `a["x.y"]`: Pulumi's property path syntax. */
export function childPath(path: string, key: string | number): string {
    if (typeof key === "number") return `${path}[${key}]`;
    if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key)) return path ? `${path}.${key}` : key;
    return `${path}[${JSON.stringify(key)}]`;
}

/** Objects are built without a prototype to set, so a key named `__proto__` is just a key. */
export function plainObject(entries: [string, unknown][]): Record<string, unknown> {
    return Object.fromEntries(entries);
}

/** A path as it fits in a one-line message: a deeply nested one is cut short. */
export const shortPath = (path: string) => (path.length > 80 ? `${path.slice(0, 60)}...` : path);

export function toWire(value: unknown, opts: WireOptions, path = "", depth = 0): unknown {
    if (depth > MAX_NESTING) throw new MalformedValue(shortPath(path), `is nested more than ${MAX_NESTING} levels deep`);
    if (value === null || typeof value === "boolean" || typeof value === "number") return value;
    if (typeof value === "string") {
        if (opts.preview && value === PREVIEW_SECRET) {
            opts.unreadable(path, "hidden");
            return wireSecret(UNKNOWN_WIRE_VALUE);
        }
        // State holds the computed placeholder only for a value an unfinished operation left unknown.
        if (!opts.preview && value === UNKNOWN_WIRE_VALUE) opts.unreadable(path, "unknown");
        return value;
    }
    if (Array.isArray(value)) return value.map((v, i) => toWire(v, opts, childPath(path, i), depth + 1));
    if (typeof value !== "object") throw new MalformedValue(path, `holds a ${typeof value}`);
    const o = value as Record<string, unknown>;
    if (!(SIG_KEY in o)) return plainObject(Object.entries(o).map(([k, v]) => [k, toWire(v, opts, childPath(path, k), depth + 1)]));
    const sig = o[SIG_KEY];
    switch (sig) {
        case SECRET_SIG:
            return secretToWire(o, opts, path, depth);
        case ASSET_SIG:
            return assetToWire(o, path);
        case ARCHIVE_SIG:
            return archiveToWire(o, path, depth);
        case RESOURCE_REFERENCE_SIG:
            return referenceToWire(o, path);
        case OUTPUT_VALUE_SIG:
            return outputToWire(o, opts, path, depth);
        case BYTE_STRING_SIG:
            return byteStringToWire(o, path);
        case FLOAT_SIG:
            return floatToWire(o, path);
        default:
            throw new MalformedValue(path, "has an unrecognized signature (not a secret, asset, archive, resource reference, output value or byte string)");
    }
}

/** pkg/resource/stack/deployment.go, deserializeSecret: exactly one of ciphertext and plaintext, a non-empty string. */
function secretToWire(o: Record<string, unknown>, opts: WireOptions, path: string, depth: number): unknown {
    const given = (k: string) => typeof o[k] === "string" && o[k] !== "";
    if (given("ciphertext") === given("plaintext")) throw new MalformedValue(path, "is a malformed secret: exactly one of ciphertext or plaintext must be a non-empty string");
    if (given("ciphertext") && !opts.decrypted) {
        opts.unreadable(path, "encrypted");
        return wireSecret(UNKNOWN_WIRE_VALUE);
    }
    let inner: unknown;
    try {
        inner = JSON.parse((given("plaintext") ? o.plaintext : o.ciphertext) as string);
    } catch {
        throw new MalformedValue(path, "is a malformed secret: its plaintext is not JSON");
    }
    return wireSecret(toWire(inner, { ...opts, decrypted: true }, path, depth + 1));
}

function optionalString(o: Record<string, unknown>, key: string, path: string, what: string): string {
    const v = o[key];
    if (v === undefined) return "";
    if (typeof v !== "string") throw new MalformedValue(path, `is a malformed ${what}: its ${key} is not a string`);
    return v;
}

/**
 * The runtime builds a FileAsset, StringAsset or RemoteAsset from the first non-empty one of path,
 * text and uri, and throws on anything else. An asset it cannot build (empty text, or only a hash
 * as when contents are elided) goes as the engine's unknown asset.
 */
function assetToWire(o: Record<string, unknown>, path: string): unknown {
    const fields = Object.fromEntries(["hash", "path", "text", "uri"].map((k) => [k, optionalString(o, k, path, "asset")]));
    for (const k of ["path", "text", "uri"]) if (fields[k]) return { [SIG_KEY]: ASSET_SIG, [k]: fields[k] };
    return UNKNOWN_ASSET_WIRE_VALUE;
}

function archiveToWire(o: Record<string, unknown>, path: string, depth: number): unknown {
    optionalString(o, "hash", path, "archive");
    const filePath = optionalString(o, "path", path, "archive");
    if (filePath) return { [SIG_KEY]: ARCHIVE_SIG, path: filePath };
    const uri = optionalString(o, "uri", path, "archive");
    if (uri) return { [SIG_KEY]: ARCHIVE_SIG, uri };
    if (o.assets === undefined) return { [SIG_KEY]: ARCHIVE_SIG, assets: {} };
    if (!o.assets || typeof o.assets !== "object" || Array.isArray(o.assets)) throw new MalformedValue(path, "is a malformed archive: its assets are not an object");
    const members: [string, unknown][] = [];
    for (const [name, member] of Object.entries(o.assets as Record<string, unknown>)) {
        const at = childPath(childPath(path, "assets"), name);
        if (depth + 1 > MAX_NESTING) throw new MalformedValue(shortPath(at), `is nested more than ${MAX_NESTING} levels deep`);
        const sig = member && typeof member === "object" ? (member as Record<string, unknown>)[SIG_KEY] : undefined;
        if (sig !== ASSET_SIG && sig !== ARCHIVE_SIG) throw new MalformedValue(at, "is a malformed archive member: not an asset or archive");
        const wire = sig === ASSET_SIG ? assetToWire(member as Record<string, unknown>, at) : archiveToWire(member as Record<string, unknown>, at, depth + 1);
        // The runtime accepts only assets and archives as members: one it cannot build makes the whole archive unknown.
        if (typeof wire === "string") return UNKNOWN_ARCHIVE_WIRE_VALUE;
        members.push([name, wire]);
    }
    return { [SIG_KEY]: ARCHIVE_SIG, assets: plainObject(members) };
}

/**
 * The engine never sends a resource reference to an analyzer: a custom resource's id (unknown when
 * the id is not known yet), or a component's URN.
 */
function referenceToWire(o: Record<string, unknown>, path: string): unknown {
    if (typeof o.urn !== "string" || o.urn === "") throw new MalformedValue(path, "is a malformed resource reference: it has no urn");
    optionalString(o, "packageVersion", path, "resource reference");
    const id = o.id;
    if (id === undefined) return o.urn;
    if (typeof id === "string") return id === "" ? UNKNOWN_WIRE_VALUE : id;
    // An older serializer wrote the id as a property value object: {V: string} or {V: null} (no id).
    if (id && typeof id === "object" && "V" in id) {
        const v = (id as { V: unknown }).V;
        if (v === null || v === undefined) return o.urn;
        if (typeof v === "string") return v === "" ? UNKNOWN_WIRE_VALUE : v;
        if (v && typeof v === "object") return UNKNOWN_WIRE_VALUE;
    }
    throw new MalformedValue(path, "is a malformed resource reference: its id is not a string");
}

/** As the engine marshals an output value for a receiver that does not take them: its element, or unknown; secret kept. */
function outputToWire(o: Record<string, unknown>, opts: WireOptions, path: string, depth: number): unknown {
    if (o.secret !== undefined && typeof o.secret !== "boolean") throw new MalformedValue(path, "is a malformed output value: secret is not a boolean");
    if (o.dependencies !== undefined && !(Array.isArray(o.dependencies) && o.dependencies.every((d) => typeof d === "string"))) {
        throw new MalformedValue(path, "is a malformed output value: dependencies are not a list of URNs");
    }
    const element = "value" in o ? toWire(o.value, opts, path, depth + 1) : UNKNOWN_WIRE_VALUE;
    return o.secret ? wireSecret(element) : element;
}

/**
 * A string with bytes that are not UTF-8 (deployment v4, feature "byteString"). The engine refuses
 * to send one to an analyzer; the pack judges its UTF-8 reading, invalid bytes replaced.
 */
function byteStringToWire(o: Record<string, unknown>, path: string): string {
    const v = o.value;
    if (typeof v !== "string" || v.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) throw new MalformedValue(path, "is a malformed byte string: its value is not base64");
    return Buffer.from(v, "base64").toString("utf8");
}

/** NaN and the infinities, stored as the hexadecimal bits of a float64. */
function floatToWire(o: Record<string, unknown>, path: string): number {
    const v = o.value;
    if (typeof v !== "string" || !/^[0-9a-fA-F]{1,16}$/.test(v)) throw new MalformedValue(path, "is a malformed float: its value is not 16 hexadecimal digits");
    return Buffer.from(v.padStart(16, "0"), "hex").readDoubleBE(0);
}
