import { UnknownValueError } from "@pulumi/policy";

/**
 * A preview value the engine could not know yet. Resource properties are copied out of the
 * runtime's unknown-checking proxy into plain data where every unknown becomes this marker, so a
 * control decides explicitly what an unknown means instead of letting an exception escape.
 */
export class Unknown {
    // A private member makes the type nominal: strings and objects are not structurally Unknown.
    protected readonly brand = "unknown";
    private constructor() {}
    static readonly value = new Unknown();
    toString(): string {
        return "<unknown>";
    }
}
export const UNKNOWN = Unknown.value;

export type Plain = null | undefined | boolean | number | string | Unknown | Plain[] | PlainObject;
export interface PlainObject {
    [key: string]: Plain;
}

export function isUnknown(v: unknown): v is Unknown {
    return v === UNKNOWN;
}

/** Whether a text value is given: non-blank, or unknown at preview (another resource's output, which will be set). */
export const isGivenText = (v: unknown): boolean => isUnknown(v) || (typeof v === "string" && v.trim() !== "");

/**
 * The runtime's deserializer turns each unknown preview value into a sentinel string, and its proxy
 * throws when one is read. Copying from the proxy's target and matching the sentinels gives the same
 * answer without a wrapper per nested object and an exception per unknown, which made the copy one of
 * the pack's largest costs. Without the sentinels (another SDK shape) copies go through the proxy.
 */
const SENTINELS = runtimeUnknownSentinels();

function runtimeUnknownSentinels(): ReadonlySet<unknown> | undefined {
    try {
        const proxy = require("@pulumi/policy/proxy") as Record<string, unknown>;
        const values = Object.keys(proxy).filter((k) => /^unknown[A-Z]\w*Value$/.test(k)).map((k) => proxy[k]);
        return values.length > 0 && values.every((v) => typeof v === "string") ? new Set(values) : undefined;
    } catch {
        return undefined;
    }
}

/**
 * Copies a (possibly proxied) value into frozen plain data, turning unknown preview values into
 * UNKNOWN. Frozen, because controls share the copy.
 */
export function snapshot(value: unknown, depth = 0): Plain {
    // Deeply nested input cannot be a real resource; stop rather than overflow the stack.
    if (depth > 64) return UNKNOWN;
    if (value === null || value === undefined) return value;
    if (typeof value !== "object") {
        if (typeof value === "string") return SENTINELS?.has(value) ? UNKNOWN : value;
        return typeof value === "boolean" || typeof value === "number" ? value : undefined;
    }
    const source = value as Record<string, unknown>;
    if (Array.isArray(source)) {
        const out: Plain[] = [];
        for (let i = 0; i < source.length; i++) out.push(readChild(source, i, depth));
        return Object.freeze(out) as Plain[];
    }
    const out: PlainObject = {};
    for (const key of Object.keys(source)) out[key] = readChild(source, key, depth);
    return Object.freeze(out);
}

function readChild(source: any, key: string | number, depth: number): Plain {
    try {
        return snapshot(source[key], depth + 1);
    } catch (e) {
        if (e instanceof UnknownValueError) return UNKNOWN;
        throw e;
    }
}

/**
 * Every control of one request sees the same deserialized properties behind the runtime's proxy
 * (patches/ makes the runtime build them once per request); copies are memoized by that object so
 * each resource is copied once per request, not once per control.
 */
const copies = new WeakMap<object, Plain>();
const PROXY_TARGET = "__getSpecialProxyTarget"; // @pulumi/policy's proxy hands out its target under this key

/** The object behind the runtime's unknown-checking proxy, or undefined for a plain value. */
export function proxyTarget(props: unknown): object | undefined {
    const target = props && typeof props === "object" ? (props as Record<string, unknown>)[PROXY_TARGET] : undefined;
    return target && typeof target === "object" ? target : undefined;
}

// The controls of one Analyze request run one after another on the same proxy: remember the last.
let lastProps: unknown;
let lastCopy: Plain;

