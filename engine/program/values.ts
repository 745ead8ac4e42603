/**
 * The values the engine gives a new resource during a preview. A provider plans a new resource's
 * outputs as its inputs plus what it computes, and what it computes is unknown until the resource
 * exists: ids, ARNs, names the cloud assigns, an identity's principal id. Which outputs a provider
 * computes is read from the provider SDK's own type declarations (sdk-types.ts), at the top level
 * and inside the nested objects the program gave (`identity: { type: "SystemAssigned" }` plans
 * `principalId` unknown).
 */
import { ResultField } from "../invokes";
import { SECRET_SIG, SIG_KEY, UNKNOWN_WIRE_VALUE } from "../resource";
import { Member, SdkTypes } from "./sdk-types";

type Wire = Record<string, unknown>;

const isPlainObject = (v: unknown): v is Wire => !!v && typeof v === "object" && !Array.isArray(v);

export class PreviewValues {
    constructor(private readonly types: SdkTypes) {}

    /** A new custom resource's planned outputs: its inputs, and unknown for each output only its provider sets. */
    previewOutputs(type: string, inputs: Wire): Wire {
        const outputs = this.types.resourceOutputs(type);
        return outputs ? this.fillObject(type, inputs, outputs, this.types.resourceInputs(type) ?? []) : { ...inputs };
    }

    /** A resource read with `Resource.get`: the engine reads its live state, which the scan cannot. */
    readOutputs(type: string, inputs: Wire): Wire {
        const members = this.types.resourceOutputs(type) ?? [];
        return { ...Object.fromEntries(members.map((m) => [m.name, UNKNOWN_WIRE_VALUE])), ...inputs };
    }

    /** The shape of an invoke's result, to answer it with unknowns. */
    invokeResultFields(token: string): ResultField[] | undefined {
        return this.types.invokeResult(token);
    }

    /**
     * An output the provider always sets and the program cannot give (no such input) is computed:
     * unknown until the resource exists. An output the program could have given but did not is
     * left unset: a Terraform-based provider plans some of those as unknown too (Optional and
     * Computed in its schema), which the SDK's types do not say.
     */
    private fillObject(token: string, given: Wire, outputs: Member[], inputs: Member[]): Wire {
        const out: Wire = { ...given };
        const inputByName = new Map(inputs.map((m) => [m.name, m]));
        for (const m of outputs) {
            if (!(m.name in out)) {
                if (!m.optional && !inputByName.has(m.name)) out[m.name] = UNKNOWN_WIRE_VALUE;
            } else if (m.ref) {
                out[m.name] = this.fillMember(token, out[m.name], m, inputByName.get(m.name)?.inputRef);
            }
        }
        return out;
    }

    private fillMember(token: string, value: unknown, m: Member, inputRef: string | undefined): unknown {
        if (isSecret(value)) return { ...value, value: this.fillMember(token, value.value, m, inputRef) };
        const nested = (v: unknown) => this.fillNested(token, v, m.ref!, inputRef);
        if (m.container === "array") return Array.isArray(value) ? value.map(nested) : value;
        if (m.container === "map") return isPlainObject(value) && !(SIG_KEY in value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nested(v)])) : value;
        return nested(value);
    }

    private fillNested(token: string, value: unknown, ref: string, inputRef: string | undefined): unknown {
        if (isSecret(value)) return { ...value, value: this.fillNested(token, value.value, ref, inputRef) };
        if (!isPlainObject(value) || SIG_KEY in value || !inputRef) return value;
        const outputs = this.types.nestedType(token, ref, "output");
        const inputs = this.types.nestedType(token, inputRef, "input");
        return outputs && inputs ? this.fillObject(token, value, outputs, inputs) : value;
    }
}

const isSecret = (v: unknown): v is Wire => isPlainObject(v) && v[SIG_KEY] === SECRET_SIG;
