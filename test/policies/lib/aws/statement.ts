import { parseDocument, Statement } from "../../../../policies/lib/iam-document";
import type { Plain } from "../../../../policies/lib/values";

/** The statements of a document, through the one reader the controls use. */
export function statements(doc: Plain): Statement[] {
    const parsed = parseDocument(doc);
    if (parsed.kind !== "ok") throw new Error(`fixture is not a readable document: ${parsed.kind}`);
    return parsed.statements;
}

export const statement = (s: Record<string, Plain>): Statement => statements({ Statement: [s] })[0];