export function sharedSnapshot(props: unknown): Plain {
    if (props === lastProps && props !== undefined) return lastCopy;
    const target = proxyTarget(props);
    if (!target) return snapshot(props);
    let copy = copies.get(target);
    if (copy === undefined) {
        copy = snapshot(SENTINELS ? target : props);
        copies.set(target, copy);
    }
    lastProps = props;
    lastCopy = copy;
    return copy;
}

/** The parts of google.protobuf.Struct and Value that a request's properties are read through. */
export interface ProtoStruct {
    getFieldsMap(): { forEach(visit: (value: ProtoValue, key: string) => void): void; get(key: string): ProtoValue | undefined };
}
interface ProtoValue {
    getKindCase(): number;
    getNumberValue(): number;
    getStringValue(): string;
    getBoolValue(): boolean;
    getStructValue(): ProtoStruct | undefined;
    getListValue(): { getValuesList(): ProtoValue[] } | undefined;
}

// Value's kind is its oneof field number (google/protobuf/struct.proto), fixed by the format.
const NULL_VALUE = 1;
const NUMBER_VALUE = 2;
const STRING_VALUE = 3;
const BOOL_VALUE = 4;
const STRUCT_VALUE = 5;
const LIST_VALUE = 6;

/** Declines a conversion: the runtime would make an object of its own (an asset, an archive) or throw. */
class Declined extends Error {}

let signatures: { key: string; secret: string } | undefined;

/**
 * What `plainObject(sharedSnapshot(props))` gives for the properties the runtime would deserialize
 * from this request struct, in one pass instead of three (the runtime's conversion to JavaScript,
 * its deserialization, the copy): secrets unwrapped, unknown sentinels as UNKNOWN, frozen.
 * Undefined where the runtime's own reading must decide (assets and archives, which it turns into
 * objects, and values it rejects), and when the runtime's sentinels are not known.
 */
export function snapshotStruct(struct: ProtoStruct): PlainObject | undefined {
    if (!SENTINELS) return undefined;
    // Loaded here: only a stack request of the engine's runtime comes this way.
    signatures ??= (({ specialSigKey, specialSecretSig }) => ({ key: specialSigKey, secret: specialSecretSig }))(require("@pulumi/pulumi/runtime/rpc"));
    try {
        // The top level is the properties themselves, never a signed value: always an object.
        return structSnapshot(struct, 0, false) as PlainObject;
    } catch (e) {
        if (e instanceof Declined) return undefined;
        throw e;
    }
}

function structSnapshot(struct: ProtoStruct, depth: number, signed: boolean): Plain {
    const fields = struct.getFieldsMap();
    if (signed) {
        const sig = fields.get(signatures!.key);
        if (sig !== undefined && isTruthy(sig)) {
            if (sig.getKindCase() !== STRING_VALUE || sig.getStringValue() !== signatures!.secret) throw new Declined();
            // A secret is its value, at the same depth (deserializeProperty unwraps it).
            const value = fields.get("value");
            if (value === undefined) throw new Declined();
            return valueSnapshot(value, depth);
        }
    }
    const out: PlainObject = {};
    fields.forEach((value, key) => {
        // toJavaScript's assignment of `__proto__` sets a prototype, which the copies never carry.
        if (key !== "__proto__") out[key] = valueSnapshot(value, depth + 1);
    });
    return Object.freeze(out);
}

function valueSnapshot(value: ProtoValue, depth: number): Plain {
    if (depth > 64) return UNKNOWN;
    switch (value.getKindCase()) {
        case NULL_VALUE:
            return null;
        case NUMBER_VALUE:
            return value.getNumberValue();
        case STRING_VALUE: {
            const s = value.getStringValue();
            return SENTINELS!.has(s) ? UNKNOWN : s;
        }
        case BOOL_VALUE:
            return value.getBoolValue();
        case STRUCT_VALUE:
            return structSnapshot(value.getStructValue()!, depth, true);
        case LIST_VALUE: {
            const out: Plain[] = [];
            for (const item of value.getListValue()!.getValuesList()) out.push(valueSnapshot(item, depth + 1));
            return Object.freeze(out) as Plain[];
        }
        default:
            throw new Declined();
    }
}

