import type { CheckContext, ResourceInput } from "../../control";
import { isAllow, parseDocument, Statement } from "../iam-document";
import { canonicalType } from "../type-tokens";
import { asList, isObject, isUnknown, Plain } from "../values";
import { grantsEverything } from "./privilege";
import { IDENTITY_DOCUMENT_PROPS, RIGHTS_CARRIERS, TRUST_POLICY_PROPS } from "./rights";

/** A policy document, where it sits (for messages), and the object it was read from (see parseDocument). */
export interface DocumentAt {
    at: string;
    doc: Plain;
    holder?: object;
}

/**
 * The identity-policy documents of a resource with their property paths, wherever the rights
 * table says it carries them (a permission set's inline policy as much as a role's).
 */
export function identityDocuments(r: ResourceInput): DocumentAt[] {
    const type = canonicalType(r.type);
    const prop = IDENTITY_DOCUMENT_PROPS[type];
    if (prop === undefined) return [];
    const list = RIGHTS_CARRIERS[type]?.inlineList;
    if (list?.prop !== prop) return [{ at: prop, doc: r.props[prop], holder: r.props }];
    const inline = asList(r.props[prop]);
    if (isUnknown(inline)) return [{ at: prop, doc: inline }];
    return inline.map((p, i) => ({ at: `${prop}[${i}].${list.document}`, doc: isObject(p) ? p[list.document] : p, holder: r.props }));
}

/** A role's trust policy, in either provider's shape (`assumeRolePolicy` or aws-native `assumeRolePolicyDocument`). */
export function trustDocument(role: ResourceInput): DocumentAt {
    const at = TRUST_POLICY_PROPS[canonicalType(role.type)] ?? TRUST_POLICY_PROPS["aws:iam/role:Role"];
    return { at, doc: role.props[at], holder: role.props };
}

/**
 * Parses each document and hands every statement to `visit` with its full path. A document that is
 * unknown at preview is reported as unverified; one that cannot be parsed is a violation, because
 * a check that skipped it would pass a policy nobody read.
 */
export function forEachStatement(
    docs: DocumentAt[],
    ctx: CheckContext<unknown>,
    visit: (s: Statement, at: string) => void,
    urn?: string,
): void {
    for (const { at, doc, holder } of docs) {
        if (doc === undefined || doc === null) continue;
        const parsed = parseDocument(doc, holder);
        if (parsed.kind === "unknown") ctx.unverified(at, urn);
        else if (parsed.kind === "invalid")
            ctx.fail({ problem: `${parsed.reason}, so it cannot be checked`, at, fix: "supply a valid IAM policy document", urn });
        else for (const s of parsed.statements) visit(s, `${at}.${s.path}`);
    }
}

/**
 * Like forEachStatement, for the checks that judge what a policy allows: only Allow statements are
 * visited, and a statement whose Effect is unknown at preview is reported as unverified.
 */
export function forEachAllowStatement(
    docs: DocumentAt[],
    ctx: CheckContext<unknown>,
    visit: (s: Statement, at: string) => void,
    urn?: string,
): void {
    forEachStatement(
        docs,
        ctx,
        (s, at) => {
            if (isAllow(s)) visit(s, at);
            else if (isUnknown(s.effect)) ctx.unverified(`${at}.Effect`, urn);
        },
        urn,
    );
}

/**
 * For the controls that judge grants narrower than administrator access (aws-iam-kms-wildcard,
 * aws-iam-no-service-wildcards, aws-iam-privilege-escalation): the Allow statements of a resource's
 * identity documents that aws-iam-no-admin-statements does not report. It reads the same documents
 * and owns what they say as a whole: a document unknown at preview or that cannot be parsed, an
 * unknown Effect, and a statement that grants every action on every resource (one problem, one
 * finding, whichever narrower grant it also contains). Where it cannot tell whether a statement
 * grants everything it says so at the statement, so `visit` gets a context in which a narrower
 * control's own could-not-verify there is already said, while its definite findings still count.
 */
export function forEachNarrowerGrant(resource: ResourceInput, ctx: CheckContext<any>, visit: (s: Statement, at: string, ctx: CheckContext<any>) => void): void {
    for (const { at, doc, holder } of identityDocuments(resource)) {
        if (doc === undefined || doc === null) continue;
        const parsed = parseDocument(doc, holder);
        if (parsed.kind !== "ok") continue;
        for (const s of parsed.statements) {
            if (!isAllow(s)) continue;
            const everything = grantsEverything(s);
            if (everything === true) continue;
            const path = `${at}.${s.path}`;
            visit(s, path, isUnknown(everything) ? { ...ctx, unverified: () => undefined } : ctx);
        }
    }
}
