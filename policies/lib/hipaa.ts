/**
 * The HIPAA Security Rule sections (45 CFR Part 164) that controls may cite. Citations are keys of
 * this table, so a typo in a control does not compile, and the docs can print a section index.
 */
export const HIPAA_SECTIONS = {
    "164.308(a)(3)(i)": "Workforce security",
    "164.308(a)(3)(ii)(A)": "Authorization and/or supervision",
    "164.308(a)(3)(ii)(B)": "Workforce clearance procedure",
    "164.308(a)(3)(ii)(C)": "Termination procedures",
    "164.308(a)(4)(ii)(B)": "Access authorization",
    "164.308(a)(4)(ii)(C)": "Access establishment and modification",
    "164.308(a)(5)(ii)(C)": "Log-in monitoring",
    "164.308(a)(5)(ii)(D)": "Password management",
    "164.312(a)(1)": "Access control",
    "164.312(a)(2)(iv)": "Encryption and decryption",
    "164.312(b)": "Audit controls",
    "164.312(c)(1)": "Integrity",
    "164.312(d)": "Person or entity authentication",
    "164.312(e)(1)": "Transmission security",
    "164.316(b)(2)": "Documentation: time limit, availability and updates",
} as const;

export type HipaaSection = keyof typeof HIPAA_SECTIONS;

/**
 * Why a section applies: "rule" when the section's text requires it, "prowler" when Prowler's
 * HIPAA mapping links the check to it, "inferred" when it follows from the section's purpose.
 */
export type CitationBasis = "rule" | "prowler" | "inferred";

export interface Citation {
    section: HipaaSection;
    basis: CitationBasis;
}

export const rule = (section: HipaaSection): Citation => ({ section, basis: "rule" });
export const prowler = (section: HipaaSection): Citation => ({ section, basis: "prowler" });
export const inferred = (section: HipaaSection): Citation => ({ section, basis: "inferred" });