/** Whether the JavaScript value of a signature field is truthy, as deserializeProperty tests it. */
function isTruthy(v: ProtoValue): boolean {
    switch (v.getKindCase()) {
        case NUMBER_VALUE:
            return v.getNumberValue() !== 0 && !Number.isNaN(v.getNumberValue());
        case STRING_VALUE:
            return v.getStringValue() !== "";
        case BOOL_VALUE:
            return v.getBoolValue();
        case STRUCT_VALUE:
        case LIST_VALUE:
            return true;
        default:
            return false;
    }
}

/**
 * What `sharedSnapshot(props)[key]` would be, copying only that property unless the whole resource
 * is copied already: the settings policy reads every resource's tags, and most resources are read
 * by no control.
 */
export function sharedProperty(props: unknown, key: string): Plain {
    const target = SENTINELS ? proxyTarget(props) : undefined;
    const copy = target ? copies.get(target) : sharedSnapshot(props);
    if (copy !== undefined) return isObject(copy) && hasOwn(copy, key) ? copy[key] : undefined;
    return hasOwn(target!, key) ? snapshot((target as Record<string, unknown>)[key], 1) : undefined;
}

const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/**
 * What `sharedSnapshot(props)[key]` would be when that is a string, or undefined, without copying
 * `props`: read from the runtime proxy's target when the unknown sentinels are known.
 */
export function knownStringIn(props: unknown, key: string): string | undefined {
    const target = SENTINELS ? proxyTarget(props) : undefined;
    if (!target) {
        const copy = sharedSnapshot(props);
        const v = isObject(copy) ? copy[key] : undefined;
        return typeof v === "string" ? v : undefined;
    }
    return knownString((target as Record<string, unknown>)[key]);
}

/** Whether knownString can tell the runtime's unknown sentinels from known strings. */
export const KNOWS_RUNTIME_SENTINELS = SENTINELS !== undefined;

/** A value as the runtime deserialized it, when it is a known string (not an unknown preview value's sentinel). */
export function knownString(v: unknown): string | undefined {
    return typeof v === "string" && !SENTINELS!.has(v) ? v : undefined;
}

/** True when the value, or anything inside it, is unknown. */
export function containsUnknown(v: Plain): boolean {
    if (isUnknown(v)) return true;
    if (Array.isArray(v)) return v.some(containsUnknown);
    if (v && typeof v === "object") return Object.values(v).some(containsUnknown);
    return false;
}

export function isObject(v: Plain): v is PlainObject {
    return typeof v === "object" && v !== null && !Array.isArray(v) && !isUnknown(v);
}

/** Reads a dotted path ("encryption.keySource") through objects; arrays are not traversed. */
export function at(v: Plain, path: string): Plain {
    let cur: Plain = v;
    for (const key of path.split(".")) {
        if (isUnknown(cur)) return UNKNOWN;
        if (!isObject(cur)) return undefined;
        cur = cur[key];
    }
    return cur;
}

/** A list-valued property: undefined/null is empty, a single value becomes a one-item list. */
export function asList(v: Plain): Plain[] | Unknown {
    if (isUnknown(v)) return UNKNOWN;
    if (v === undefined || v === null) return [];
    return Array.isArray(v) ? v : [v];
}

/** Interprets booleans as the providers accept them: true/false or "true"/"false". */
export function asBool(v: Plain): boolean | undefined | Unknown {
    if (isUnknown(v)) return UNKNOWN;
    if (typeof v === "boolean") return v;
    if (typeof v === "string" && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === "true";
    return undefined;
}

export function asNumber(v: Plain): number | undefined | Unknown {
    if (isUnknown(v)) return UNKNOWN;
    if (typeof v === "number" && Number.isFinite(v)) return v;
    if (typeof v === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
    return undefined;
}

export function asString(v: Plain): string | undefined | Unknown {
    if (isUnknown(v)) return UNKNOWN;
    return typeof v === "string" ? v : undefined;
}
