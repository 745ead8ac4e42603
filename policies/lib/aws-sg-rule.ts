import { isInternetPrefix } from "./nsg-rule";
import { types } from "./type-tokens";
import { asList, asNumber, isObject, isUnknown, Plain, PlainObject, UNKNOWN, Unknown } from "./values";

export type Direction = "ingress" | "egress";

const NATIVE_GROUP = "aws-native:ec2:SecurityGroup";

/**
 * Security groups whose rules are written inline: @pulumi/aws `ingress` / `egress` blocks,
 * aws-native `securityGroupIngress` / `securityGroupEgress` (CloudFormation's shape).
 */
export const SECURITY_GROUPS = types("aws:ec2/securityGroup:SecurityGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", NATIVE_GROUP);
/** The classic standalone rule, whose `type` says its direction. */
export const SECURITY_GROUP_RULES = types("aws:ec2/securityGroupRule:SecurityGroupRule");
/** Standalone rules of one direction: the vpc rule resources and aws-native's SecurityGroupIngress / SecurityGroupEgress. */
const DIRECTED_RULES: Record<Direction, readonly string[]> = {
    ingress: ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws-native:ec2:SecurityGroupIngress"],
    egress: ["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "aws-native:ec2:SecurityGroupEgress"],
};

/** Every resource type that can hold a security-group rule of the given direction. */
export const sgRuleTypes = (direction: Direction) =>
    types(...SECURITY_GROUPS.canonical, ...SECURITY_GROUP_RULES.canonical, ...DIRECTED_RULES[direction]);

/** The property of a group that lists its inline rules of one direction. */
export function inlineRulesProp(type: string, direction: Direction): string {
    return type === NATIVE_GROUP ? (direction === "ingress" ? "securityGroupIngress" : "securityGroupEgress") : direction;
}

/**
 * The rule EC2 adds to a VPC security group created without egress rules, which CloudFormation (and
 * so aws-native) keeps: all traffic to anywhere. @pulumi/aws removes it, so only aws-native has it.
 */
const DEFAULT_EGRESS: PlainObject = { ipProtocol: "-1", cidrIp: "0.0.0.0/0" };

/** One rule: `at` prefixes its fields' paths (`egress[0].`, or "" for a standalone rule). */
export interface SgRule {
    at: string;
    props: PlainObject;
    /** Set for a rule no property writes (aws-native's default egress), saying where it comes from. */
    implicit?: string;
}

/**
 * The rules of one direction held by a resource: a group's inline blocks, a SecurityGroupRule of
 * that `type`, or the vpc rule resource of that direction. UNKNOWN when the list (or a rule's
 * direction) is unknown at preview.
 */
export function sgRules(type: string, props: PlainObject, direction: Direction): SgRule[] | Unknown {
    if (SECURITY_GROUPS.has(type)) {
        const prop = inlineRulesProp(type, direction);
        const list = asList(props[prop]);
        if (isUnknown(list) || list.some(isUnknown)) return UNKNOWN;
        if (type === NATIVE_GROUP && direction === "egress" && list.length === 0) {
            return [{ at: `${prop}.`, props: DEFAULT_EGRESS, implicit: "the default egress rule CloudFormation keeps when securityGroupEgress is empty" }];
        }
        const out: SgRule[] = [];
        list.forEach((rule, i) => {
            if (isObject(rule)) out.push({ at: `${prop}[${i}].`, props: rule });
        });
        return out;
    }
    if (SECURITY_GROUP_RULES.has(type)) {
        const kind = props.type;
        if (isUnknown(kind)) return UNKNOWN;
        return typeof kind === "string" && kind.trim().toLowerCase() === direction ? [{ at: "", props }] : [];
    }
    return DIRECTED_RULES[direction].includes(type) ? [{ at: "", props }] : [];
}

/** A CIDR a rule opens to, with the path of the field that holds it. */
export interface RuleCidr {
    at: string;
    cidr: string;
}

const LIST_FIELDS = ["cidrBlocks", "ipv6CidrBlocks"];
// cidrIp is aws-native's (CloudFormation's) IPv4 field.
const SINGLE_FIELDS = ["cidrIpv4", "cidrIpv6", "cidrIp"];

/**
 * The IPv4 and IPv6 CIDRs of a rule in every shape the provider accepts (`cidrBlocks` /
 * `ipv6CidrBlocks` lists, the vpc rules' single `cidrIpv4` / `cidrIpv6`). Prefix lists and
 * security-group references name specific peers and are not returned.
 */
export function ruleCidrs(rule: SgRule): RuleCidr[] | Unknown {
    const out: RuleCidr[] = [];
    for (const field of LIST_FIELDS) {
        const list = asList(rule.props[field]);
        if (isUnknown(list) || list.some(isUnknown)) return UNKNOWN;
        list.forEach((c, i) => {
            if (typeof c === "string" && c.trim() !== "") out.push({ at: `${rule.at}${field}[${i}]`, cidr: c.trim() });
        });
    }
    for (const field of SINGLE_FIELDS) {
        const c = rule.props[field];
        if (isUnknown(c)) return UNKNOWN;
        if (typeof c === "string" && c.trim() !== "") out.push({ at: `${rule.at}${field}`, cidr: c.trim() });
    }
    return out;
}

/** CIDRs that reach the internet (0.0.0.0/0, ::/0 and splits as wide as 0.0.0.0/1), less the allowed ones. */
export function internetCidrs(cidrs: RuleCidr[], allowed: readonly string[]): RuleCidr[] {
    const exempt = new Set(allowed.map((a) => a.trim().toLowerCase()));
    return cidrs.filter((c) => isInternetPrefix(c.cidr) && !exempt.has(c.cidr.toLowerCase()));
}

/** What traffic a rule admits: every protocol, or a port range of TCP/UDP, or another protocol. */
export interface RuleTraffic {
    protocol: "all" | "tcp" | "udp" | "other";
    /** Inclusive port range; 0-65535 for all traffic. Meaningless for "other" (ICMP types). */
    from: number;
    to: number;
}

const PROTOCOLS: Record<string, RuleTraffic["protocol"]> = { "-1": "all", all: "all", tcp: "tcp", "6": "tcp", udp: "udp", "17": "udp" };

/** Reads a rule's protocol (`protocol` or the vpc rules' `ipProtocol`) and port range. */
export function ruleTraffic(rule: SgRule): RuleTraffic | Unknown {
    const raw: Plain = rule.props.protocol !== undefined ? rule.props.protocol : rule.props.ipProtocol;
    if (isUnknown(raw)) return UNKNOWN;
    const protocol = PROTOCOLS[String(raw ?? "").trim().toLowerCase()] ?? "other";
    if (protocol === "all") return { protocol, from: 0, to: 65535 };
    const from = asNumber(rule.props.fromPort);
    const to = asNumber(rule.props.toPort);
    if (isUnknown(from) || isUnknown(to)) return UNKNOWN;
    // A missing or negative bound leaves that end of the range open.
    return { protocol, from: from === undefined || from < 0 ? 0 : from, to: to === undefined || to < 0 ? 65535 : to };
}

/** True when the rule admits every port: all protocols, or TCP/UDP 0-65535. */
export function allPorts(t: RuleTraffic): boolean {
    return t.protocol === "all" || (t.protocol !== "other" && t.from <= 0 && t.to >= 65535);
}

/** The listed ports that a rule's range admits (ranges such as 20-25 cover 22). */
export function coveredPorts(t: RuleTraffic, ports: readonly number[]): number[] {
    if (t.protocol === "other") return [];
    return ports.filter((p) => p >= t.from && p <= t.to);
}

/** A human description of the traffic, made of protocol names and port numbers only. */
export function describeTraffic(t: RuleTraffic): string {
    if (t.protocol === "all") return "all protocols";
    if (t.protocol === "other") return "a non-TCP/UDP protocol";
    return t.from === t.to ? `${t.protocol} port ${t.from}` : `${t.protocol} ports ${t.from}-${t.to}`;
}
